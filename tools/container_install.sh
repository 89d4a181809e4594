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
  "$venv/bin/pip" install -r "/build/$requirements"
  "$venv/bin/pip" install --no-deps /build
fi
