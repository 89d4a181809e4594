#!/usr/bin/env bash
# Write the locked requirement files the Containerfile installs (from uv.lock, no hashes).
set -euo pipefail
cd "$(dirname "$0")/.."
uv export --frozen --no-dev --no-emit-project --no-hashes --extra server --quiet > requirements-minimal.txt
uv export --frozen --no-dev --no-emit-project --no-hashes --all-extras --quiet > requirements-full.txt
echo "wrote requirements-minimal.txt requirements-full.txt"
