"""RFC 9457 problem+json responses, and the table from error types to problems.

Every error the API can answer is listed here with its ``type`` URI, so clients can program
against it; nothing else (no stack trace, no exception text from a library) reaches a client.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import msgspec
from litestar import Request, Response

from nlfhir.adapters.http_api.schemas import Problem

if TYPE_CHECKING:
    from litestar.exceptions import HTTPException

PROBLEM_JSON = "application/problem+json"
_SERVER_ERROR = 500  # from here on, details stay in the log
TYPE_BASE = "https://nl-fhir.dev/problems/"


@dataclass(frozen=True, slots=True)
class ProblemType:
    slug: str
    title: str
    status: int

    @property
    def uri(self) -> str:
        return TYPE_BASE + self.slug


MALFORMED = ProblemType("malformed-request", "Request body is not valid UTF-8 JSON", 400)
INVALID = ProblemType("invalid-request", "Request does not match the schema", 422)
INVALID_INPUT = ProblemType("invalid-input", "Input cannot be converted", 422)
UNSUPPORTED_MEDIA = ProblemType("unsupported-media-type", "Content-Type must be JSON", 415)
TOO_LARGE = ProblemType("payload-too-large", "Request body is too large", 413)
NOT_FOUND = ProblemType("not-found", "No such resource", 404)
NOT_ALLOWED = ProblemType("method-not-allowed", "Method not allowed", 405)
UNAUTHORIZED = ProblemType("unauthorized", "Authentication required", 401)
FORBIDDEN = ProblemType("forbidden", "Not allowed for this client", 403)
RATE_LIMITED = ProblemType("rate-limited", "Too many requests", 429)
UNAVAILABLE = ProblemType("dependency-unavailable", "A required dependency is unavailable", 503)
REJECTED = ProblemType("fhir-server-rejected", "The FHIR server rejected the bundle", 422)
NOT_CONFIGURED = ProblemType("not-configured", "This deployment does not offer this", 501)
INTERNAL = ProblemType("internal-error", "Internal error", 500)

_BY_STATUS = {
    p.status: p
    for p in (
        MALFORMED,
        UNSUPPORTED_MEDIA,
        TOO_LARGE,
        NOT_FOUND,
        NOT_ALLOWED,
        UNAUTHORIZED,
        FORBIDDEN,
        RATE_LIMITED,
        UNAVAILABLE,
        INTERNAL,
    )
}


class ProblemError(Exception):
    """Raised by handlers to answer a specific problem."""

    def __init__(
        self,
        kind: ProblemType,
        detail: str | None = None,
        *,
        errors: list[str] | None = None,
        retry_after: int | None = None,
        operation_outcome: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail or kind.title)
        self.kind = kind
        self.detail = detail
        self.errors = errors
        self.retry_after = retry_after
        self.operation_outcome = operation_outcome


def problem_of(exc: ProblemError, *, instance: str, request_id: str | None) -> Problem:
    """The problem body for an error, for answers that embed it (batch items)."""
    return Problem(
        type=exc.kind.uri,
        title=exc.kind.title,
        status=exc.kind.status,
        detail=exc.detail,
        instance=instance,
        request_id=request_id,
        errors=exc.errors,
        operation_outcome=exc.operation_outcome,
    )


def problem_response(
    request: Request[Any, Any, Any],
    kind: ProblemType,
    detail: str | None = None,
    *,
    errors: list[str] | None = None,
    retry_after: int | None = None,
    operation_outcome: dict[str, Any] | None = None,
) -> Response[bytes]:
    state = cast("dict[str, object]", cast("dict[str, Any]", request.scope).get("state", {}))
    request_id = str(state.get("request_id", "")) or None
    body = Problem(
        type=kind.uri,
        title=kind.title,
        status=kind.status,
        detail=detail,
        instance=request.url.path,
        request_id=request_id,
        errors=errors,
        operation_outcome=operation_outcome,
    )
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    return Response(
        content=msgspec.json.encode(body),
        status_code=kind.status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def on_problem(request: Request[Any, Any, Any], exc: ProblemError) -> Response[bytes]:
    return problem_response(
        request,
        exc.kind,
        exc.detail,
        errors=exc.errors,
        retry_after=exc.retry_after,
        operation_outcome=exc.operation_outcome,
    )


def on_http_exception(request: Request[Any, Any, Any], exc: HTTPException) -> Response[bytes]:
    kind = _BY_STATUS.get(exc.status_code)
    if kind is None:
        kind = ProblemType("http-error", "Request failed", exc.status_code)
    detail = exc.detail if exc.status_code < _SERVER_ERROR else None
    return problem_response(request, kind, detail)


def on_unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    """Anything unforeseen: a 500 with no internals; the log has the traceback (without PHI)."""
    return problem_response(request, INTERNAL, "the error was logged with this request_id")
