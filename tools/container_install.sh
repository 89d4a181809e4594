#!/bin/sh
# Used inside the Containerfile's builder: a venv at $1 with the locked requirements in $2 and
# nl-fhir itself. With a wheelhouse (offline builds) nothing is fetched from an index.
set -eu
venv=$1
requirements=$2
python3 -m venv "$venv"
if ls /build/wheelhouse/*.whl >/dev/null 2>&1; then
  "$venv/bin/pip" install --no-index --find-links /build/wheelhouse -r "/build/$requirements"
  "$venv/bin/pip" install --no-index --find-links /build/wheelhouse --no-deps nl-fhir
else
  # The compiled core (ADR 0011) needs a C compiler in this builder stage only.
  if ! command -v gcc >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends gcc libc6-dev >/dev/null
  fi
  "$venv/bin/pip" install -r "/build/$requirements"
  HATCH_BUILD_HOOK_ENABLE_CUSTOM=true "$venv/bin/pip" install --no-deps /build
fi
