"""The served v1 OpenAPI document against the committed snapshot (contracts/openapi-v1.json).

To accept an additive change: `uv run python tools/openapi_snapshot.py` and commit the result.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tests.contract.openapi_diff import breaking_changes
from tests.support.server import Server

pytestmark = pytest.mark.contract
SNAPSHOT = Path(__file__).resolve().parents[2] / "contracts" / "openapi-v1.json"


def live(server: Server) -> Any:
    r = server.call("GET", "/schema/openapi.json")
    assert r.status == 200
    return r.json()


def test_no_breaking_change_against_the_snapshot(server: Server) -> None:
    assert breaking_changes(json.loads(SNAPSHOT.read_text()), live(server)) == []


def test_snapshot_is_current(server: Server) -> None:
    """Additive changes too must be recorded, so consumers see them in review."""
    snapshot = json.loads(SNAPSHOT.read_text())
    assert snapshot == live(server), "run: uv run python tools/openapi_snapshot.py"


def test_a_renamed_response_field_is_caught(server: Server) -> None:
    broken = copy.deepcopy(live(server))
    props = broken["components"]["schemas"]["ConvertResponse"]["properties"]
    props["requestId"] = props.pop("request_id")
    assert "ConvertResponse.request_id removed" in breaking_changes(
        json.loads(SNAPSHOT.read_text()), broken
    )


def test_removed_endpoint_type_change_and_new_required_field_are_caught(server: Server) -> None:
    old = live(server)
    new = copy.deepcopy(old)
    del new["paths"]["/v1/validate"]
    schemas = new["components"]["schemas"]
    schemas["ValidationView"]["properties"]["valid"] = {"type": "string"}
    body = new["paths"]["/v1/convert"]["post"]["requestBody"]
    request = body["content"]["application/json"]["schema"]
    request["required"] = [*request["required"], "patient"]
    found = breaking_changes(old, new)
    assert "path /v1/validate removed" in found
    assert "ValidationView.valid changed type boolean -> string" in found
    assert "POST /v1/convert request.patient became required" in found


def test_additive_changes_are_not_breaking(server: Server) -> None:
    old = live(server)
    new = copy.deepcopy(old)
    new["components"]["schemas"]["ConvertResponse"]["properties"]["extra"] = {"type": "string"}
    assert breaking_changes(old, new) == []
