"""A minimal EHR-side client of nl-fhir, as an integrating team would write one for its tests."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: Any


class NlFhirClient:
    def __init__(self, base_url: str) -> None:
        self.base = base_url.rstrip("/")

    def _post(self, path: str, payload: object, content_type: str = "application/json") -> Reply:
        req = urllib.request.Request(  # noqa: S310 - the base URL is the test's own server
            self.base + path,
            data=json.dumps(payload).encode(),
            method="POST",
            headers={"Content-Type": content_type, "Accept": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310
                return Reply(resp.status, resp.headers["Content-Type"], json.loads(resp.read()))
        except urllib.error.HTTPError as e:
            return Reply(e.code, e.headers["Content-Type"], json.loads(e.read()))

    def convert(self, text: str, patient: str | None = None) -> Reply:
        body: dict[str, str] = {"text": text}
        if patient:
            body["patient"] = patient
        return self._post("/v1/convert", body)

    def validate(self, bundle: Mapping[str, object]) -> Reply:
        return self._post("/v1/validate", bundle, "application/fhir+json")

    def execute(self, bundle: Mapping[str, object]) -> Reply:
        return self._post("/v1/execute", bundle, "application/fhir+json")
