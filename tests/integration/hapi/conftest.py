"""The real HAPI FHIR test server (tools/hapi.sh start): its base URL, or a skip that names the
command. `tools/test.sh` (and so CI) starts it and sets NLFHIR_REQUIRE_HAPI=1, which turns the
skip into a failure: CI never passes by skipping these."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session")
def hapi_url() -> str:
    url = os.environ.get("NLFHIR_TEST_HAPI_URL")
    if url:
        return url
    why = "no HAPI test server: run `tools/hapi.sh start` and export NLFHIR_TEST_HAPI_URL"
    if os.environ.get("NLFHIR_REQUIRE_HAPI") == "1":
        pytest.fail(f"NLFHIR_REQUIRE_HAPI=1 but {why}")
    pytest.skip(why)
