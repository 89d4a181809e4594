"""Entry point of the `nlfhir` command: builds the container and hands the CLI what it needs."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from nlfhir.adapters.cli import CliDeps, run
from nlfhir.app.container import Container, close_hapi
from nlfhir.app.settings import Settings
from nlfhir.ports.errors import ConfigurationError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from nlfhir.ports.conversion import ConversionService


def build_container(settings: Settings | None = None) -> Container:
    container = Container()
    # dependency-injector's stubs leave override's parameter partly untyped.
    container.settings.override(settings or Settings.from_env())  # pyright: ignore[reportUnknownMemberType]
    return container


def main(argv: Sequence[str] | None = None) -> int:
    try:
        container = build_container()
    except ConfigurationError as e:
        print(f"nlfhir: configuration error: {e}", file=sys.stderr)
        return 2

    def service() -> ConversionService:
        return container.use_cases()

    def serve(host: str, port: int) -> None:
        from nlfhir.app.server import serve as run_server

        run_server(container, host, port)

    def train_ner(args: argparse.Namespace) -> int:
        try:
            from nlfhir.app.training import train_ner_command
        except ImportError:
            print(
                "nlfhir: train-ner needs the stanza extra: uv sync --extra stanza "
                "(or pip install 'nl-fhir[stanza]')",
                file=sys.stderr,
            )
            return 2
        return train_ner_command(args)

    async def close() -> None:
        await close_hapi(container)

    return run(argv, CliDeps(service=service, serve=serve, train_ner=train_ner, close=close))


if __name__ == "__main__":
    raise SystemExit(main())
