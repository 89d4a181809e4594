"""Hypothesis against the live API: whatever the body, no 5xx; every error is problem+json."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.server import Server

pytestmark = pytest.mark.e2e
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)
BODIES = st.one_of(
    JSONISH.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries(
        {"text": st.text(max_size=200)}, optional={"patient": st.text(max_size=30)}
    ).map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=200),
)
PATHS = st.sampled_from(["/v1/convert", "/v1/convert/batch", "/v1/validate"])
TYPES = st.sampled_from(["application/json", "application/fhir+json", "text/plain", None])


@SETTINGS
@given(PATHS, BODIES, TYPES)
def test_no_body_gets_a_server_error(
    server: Server, path: str, body: bytes, content_type: str | None
) -> None:
    r = server.call("POST", path, body, content_type)
    assert r.status < 500, r.body[:300]
    if r.status >= 400:
        assert r.headers["content-type"].startswith("application/problem+json")
        problem = r.json()
        assert problem["status"] == r.status
        assert "Traceback" not in r.body.decode("utf-8", "replace")


@SETTINGS
@given(st.text(min_size=1, max_size=300))
def test_any_text_converts_to_a_valid_bundle_or_a_clean_error(server: Server, text: str) -> None:
    r = server.post_json("/v1/convert", {"text": text})
    assert r.status in (200, 422), r.body[:300]
    if r.status == 200:
        assert r.json()["validation"]["valid"] is True
