"""Running the HTTP service with uvicorn (the `server` extra)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from nlfhir.ports.errors import ConfigurationError

if TYPE_CHECKING:
    from nlfhir.app.container import Container


def serve(container: Container, host: str, port: int) -> None:
    try:
        import uvicorn
    except ImportError:
        print(
            "nlfhir: serve needs the server extra: uv sync --extra server "
            "(or pip install 'nl-fhir[server]')",
            file=sys.stderr,
        )
        raise SystemExit(2) from None
    from nlfhir.app.http import http_app

    settings = container.settings()
    try:
        app = http_app(container, host)
    except ConfigurationError as e:
        print(f"nlfhir: configuration error: {e}", file=sys.stderr)
        raise SystemExit(2) from None
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=settings.log_level.lower(),
        access_log=False,
        server_header=False,
        log_config=None,
    )
