"""Every bundle produced from every text of the public gold sets validates on the real HAPI
with zero errors (tools/hapi_eval_report.py prints the counts and the most common warnings)."""

from __future__ import annotations

import pytest
from tools.hapi_eval_report import EVAL, validate_sets

pytestmark = [pytest.mark.integration, pytest.mark.requires_hapi, pytest.mark.slow]


async def test_every_gold_set_bundle_validates_on_hapi(hapi_url: str) -> None:
    files = sorted(EVAL.glob("*.jsonl"))
    assert files, f"no gold sets in {EVAL}"
    reports = await validate_sets(hapi_url, files)
    assert sum(r.bundles for r in reports) >= 600
    errors = {
        r.name: [d for (s, d), _ in r.issues.items() if s in ("error", "fatal")] for r in reports
    }
    assert all(not e for e in errors.values()), errors
