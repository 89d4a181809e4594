#!/usr/bin/env bash
# The whole test suite, as the README and .ci/run call it. Installs the locked Python
# dependencies itself; starts (and stops) any server the tests need on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
uv sync --frozen --all-extras --quiet

echo "== pytest (unit, e2e, contract, integration)"
uv run pytest --cov --cov-branch --cov-report=term-missing:skip-covered "$@"
