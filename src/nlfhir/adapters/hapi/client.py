"""The one HTTP client to HAPI: a shared aiohttp session, a circuit breaker and a cap on
concurrent calls. It turns aiohttp's errors into two of its own, which the validator and the
server adapter translate into port errors.

HapiCallError
 +-- CallFailed    no usable answer (connect, timeout, reset, 5xx, garbage); counts against
 |                 the breaker. ``sent`` says whether the request may have reached HAPI.
 +-- CallRefused   not attempted: the breaker is open or every slot stayed busy
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from time import perf_counter
from typing import TYPE_CHECKING, cast

import aiohttp

from nlfhir.adapters.hapi.breaker import BreakerState, CircuitBreaker
from nlfhir.adapters.hapi.outcome import resource_type
from nlfhir.ports.fhir_server import ServerHealth

if TYPE_CHECKING:
    from collections.abc import Callable

    from nlfhir.adapters.hapi.settings import HapiSettings
    from nlfhir.ports.telemetry import Telemetry

FHIR_JSON = "application/fhir+json"
R4 = "4.0.1"


class HapiCallError(Exception):
    """Base of the client's errors."""


class CallFailed(HapiCallError):
    def __init__(
        self,
        message: str,
        *,
        kind: str,
        sent: bool,
        status: int | None = None,
        body: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.sent = sent
        self.status = status
        self.body = body


class CallRefused(HapiCallError):
    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class Reply:
    """A readable answer below 500: its status and its JSON object."""

    status: int
    body: Mapping[str, object]


class HapiClient:
    """Calls one HAPI base URL. Open lazily on the running loop; ``aclose`` on shutdown."""

    def __init__(
        self,
        settings: HapiSettings,
        telemetry: Telemetry,
        *,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._telemetry = telemetry
        self._now = now
        self.breaker = CircuitBreaker(
            failures=settings.breaker_failures,
            reset_s=settings.breaker_reset_s,
            now=now,
            on_change=self._breaker_changed,
        )
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._slots = asyncio.Semaphore(settings.max_concurrency)
        self._timeout = aiohttp.ClientTimeout(
            total=None, sock_connect=settings.connect_timeout_s, sock_read=settings.read_timeout_s
        )
        self._health: tuple[float, ServerHealth] | None = None

    async def call(
        self,
        method: str,
        path: str,
        *,
        operation: str,
        expect: frozenset[str],
        body: Mapping[str, object] | None = None,
    ) -> Reply:
        """One guarded call: breaker, then a slot, then the request. No retries here.

        An answer that is not one of the ``expect``-ed resource types is a failure, not a reply.
        """
        if not self.breaker.allow():
            retry = max(1, math.ceil(self.breaker.retry_after()))
            self._telemetry.fhir_call(operation=operation, duration_s=0.0, error="breaker_open")
            raise CallRefused(
                f"HAPI circuit breaker is open; next probe in {retry}s", retry_after=retry
            )
        t0 = perf_counter()
        error: str | None = None
        try:
            reply = await self._limited(method, path, body)
            if resource_type(reply.body) not in expect:
                raise CallFailed(
                    f"HAPI answered HTTP {reply.status} with a {resource_type(reply.body)}, "
                    f"not {' or '.join(sorted(expect))}",
                    kind="garbage",
                    sent=True,
                    status=reply.status,
                )
        except CallFailed as e:
            error = e.kind
            self.breaker.failure()
            raise
        except CallRefused:
            error = "busy"
            raise
        finally:
            self._telemetry.fhir_call(
                operation=operation, duration_s=perf_counter() - t0, error=error
            )
        self.breaker.success()
        return reply

    async def _limited(self, method: str, path: str, body: Mapping[str, object] | None) -> Reply:
        session = self._session_here()
        try:
            await asyncio.wait_for(self._slots.acquire(), self.settings.queue_timeout_s)
        except TimeoutError:
            raise CallRefused(
                f"all {self.settings.max_concurrency} HAPI call slots stayed busy for "
                f"{self.settings.queue_timeout_s}s",
                retry_after=max(1, math.ceil(self.settings.queue_timeout_s)),
            ) from None
        try:
            return await self._send(session, method, path, body, self._timeout)
        finally:
            self._slots.release()

    async def _send(
        self,
        session: aiohttp.ClientSession,
        method: str,
        path: str,
        body: Mapping[str, object] | None,
        limits: aiohttp.ClientTimeout,
    ) -> Reply:
        data = None if body is None else json.dumps(body, separators=(",", ":")).encode()
        headers = {"Accept": FHIR_JSON}
        if data is not None:
            headers["Content-Type"] = f"{FHIR_JSON}; charset=utf-8"
        try:
            async with session.request(
                method, self.settings.url(path), data=data, headers=headers, timeout=limits
            ) as response:
                raw = await _read_capped(response, self.settings.max_response_bytes)
                status = response.status
        except aiohttp.ClientError as e:
            raise _transport_failure(e) from e
        except TimeoutError as e:
            raise CallFailed("HAPI did not answer in time", kind="timeout", sent=True) from e
        return _reply(status, raw)

    async def health(self) -> ServerHealth:
        """GET [base]/metadata (cached for ``health_ttl_s``): reachable, R4, how fast."""
        now = self._now()
        if self._health is not None and now - self._health[0] < self.settings.health_ttl_s:
            return self._health[1]
        t0 = perf_counter()
        probe = aiohttp.ClientTimeout(
            total=self.settings.connect_timeout_s + self.settings.read_timeout_s,
            sock_connect=self.settings.connect_timeout_s,
        )
        try:
            reply = await self._send(self._session_here(), "GET", "metadata", None, probe)
            health = self._capability(reply, (perf_counter() - t0) * 1000)
        except CallFailed as e:
            health = ServerHealth(
                reachable=False,
                latency_ms=None,
                breaker_state=self.breaker.state.value,
                detail=str(e),
            )
        self._health = (now, health)
        return health

    def _capability(self, reply: Reply, latency_ms: float) -> ServerHealth:
        version = reply.body.get("fhirVersion")
        detail = None
        if reply.status != HTTPStatus.OK or resource_type(reply.body) != "CapabilityStatement":
            detail = f"metadata answered HTTP {reply.status} without a CapabilityStatement"
        elif version != R4:
            detail = f"server is FHIR {version}, not {R4}"
        return ServerHealth(
            reachable=detail is None,
            latency_ms=round(latency_ms, 1),
            breaker_state=self.breaker.state.value,
            detail=detail,
        )

    def _session_here(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            connector = aiohttp.TCPConnector(limit=self.settings.max_concurrency)
            self._session = aiohttp.ClientSession(connector=connector)
            self._slots = asyncio.Semaphore(self.settings.max_concurrency)
            self._loop = loop
        return self._session

    async def aclose(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    def _breaker_changed(self, state: BreakerState) -> None:
        self._health = None
        self._telemetry.breaker(dependency="hapi", state=state.value)


async def _read_capped(response: aiohttp.ClientResponse, limit: int) -> bytes:
    """The whole body, or a failure once it grows past ``limit`` (never a silent truncation)."""
    body = bytearray()
    async for chunk in response.content.iter_chunked(64 * 1024):
        body += chunk
        if len(body) > limit:
            raise CallFailed(f"HAPI's answer exceeded {limit} bytes", kind="too_large", sent=True)
    return bytes(body)


def _reply(status: int, raw: bytes) -> Reply:
    try:
        parsed: object = json.loads(raw)
    except ValueError:
        parsed = None
    body = cast("Mapping[str, object]", parsed) if isinstance(parsed, dict) else None
    if status >= HTTPStatus.INTERNAL_SERVER_ERROR:
        raise CallFailed(
            f"HAPI answered HTTP {status}", kind="server_error", sent=True, status=status, body=body
        )
    if body is None or resource_type(body) is None:
        raise CallFailed(
            f"HAPI answered HTTP {status} with a body that is not a FHIR resource",
            kind="garbage",
            sent=True,
            status=status,
        )
    return Reply(status, body)


def _transport_failure(e: aiohttp.ClientError) -> CallFailed:
    """Whether the request may have reached HAPI decides what a failed transaction means."""
    name = type(e).__name__
    if isinstance(e, aiohttp.ConnectionTimeoutError):
        return CallFailed("connecting to HAPI timed out", kind="connect_timeout", sent=False)
    if isinstance(e, aiohttp.ClientConnectorError):
        return CallFailed(f"cannot connect to HAPI ({name})", kind="connect", sent=False)
    if isinstance(e, aiohttp.ServerTimeoutError):
        return CallFailed("HAPI did not answer in time", kind="timeout", sent=True)
    if isinstance(e, aiohttp.ServerDisconnectedError | aiohttp.ClientOSError):
        return CallFailed(f"HAPI closed the connection ({name})", kind="disconnected", sent=True)
    return CallFailed(f"HAPI's answer could not be read ({name})", kind="transport", sent=True)
