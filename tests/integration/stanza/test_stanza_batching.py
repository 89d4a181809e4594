"""Concurrent requests share pipeline calls, answer the same as alone, and leave the loop free."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from nlfhir.adapters.stanza import StanzaExtractor, StanzaSettings
from nlfhir.adapters.terminology.tables import TableTerminology

pytestmark = [pytest.mark.integration, pytest.mark.requires_stanza]

TEXTS = [
    f"Start {drug} {dose} mg PO {freq}"
    for drug, dose, freq in zip(
        ("zelvoraxin", "metformin", "quorvastat", "lisinopril") * 8,
        range(5, 165, 5),
        ("daily", "BID", "TID", "at bedtime") * 8,
        strict=True,
    )
]


@pytest.fixture
async def fresh(stanza_model_dir: Path, terminology: TableTerminology) -> StanzaExtractor:
    """Its own batcher (bound to this test's loop), sharing nothing with other tests."""
    x = StanzaExtractor(
        StanzaSettings(model_dir=stanza_model_dir, batch_window_ms=5, batch_max=16), terminology
    )
    x.load()
    return x


async def _max_tick_gap(stop: asyncio.Event) -> float:
    worst, last = 0.0, time.perf_counter()
    while not stop.is_set():
        await asyncio.sleep(0.002)
        now = time.perf_counter()
        worst, last = max(worst, now - last), now
    return worst


async def test_concurrent_requests_are_batched_and_answer_as_alone(
    fresh: StanzaExtractor,
) -> None:
    alone = [fresh.find_mentions(t) for t in TEXTS]
    together = await asyncio.gather(*(fresh.batcher.submit(t) for t in TEXTS))
    await fresh.aclose()
    assert list(together) == alone
    assert max(fresh.batcher.batch_sizes) > 1
    assert sum(fresh.batcher.batch_sizes) == len(TEXTS)
    assert len(fresh.batcher.batch_sizes) <= len(TEXTS) // 2


async def test_the_event_loop_keeps_ticking_while_the_model_runs(
    fresh: StanzaExtractor,
) -> None:
    stop = asyncio.Event()
    ticker = asyncio.create_task(_max_tick_gap(stop))
    started = time.perf_counter()
    for _ in range(3):
        await asyncio.gather(*(fresh.extract(t) for t in TEXTS))
    busy = time.perf_counter() - started
    stop.set()
    worst_gap = await ticker
    await fresh.aclose()
    # The model ran for `busy` seconds; the loop never waited more than a small slice of it.
    assert worst_gap < max(0.05, busy / 4), (worst_gap, busy)
