#!/usr/bin/env bash
# The whole test suite and its gates, as the README and .ci/run call it, in the pipeline's order
# (the same stages as .github/workflows/ci.yml):
#   lint and types -> architecture -> unit -> compiled core -> security -> contract and API ->
#   integration (with the real HAPI FHIR server) -> coverage gate -> load and performance regression -> container.
# It installs what it needs itself (uv and the locked Python dependencies here; Maven artifacts in
# tools/hapi.sh; podman in tools/container_smoke.sh), starts and stops every server on 127.0.0.1,
# and fails when any stage fails. Arguments are passed to every pytest stage.
set -euo pipefail
cd "$(dirname "$0")/.."

stage() { printf '\n== %s (%ss)\n' "$*" "$SECONDS"; }

command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
stage "install (uv sync --frozen --all-extras)"
uv sync --frozen --all-extras --quiet

# The HAPI test server builds and boots (a few minutes cold) while the static stages run.
mkdir -p .hapi
bash tools/hapi.sh start >.hapi/start.out 2>&1 &
hapi_boot=$!
cleanup() {
  kill "$hapi_boot" 2>/dev/null || true
  bash tools/hapi.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

stage "lint: ruff check, ruff format --check"
uv run ruff check src tests tools bench
uv run ruff format --check --quiet src tests tools bench

stage "types: pyright --strict (src, tests, tools)"
uv run pyright

stage "architecture: import-linter"
uv run lint-imports

rm -f .coverage .coverage.*
pytest_stage() {
  local what=$1 marks=$2
  shift 2
  stage "tests: $what (-m \"$marks\")"
  uv run pytest --cov --cov-branch --cov-append --cov-report= -m "$marks" "$@"
}

unmarked=$(uv run pytest --collect-only -q -m "not (unit or security or contract or e2e or integration)" 2>/dev/null | grep -c '::' || true)
if [ "$unmarked" != "0" ]; then
  echo "every test needs one of the markers unit, security, contract, e2e, integration ($unmarked do not)"
  exit 1
fi

pytest_stage "unit" "unit" "$@"

stage "compiled core: mypyc wheel, unit suite and gold-set output equal to the source's (ADR 0011)"
bash tools/compiled_check.sh

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
pytest_stage "security" "security and not unit" "$@"

pytest_stage "contract and API" "(contract or e2e) and not (unit or security)" "$@"

stage "integration: waiting for the HAPI FHIR test server"
if ! wait "$hapi_boot"; then
  cat .hapi/start.out
  echo "the HAPI test server did not start"
  exit 1
fi
tail -n 3 .hapi/start.out
NLFHIR_TEST_HAPI_URL=$(bash tools/hapi.sh url)
export NLFHIR_TEST_HAPI_URL NLFHIR_REQUIRE_HAPI=1
pytest_stage "integration (HAPI, Stanza, fault injection)" \
  "integration and not (unit or security or contract or e2e)" "$@"

stage "coverage: branch coverage >= 85% over all stages"
uv run coverage combine --quiet 2>/dev/null || true
uv run coverage report --fail-under=85

bash tools/hapi.sh stop

stage "load: 100 req/s for 60 s, then a burst of 50 (bench/load.py)"
uv run python bench/load.py

stage "performance regression: /v1/convert vs /health/live against bench/baseline.json"
uv run python bench/regression.py

stage "container: build the minimal image with podman, smoke-test it on 127.0.0.1"
bash tools/container_smoke.sh

stage "all stages passed"
