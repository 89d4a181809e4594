#!/usr/bin/env bash
# The whole test suite and its gates, as the README and .ci/run call it, in the pipeline's order:
# lint and types -> architecture -> security -> tests (unit, contract, e2e, security) with the
# coverage gate. It installs the locked Python dependencies itself and starts (and stops) any
# server the tests need on 127.0.0.1. Any failing stage fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

stage() { printf '\n== %s\n' "$*"; }

command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
stage "install (uv sync --frozen --all-extras)"
uv sync --frozen --all-extras --quiet

stage "lint: ruff check, ruff format --check"
uv run ruff check src tests tools bench
uv run ruff format --check --quiet src tests tools bench

stage "types: pyright --strict (src, tests)"
uv run pyright

stage "architecture: import-linter"
uv run lint-imports

stage "security: bandit (SAST)"
uv run bandit -r src -q --severity-level medium

stage "security: pip-audit"
set +e
bash tools/pip_audit.sh
audit=$?
set -e
case $audit in
  0) ;;
  3) echo "(not audited here; see the message above)" ;;
  *) echo "pip-audit found vulnerabilities"; exit 1 ;;
esac

stage "tests: pytest with branch coverage >= 85%"
rm -f .coverage .coverage.*
uv run pytest --cov --cov-branch --cov-report=term-missing:skip-covered --cov-fail-under=85 "$@"
