"""A fault-injecting HTTP proxy of our own, on 127.0.0.1, between the service and HAPI.

Per request it either forwards, or injects one fault: ``latency`` (holds the request longer than
the client's read timeout, then forwards), ``drop`` (closes the connection without answering),
``reset`` (aborts with a TCP RST), ``garbage`` (200 with a body that is not FHIR). ``mode``
switches between "chaos" (faults at ``fault_rate``), "pass" and "down" (every request dropped).
It runs its own event loop in a thread, so a test can drive a service subprocess through it.
"""

from __future__ import annotations

import asyncio
import random
import socket
import struct
import threading
from collections import Counter
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web

FAULTS = ("latency", "drop", "reset", "garbage")
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


@dataclass
class ChaosProxy:
    upstream: str  # scheme://host:port, no path
    fault_rate: float = 0.3
    latency_s: float = 3.0
    seed: int = 20261122
    mode: str = "chaos"
    counts: Counter[str] = field(default_factory=Counter[str])
    _rng: random.Random = field(init=False)
    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None
    _runner: web.AppRunner | None = None
    _session: aiohttp.ClientSession | None = None
    port: int = 0

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)  # noqa: S311 - reproducible fault schedule

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> str:
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()

        def run() -> None:
            assert self._loop is not None
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(self._start())
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name="chaos-proxy", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("chaos proxy did not start")
        return self.url

    def stop(self) -> None:
        if self._loop is None or self._thread is None:
            return
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=120), auto_decompress=False
        )
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = int(self._runner.addresses[0][1])

    async def _stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    def _pick(self) -> str:
        if self.mode == "down":
            return "drop"
        if self.mode == "pass" or self._rng.random() >= self.fault_rate:
            return "pass"
        return self._rng.choice(FAULTS)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        fault = self._pick()
        self.counts[f"{request.method} {_operation(request.path)} {fault}"] += 1
        if fault in ("drop", "reset"):
            _cut(request, reset=fault == "reset")
            return web.Response(status=204)
        if fault == "garbage":
            return web.Response(status=200, body=b"\x00{not fhir", content_type="application/json")
        if fault == "latency":
            try:
                await asyncio.sleep(self.latency_s)
            except asyncio.CancelledError:
                self.counts["latency abandoned by client"] += 1
                raise
        return await self._forward(request, body)

    async def _forward(self, request: web.Request, body: bytes) -> web.Response:
        assert self._session is not None
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP_BY_HOP}
        async with self._session.request(
            request.method, self.upstream + request.path_qs, data=body, headers=headers
        ) as upstream:
            payload = await upstream.read()
            kept = {k: v for k, v in upstream.headers.items() if k.lower() not in _HOP_BY_HOP}
            return web.Response(status=upstream.status, body=payload, headers=kept)


def _operation(path: str) -> str:
    if path.endswith("$validate"):
        return "validate"
    if path.endswith("/metadata"):
        return "metadata"
    return "other"


def _cut(request: web.Request, *, reset: bool) -> None:
    transport = request.transport
    if transport is None:
        return
    sock = transport.get_extra_info("socket")
    if reset and sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        transport.abort()
    else:
        transport.close()
