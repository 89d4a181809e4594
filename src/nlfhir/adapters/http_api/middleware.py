"""The outermost ASGI layer: request id, trace, metrics and security headers on every answer.

It wraps the whole Litestar app (not a route), so 404s, 405s and 413s are observed too. The
route label is Litestar's path template, or "unmatched": never the raw path, which could carry
identifiers.
"""

from __future__ import annotations

from time import perf_counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, MutableMapping

    from litestar.types import ASGIApp, Message, Receive, Scope, Send

    from nlfhir.ports.telemetry import Telemetry

_SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


def observed(app: ASGIApp, new_id: Callable[[], str], telemetry: Telemetry) -> ASGIApp:
    """Each request gets a fresh id (never taken from the client) and one telemetry scope."""

    async def outer(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        request_id = new_id()
        state: MutableMapping[str, Any] = scope.setdefault("state", {})  # pyright: ignore[reportAssignmentType,reportArgumentType]
        state["request_id"] = request_id
        observation = telemetry.request(request_id=request_id)
        status = 500
        t0 = perf_counter()

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                if observation.trace_id:
                    headers.append((b"x-trace-id", observation.trace_id.encode()))
                headers.extend(_SECURITY_HEADERS)
                message["headers"] = headers
            await send(message)

        try:
            await app(scope, receive, send_with_headers)
        finally:
            route = str(scope.get("path_template") or "unmatched")
            observation.finish(
                route=route,
                method=str(scope.get("method", "")),
                status=status,
                duration_s=perf_counter() - t0,
            )

    return outer
