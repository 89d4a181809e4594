"""Shared test fixtures. Tests import fakes from tests/fakes (importlib import mode)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support.server import Server, start_server, stop_server  # noqa: E402


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The real service on 127.0.0.1, started once per test session."""
    # No rate limit here: fuzzing and e2e send bursts; tests/security runs its own limited server.
    proc, srv = start_server(tmp_path_factory.mktemp("e2e"), {"NLFHIR_RATE_LIMIT_RPS": "0"})
    yield srv
    stop_server(proc)
