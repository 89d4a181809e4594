"""Micro-batching: concurrent callers share one blocking call on one worker thread.

The consumer takes the first waiting item, everything already queued behind it and, when
``window_s`` > 0, whatever arrives within that window, up to ``max_items``; the batch goes to
``run`` in one call on a single worker thread, so the model is never used by two threads at once
and the event loop never waits on it. Items that arrive while a batch runs form the next one, so
with the default window of 0 a lone request pays no added latency and a busy service still batches.
"""

from __future__ import annotations

import asyncio
import contextlib
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

T = TypeVar("T")
R = TypeVar("R")


class MicroBatcher(Generic[T, R]):
    """``await submit(x)`` answers ``run([..., x, ...])[i]``; ``run`` must keep order and length."""

    def __init__(
        self, run: Callable[[Sequence[T]], Sequence[R]], *, window_s: float, max_items: int
    ) -> None:
        self._run = run
        self._window_s = window_s
        self._max_items = max_items
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stanza")
        self._queue: asyncio.Queue[tuple[T, asyncio.Future[R]]] | None = None
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.batch_sizes: list[int] = []

    async def submit(self, item: T) -> R:
        loop = asyncio.get_running_loop()
        if self._loop is not loop or self._queue is None:  # first use, or a new event loop
            self._loop, self._queue = loop, asyncio.Queue()
            self._task = loop.create_task(self._consume(self._queue))
        future: asyncio.Future[R] = loop.create_future()
        await self._queue.put((item, future))
        return await future

    async def _consume(self, queue: asyncio.Queue[tuple[T, asyncio.Future[R]]]) -> None:
        while True:
            batch = [await queue.get()]
            deadline = asyncio.get_running_loop().time() + self._window_s
            while len(batch) < self._max_items:
                timeout = deadline - asyncio.get_running_loop().time()
                try:
                    batch.append(queue.get_nowait() if timeout <= 0 else
                                 await asyncio.wait_for(queue.get(), timeout))  # fmt: skip
                except (TimeoutError, asyncio.QueueEmpty):
                    break
            await self._dispatch(batch)

    async def _dispatch(self, batch: list[tuple[T, asyncio.Future[R]]]) -> None:
        self.batch_sizes.append(len(batch))
        loop = asyncio.get_running_loop()
        try:
            results = await loop.run_in_executor(self._executor, self._run, [x for x, _ in batch])
        except Exception as e:  # noqa: BLE001 - handed to every caller of this batch, not swallowed
            for _, future in batch:
                if not future.done():
                    future.set_exception(e)
            return
        for (_, future), result in zip(batch, results, strict=True):
            if not future.done():
                future.set_result(result)

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._executor.shutdown(wait=True)

    def run_now(self, items: Sequence[T]) -> Sequence[R]:
        """The same call without batching, on the caller's thread (CLI, benchmarks)."""
        return self._run(items)
