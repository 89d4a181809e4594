"""ASGI middleware: a request id on every request and response, and baseline security headers."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

from litestar.types import ASGIApp, Message, Receive, Scope, Send

_SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
)


def request_id_middleware(new_id: Callable[[], str]) -> Callable[[ASGIApp], ASGIApp]:
    """Each request gets a fresh id (never taken from the client), echoed as X-Request-ID."""

    def factory(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            request_id = new_id()
            state: MutableMapping[str, Any] = scope.setdefault("state", {})  # type: ignore[assignment]
            state["request_id"] = request_id

            async def send_with_headers(message: Message) -> None:
                if message["type"] == "http.response.start":
                    headers = list(message.get("headers", []))
                    headers.append((b"x-request-id", request_id.encode()))
                    headers.extend(_SECURITY_HEADERS)
                    message["headers"] = headers
                await send(message)

            await app(scope, receive, send_with_headers)

        return middleware

    return factory
