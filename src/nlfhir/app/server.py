"""Running the HTTP service with uvicorn (the `server` extra)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

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
    uvicorn.run(
        http_app(container),
        host=host,
        port=port,
        log_level=settings.log_level.lower(),
        access_log=False,
        server_header=False,
    )
