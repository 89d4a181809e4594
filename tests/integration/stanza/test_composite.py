"""Rules first, Stanza for the rest: through the use case, the CLI-free app, and the real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from nlfhir.adapters.rules import RulesExtractor
from nlfhir.adapters.stanza import StanzaExtractor
from nlfhir.adapters.terminology.tables import TableTerminology
from nlfhir.app.extraction import CompositeExtractor
from nlfhir.domain.orders import MedicationOrder
from tests.support.server import Server, start_server, stop_server

pytestmark = [pytest.mark.integration, pytest.mark.requires_stanza]
TEXT = "Start metformin 500 mg PO BID and start zelvoraxin 20 mg PO daily"


@pytest.fixture(scope="module")
def composite(extractor: StanzaExtractor, terminology: TableTerminology) -> CompositeExtractor:
    return CompositeExtractor(RulesExtractor(terminology), extractor, terminology)


async def test_each_order_says_which_extractor_found_it(composite: CompositeExtractor) -> None:
    e = await composite.extract(TEXT)
    meds = {o.medication.text: o for o in e.orders if isinstance(o, MedicationOrder)}
    assert meds["metformin"].source == "rules"
    assert meds["metformin"].medication.coded
    assert meds["zelvoraxin"].source in ("stanza", "rules")
    assert not meds["zelvoraxin"].medication.coded
    dose = meds["zelvoraxin"].dosages[0].dose
    assert dose is not None
    assert dose.value == 20


async def test_rules_mentions_win_over_model_mentions(composite: CompositeExtractor) -> None:
    e = await composite.extract("metformin 500 mg PO BID")
    (order,) = e.orders
    assert order.source == "rules"


@pytest.fixture(scope="module")
def full_server(
    stanza_model_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    proc, srv = start_server(
        tmp_path_factory.mktemp("full"),
        {
            "NLFHIR_EXTRACTOR": "composite",
            "NLFHIR_STANZA_MODEL_DIR": str(stanza_model_dir),
            "NLFHIR_RATE_LIMIT_RPS": "0",
        },
    )
    yield srv
    stop_server(proc)


def test_ready_reports_the_loaded_model_and_labels(full_server: Server) -> None:
    checks = full_server.call("GET", "/health/ready").json()["checks"]
    stanza = checks["extractor"]["stanza"]
    assert checks["extractor"]["name"] == "composite"
    assert stanza["model"].endswith("ner.pt")
    assert "DRUG" in stanza["labels"]
    metrics = full_server.call("GET", "/metrics").body.decode()
    assert 'nlfhir_model_loaded{extractor="stanza"} 1.0' in metrics


def test_full_mode_converts_over_http(full_server: Server) -> None:
    body = full_server.post_json("/v1/convert", {"text": TEXT}).json()
    assert body["extractor"] == "composite"
    names = {o["name"]: o for o in body["orders"]}
    assert names["zelvoraxin"]["coded"] is False
    assert body["validation"]["valid"] is True


def test_missing_model_stops_start_up_with_the_fix(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "nlfhir.app.main", "convert", "metformin 500 mg po bid"],
        env={"NLFHIR_EXTRACTOR": "composite", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "NLFHIR_STANZA" in done.stderr
