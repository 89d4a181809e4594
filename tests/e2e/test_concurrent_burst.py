"""A bounded burst against the real server: 50 concurrent conversions, each answered whole and
with its own request id, none lost, none mixed up. Correctness under load, not speed (speed is
bench/load.py's job)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.server import Answer, Server

pytestmark = [pytest.mark.e2e, pytest.mark.load]

DRUGS = ["metformin", "lisinopril", "atorvastatin", "amoxicillin", "omeprazole"]


def test_a_burst_of_50_is_answered_each_on_its_own(server: Server) -> None:
    texts = [f"{DRUGS[i % len(DRUGS)]} {10 + i} mg PO daily" for i in range(50)]

    def convert(text: str) -> Answer:
        return server.post_json("/v1/convert", {"text": text})

    with ThreadPoolExecutor(50) as pool:
        answers = list(pool.map(convert, texts))
    assert [a.status for a in answers] == [200] * 50
    ids = {a.headers["x-request-id"] for a in answers}
    assert len(ids) == 50
    for i, answer in enumerate(answers):
        body = answer.json()
        (order,) = body["orders"]
        assert order["name"].lower().startswith(DRUGS[i % len(DRUGS)])
        request = body["bundle"]["entry"][0]["resource"]
        assert request["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]["value"] == 10 + i
        assert body["validation"]["valid"]
