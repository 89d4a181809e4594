#!/usr/bin/env bash
# Dependency vulnerability audit. In the GitHub workflow pip-audit reaches its database and its
# verdict gates the build. Where the database cannot be reached (these build machines) pip-audit
# skips every package yet still prints "No known vulnerabilities found"; this wrapper reads its
# JSON report instead, says plainly how many packages were NOT audited, and exits 3. It never
# reports a clean result it did not obtain. Exit: 0 audited clean, 1 vulnerabilities, 3 not audited.
set -uo pipefail
cd "$(dirname "$0")/.."
req=$(mktemp)
report=$(mktemp)
trap 'rm -f "$req" "$report"' EXIT
uv export --frozen --all-extras --no-hashes --no-emit-project --quiet > "$req"
timeout 300 uv run pip-audit --progress-spinner off --disable-pip --no-deps -r "$req" \
  --format json --output "$report" >/dev/null 2>&1
rc=$?
uv run python tools/pip_audit_verdict.py "$report" "$rc"
