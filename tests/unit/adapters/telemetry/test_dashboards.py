"""Every metric name used by the alert rules and the dashboard is one the service exports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nlfhir.adapters.telemetry.prometheus import PrometheusTelemetry

pytestmark = pytest.mark.unit
OBS = Path(__file__).resolve().parents[4] / "runbooks" / "observability"
_NAME = re.compile(r"\b((?:nlfhir|process|python)_[a-z_]+)\b")


def exported() -> set[str]:
    t = PrometheusTelemetry()
    t.conversion(outcome="ok", duration_s=0.1)
    t.orders(resource_type="MedicationRequest", count=1)
    t.extraction(extractor="rules", duration_s=0.1)
    t.fhir_call(operation="transaction", duration_s=0.1, error="unavailable")
    t.breaker(dependency="hapi", state="closed")
    t.model(extractor="stanza", loaded=True)
    t.validation(validator="local", result="valid", degraded=True)
    t.request(request_id="r").finish(route="/x", method="GET", status=200, duration_s=0.1)
    body, _ = t.render()
    return {
        line.split("{")[0].split(" ")[0]
        for line in body.decode().splitlines()
        if line and not line.startswith("#")
    }


def used() -> set[str]:
    lines = (OBS / "alerts.yml").read_text().splitlines()
    alerts = "\n".join(line for line in lines if "runbook:" not in line)
    dash = json.loads((OBS / "dashboard.json").read_text())
    exprs = [t["expr"] for p in dash["panels"] for t in p["targets"]]
    return set(_NAME.findall(alerts)) | {n for e in exprs for n in _NAME.findall(e)}


def test_every_used_metric_is_exported() -> None:
    names = used()
    assert len(names) >= 15
    missing = sorted(names - exported())
    assert missing == []


def test_at_least_fifteen_families() -> None:
    families = {re.sub(r"_(total|bucket|sum|count|created|info)$", "", n) for n in exported()}
    assert len(families) >= 15
