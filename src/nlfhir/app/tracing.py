"""Tracing set-up for the service: an SDK tracer provider, exporting only when configured.

The service always installs the OpenTelemetry SDK's tracer provider (the `server` extra ships
it), so every request has a trace id for its logs and its X-Trace-ID header. Spans are exported
over OTLP/HTTP only when ``OTEL_EXPORTER_OTLP_ENDPOINT`` or ``OTEL_TRACES_EXPORTER=otlp`` is set
and the `otel` extra is installed; otherwise they end in memory and are dropped.
"""

from __future__ import annotations

import os

from loguru import logger
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

from nlfhir import __version__


def configure_tracing() -> TracerProvider:
    """A tracer provider for this process; with an OTLP exporter when one is configured."""
    provider = TracerProvider(
        resource=Resource.create({"service.name": "nl-fhir", "service.version": __version__})
    )
    if os.environ.get("OTEL_TRACES_EXPORTER") == "otlp" or os.environ.get(
        "OTEL_EXPORTER_OTLP_ENDPOINT"
    ):
        try:
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        except ImportError:
            logger.warning("OTLP export requested but the otel extra is not installed")
        else:
            provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    return provider
