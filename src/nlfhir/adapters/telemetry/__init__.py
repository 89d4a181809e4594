"""Telemetry adapters: no-op for embedding; Prometheus and OpenTelemetry for the service."""
