#!/usr/bin/env bash
# Build the minimal image with podman and smoke-test it on 127.0.0.1 (see ../shared/notes and
# runbooks/container.md). No registry is reachable here: the base image is built with
# debootstrap, and wheels are built on the host and installed in the image with --no-index.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if ! command -v podman >/dev/null || ! command -v runc >/dev/null || ! command -v debootstrap >/dev/null; then
  apt-get update -qq && apt-get install -y -qq podman runc debootstrap >/dev/null
fi
conf=$(mktemp)
printf '[containers]\ndefault_ulimits = []\n' > "$conf"
export CONTAINERS_CONF=$conf
pm() { podman --runtime runc "$@"; }

if ! pm image exists localhost/nlfhir-base:bookworm; then
  rootfs=$(mktemp -d)
  debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates bookworm \
    "$rootfs" http://deb.debian.org/debian >/dev/null
  tar -C "$rootfs" -c . | pm import - localhost/nlfhir-base:bookworm >/dev/null
  rm -rf "$rootfs"
fi

bash tools/container_requirements.sh >/dev/null
rm -f wheelhouse/*.whl
# the compiled core (ADR 0011): the image runs what the compiled_check stage checked
HATCH_BUILD_HOOK_ENABLE_CUSTOM=true uv build --wheel --out-dir wheelhouse --quiet
uv run --with pip python -m pip wheel --quiet --no-deps -w wheelhouse -r requirements-minimal.txt

pm build --network host --build-arg BASE_IMAGE=localhost/nlfhir-base:bookworm \
  --target minimal -t localhost/nlfhir:minimal -f Containerfile "$root"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
name=nlfhir-smoke-$$
pm run -d --rm --name "$name" --network host localhost/nlfhir:minimal \
  serve --host 127.0.0.1 --port "$port" >/dev/null
trap 'pm rm -f "$name" >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then break; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null
curl -fsS -H 'Content-Type: application/json' -d '{"text":"Start metformin 500 mg PO BID"}' \
  "http://127.0.0.1:$port/v1/convert" | grep -q '"MedicationRequest"'
pm exec "$name" python3 -c 'import nlfhir.domain.grammar.reader as r; assert r.__file__.endswith(".so"), r.__file__'
echo "container smoke: minimal image (compiled core) answered /health/ready and /v1/convert on 127.0.0.1:$port"
