"""Concurrent requests share pipeline calls, answer the same as alone, and leave the loop free."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from nlfhir.adapters.stanza import StanzaExtractor, StanzaSettings
from nlfhir.adapters.stanza.pipeline import NerPipeline, TokenSpan
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


async def test_the_model_runs_off_the_event_loop(
    fresh: StanzaExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model call waits for a signal that only the event loop can give: were the model
    run on the loop's thread, the loop could never give it and the call would time out.
    (A structural check, not a timing one: it holds however loaded the machine is.)"""
    loop = asyncio.get_running_loop()
    model_started = asyncio.Event()
    loop_ran = threading.Event()
    threads: list[str] = []
    tag = NerPipeline.tag

    def gated(self: NerPipeline, batch: Sequence[Sequence[str]]) -> list[list[TokenSpan]]:
        threads.append(threading.current_thread().name)
        loop.call_soon_threadsafe(model_started.set)
        assert loop_ran.wait(30), "the event loop did not run while the model was working"
        return tag(self, batch)

    monkeypatch.setattr(NerPipeline, "tag", gated)
    pending = asyncio.gather(*(fresh.extract(t) for t in TEXTS[:4]))
    await asyncio.wait_for(model_started.wait(), 30)  # the loop runs while the model works ...
    loop_ran.set()  # ... and only it can release the model call
    results = await pending
    await fresh.aclose()
    assert len(results) == 4
    assert all(name.startswith("stanza") for name in threads)
    assert threading.current_thread().name not in threads
