"""Schemathesis fuzzes the served OpenAPI document: thousands of generated requests, no 5xx,
every response matches the document (errors are problem+json, declared per operation).

/v1/execute is left out here: without a configured FHIR server it answers 501 by design
(documented in adr/0004); the HAPI integration suite exercises it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.server import Server

pytestmark = [pytest.mark.contract, pytest.mark.slow]


def _run(server: Server, report: Path, seed: int) -> int:
    """One schemathesis run; returns how many requests it generated (all must pass)."""
    cmd = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        f"http://{server.host}:{server.port}/schema/openapi.json",
        "--checks",
        "not_a_server_error,response_schema_conformance",
        "--exclude-path",
        "/v1/execute",
        "--max-examples",
        "400",
        "--seed",
        str(seed),
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(report),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout[-4000:]
    summary = done.stdout[done.stdout.find("Test cases:") :][:200]
    assert report.stat().st_size > 0
    return int(summary.split("Test cases:")[1].split("generated")[0].strip())


def test_fuzzed_requests_never_get_a_server_error(server: Server, tmp_path: Path) -> None:
    generated = sum(_run(server, tmp_path / f"st-{seed}.ndjson", seed) for seed in (20261122, 42))
    print(f"schemathesis: {generated} generated requests, no failure")  # noqa: T201 - for the note
    assert generated >= 2000
