"""The Litestar HTTP API (v1). msgspec Structs live only here; errors answer problem+json."""

from nlfhir.adapters.http_api.app import HttpDeps, create_app

__all__ = ["HttpDeps", "create_app"]
