"""The `nlfhir` command line: serve, convert, validate, eval. Its interface is kept stable."""

from nlfhir.adapters.cli.commands import CliDeps, run

__all__ = ["CliDeps", "run"]
