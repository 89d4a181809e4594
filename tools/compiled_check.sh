#!/usr/bin/env bash
# The mypyc-compiled core (ADR 0011) must behave exactly as the Python source:
#   1. build the wheel with the compiling hook (tools/mypyc_hook.py) into dist/compiled/;
#   2. install it, with the locked dependencies, into .venv-compiled (not editable: the compiled
#      modules are the ones imported, which step 3 checks);
#   3. run the unit suite (grammar features, mapping, properties with hypothesis) against it;
#   4. compare tools/output_digest.py over every gold text under the source and the compiled build.
# Prints the compiled venv's python on its last line, for bench/compiled.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv

rm -rf dist/compiled
HATCH_BUILD_HOOK_ENABLE_CUSTOM=true uv build --wheel --out-dir dist/compiled --quiet
wheel=$(ls dist/compiled/*.whl)
case "$wheel" in
  *-py3-none-any.whl) echo "the wheel is pure Python: the mypyc hook did not run"; exit 1 ;;
esac

venv=.venv-compiled
rm -rf "$venv"
uv venv --quiet --python .venv/bin/python "$venv"
uv export --frozen --all-extras --no-emit-project --format requirements-txt --quiet \
  > "$venv/requirements.txt"
uv pip install --quiet --python "$venv/bin/python" -r "$venv/requirements.txt"
uv pip install --quiet --python "$venv/bin/python" --no-deps "$wheel"

"$venv/bin/python" - <<'EOF'
import importlib, pathlib
for name in ("nlfhir.domain.grammar.reader", "nlfhir.domain.mapping.bundle", "nlfhir.adapters.rules.extractor"):
    path = pathlib.Path(importlib.import_module(name).__file__)
    if path.suffix != ".so" or ".venv-compiled" not in str(path):
        raise SystemExit(f"{name} imports {path}, not the compiled module")
print("compiled modules are the ones imported")
EOF

# -p no:cacheprovider: the source checkout's cache stays the source run's.
"$venv/bin/python" -m pytest -q -p no:cacheprovider -m unit tests/unit

source_digest=$(uv run python tools/output_digest.py)
compiled_digest=$("$venv/bin/python" tools/output_digest.py)
echo "source:   $source_digest"
echo "compiled: $compiled_digest"
if [ "${source_digest%% *}" != "${compiled_digest%% *}" ]; then
  echo "the compiled build's output differs from the source's"
  exit 1
fi
echo "$venv/bin/python"
