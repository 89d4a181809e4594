"""Tracing set-up: the OpenTelemetry SDK and OTLP exporter only when configured.

With ``OTEL_EXPORTER_OTLP_ENDPOINT`` (or ``OTEL_TRACES_EXPORTER=otlp``) set and the `otel` extra
installed, spans are exported over OTLP/HTTP; otherwise the API's no-op tracer is used and spans
cost next to nothing. Request and trace ids still reach logs and headers either way when an SDK
is installed by the embedding application.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from loguru import logger

if TYPE_CHECKING:
    from nlfhir.app.settings import Settings


def configure_tracing(settings: Settings) -> bool:
    """Install an SDK tracer provider with an OTLP exporter if asked; True when installed."""
    del settings  # tracing is configured by the standard OTEL_* variables
    wanted = os.environ.get("OTEL_TRACES_EXPORTER") == "otlp" or bool(
        os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
    )
    if not wanted:
        return False
    try:
        from opentelemetry import trace
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import (
            OTLPSpanExporter,
        )
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError:
        logger.warning("OTLP tracing requested but the otel extra is not installed")
        return False
    provider = TracerProvider(resource=Resource.create({"service.name": "nl-fhir"}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    return True
