"""POST /v1/convert/batch: each item answered on its own; one bad item never fails the others."""

from __future__ import annotations

import pytest

from tests.support.server import Server

pytestmark = pytest.mark.e2e


def test_batch_answers_each_item(server: Server) -> None:
    r = server.post_json(
        "/v1/convert/batch",
        {
            "items": [
                {"id": "a", "text": "metformin 500 mg po bid", "patient": "Patient/1"},
                {"id": "b", "text": "order CBC", "patient": "nobody"},
                {"id": "c", "text": "lisinopril 10 mg daily"},
            ]
        },
    )
    assert r.status == 200
    body = r.json()
    assert body["request_id"] == r.headers["x-request-id"]
    a, b, c = body["results"]
    assert (a["id"], a["status"]) == ("a", 200)
    assert a["result"]["validation"]["valid"] is True
    assert (b["id"], b["status"]) == ("b", 422)
    assert b["problem"]["type"].endswith("/invalid-input")
    assert (c["id"], c["status"]) == ("c", 200)
    assert a["result"]["request_id"] != c["result"]["request_id"]


@pytest.mark.parametrize(
    "payload",
    [
        {"items": []},
        {"items": [{"id": "x"}]},
        {"items": [{"id": str(i), "text": "x"} for i in range(101)]},
    ],
)
def test_bad_batches_are_problems(server: Server, payload: object) -> None:
    r = server.post_json("/v1/convert/batch", payload)
    assert r.status == 422
    assert r.headers["content-type"].startswith("application/problem+json")
