"""Structured JSON logs with loguru: one line per event, request and trace ids on every line.

Standard-library logging (uvicorn, litestar, aiohttp) is routed into the same sink. Log lines
carry route templates, statuses, durations and outcomes; never request bodies, order text or
patient identifiers (the PHI test in tests/security checks this).
"""

from __future__ import annotations

import contextvars
import json
import logging
import sys
from typing import TYPE_CHECKING, Any, TextIO

from loguru import logger
from opentelemetry import trace

from nlfhir.adapters.telemetry.noop import NoopTelemetry
from nlfhir.ports.telemetry import RequestScope

if TYPE_CHECKING:
    from loguru import Message, Record

_REQUEST_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
_TRACE_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar("trace_id", default=None)


def _json_line(record: Record) -> str:
    extra = {k: v for k, v in record["extra"].items() if k not in ("request_id", "trace_id")}
    line: dict[str, Any] = {
        "timestamp": record["time"].isoformat(),
        "level": record["level"].name,
        "message": record["message"],
        "logger": record["name"],
        "request_id": record["extra"].get("request_id") or _REQUEST_ID.get(),
        "trace_id": record["extra"].get("trace_id") or _TRACE_ID.get(),
        **extra,
    }
    if record["exception"] is not None and record["exception"].type is not None:
        line["error_type"] = record["exception"].type.__name__
    return json.dumps(line, default=str)


class _JsonSink:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def __call__(self, message: Message) -> None:
        self._stream.write(_json_line(message.record) + "\n")
        self._stream.flush()


class _Intercept(logging.Handler):
    """Sends standard-library records to loguru at the same level, message only."""

    def emit(self, record: logging.LogRecord) -> None:
        level = (
            record.levelname
            if record.levelname in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
            else "INFO"
        )
        logger.opt(depth=6).log(level, record.getMessage())


def configure_logging(level: str = "INFO", stream: TextIO | None = None) -> None:
    """Replace loguru's default sink with the JSON sink and capture standard logging."""
    logger.remove()
    logger.add(
        _JsonSink(stream or sys.stderr), level=level.upper(), backtrace=False, diagnose=False
    )
    logging.basicConfig(handlers=[_Intercept()], level=level.upper(), force=True)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "litestar", "aiohttp"):
        std = logging.getLogger(name)
        std.handlers = [_Intercept()]
        std.propagate = False


class LogTelemetry(NoopTelemetry):
    """Logs one line per request and per degraded or failed dependency call."""

    def request(self, *, request_id: str) -> RequestScope:
        return _Scope(request_id)

    def conversion(self, *, outcome: str, duration_s: float) -> None:
        logger.bind(
            event="conversion", outcome=outcome, duration_ms=round(duration_s * 1000, 3)
        ).info("conversion")

    def validation(self, *, validator: str, result: str, degraded: bool) -> None:
        if degraded:
            logger.bind(
                event="validation", validator=validator, result=result, degraded=True
            ).warning("validation degraded: stand-in validator answered")

    def fhir_call(self, *, operation: str, duration_s: float, error: str | None) -> None:
        if error is not None:
            logger.bind(
                event="fhir_call",
                operation=operation,
                error=error,
                duration_ms=round(duration_s * 1000, 3),
            ).warning("FHIR server call failed")

    def breaker(self, *, dependency: str, state: str) -> None:
        logger.bind(event="breaker", dependency=dependency, state=state).warning(
            "circuit breaker changed state"
        )

    def model(self, *, extractor: str, loaded: bool) -> None:
        logger.bind(event="model", extractor=extractor, loaded=loaded).info("model state")


class _Scope(RequestScope):
    def __init__(self, request_id: str) -> None:
        ctx = trace.get_current_span().get_span_context()
        self._trace_id = format(ctx.trace_id, "032x") if ctx.is_valid else None
        self._tokens = (_REQUEST_ID.set(request_id), _TRACE_ID.set(self._trace_id))

    @property
    def trace_id(self) -> str | None:
        return self._trace_id

    def finish(self, *, route: str, method: str, status: int, duration_s: float) -> None:
        logger.bind(
            event="request",
            route=route,
            method=method,
            status=status,
            duration_ms=round(duration_s * 1000, 3),
        ).info("request")
        _REQUEST_ID.reset(self._tokens[0])
        _TRACE_ID.reset(self._tokens[1])
