"""Argument parsing and the commands. The application is handed in, never imported.

Exit codes: 0 success; 1 the bundle (or a batch line) did not validate, or an eval failed;
2 usage or input errors; 3 a dependency was unavailable.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from nlfhir.adapters.cli.batch import convert_stream
from nlfhir.adapters.cli.evaluate import run_eval
from nlfhir.domain.errors import InvalidInput
from nlfhir.domain.patient import PatientRef
from nlfhir.ports.conversion import ConversionService
from nlfhir.ports.errors import ConfigurationError, DependencyUnavailable

T = TypeVar("T")


@dataclass(frozen=True, slots=True, kw_only=True)
class CliDeps:
    """What the composition root provides: a conversion service and a server runner."""

    service: Callable[[], ConversionService]
    serve: Callable[[str, int], None]
    train_ner: Callable[[argparse.Namespace], int] | None = None
    close: Callable[[], Awaitable[None]] | None = None
    """Releases shared clients (the HAPI session) at the end of a command's event loop."""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nlfhir", description="Clinical order text to FHIR R4.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="run the HTTP service")
    s.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    c = sub.add_parser("convert", help="convert TEXT, or an NDJSON file with --input")
    c.add_argument("text", nargs="?", help="the order text")
    c.add_argument("--patient", help="Patient/<id> or <system>|<value>")
    c.add_argument("--input", type=Path, help="NDJSON lines {id, text, patient?}")
    c.add_argument("--output", type=Path, help="NDJSON lines {id, bundle} or {id, error}")
    v = sub.add_parser("validate", help="validate a Bundle JSON file ('-' for stdin)")
    v.add_argument("file")
    e = sub.add_parser("eval", help="score a gold JSONL file with ../shared/eval/score.py")
    e.add_argument("gold", type=Path, nargs="+")
    e.add_argument("--scorer", type=Path, default=Path("../shared/eval/score.py"))
    e.add_argument("--show-misses", type=int, default=0)
    e.add_argument("--keep", type=Path, help="directory to keep the prediction files in")
    t = sub.add_parser("train-ner", help="train a Stanza NER model (needs the stanza extra)")
    t.add_argument(
        "examples", type=Path, help="annotated JSONL: {text, entities: [{start, end, label}]}"
    )
    t.add_argument("--out", type=Path, required=True, help="model directory to write")
    t.add_argument("--dev", type=Path, help="annotated JSONL to evaluate on")
    t.add_argument("--max-steps", type=int, default=500)
    t.add_argument("--seed", type=int, default=1234)
    return p


def run(argv: Sequence[str] | None, deps: CliDeps) -> int:
    args = parser().parse_args(argv)
    try:
        return _dispatch(args, deps)
    except InvalidInput as e:
        print(f"nlfhir: {e}", file=sys.stderr)
        return 2
    except DependencyUnavailable as e:
        print(f"nlfhir: unavailable: {e}", file=sys.stderr)
        return 3
    except ConfigurationError as e:
        print(f"nlfhir: configuration error: {e}", file=sys.stderr)
        return 2


def _dispatch(args: argparse.Namespace, deps: CliDeps) -> int:
    command: str = args.command
    if command == "serve":
        deps.serve(args.host, args.port)
        return 0
    if command == "convert":
        return _convert(args, deps)
    if command == "validate":
        return _run(deps, _validate(args.file, deps.service()))
    if command == "eval":
        return _run(deps, run_eval(args, deps.service()))
    if deps.train_ner is None:
        print("nlfhir: train-ner is not available in this installation", file=sys.stderr)
        return 2
    return deps.train_ner(args)


def _run(deps: CliDeps, work: Coroutine[None, None, T]) -> T:
    """One event loop per command; shared clients are closed before it ends."""

    async def scoped() -> T:
        try:
            return await work
        finally:
            if deps.close is not None:
                await deps.close()

    return asyncio.run(scoped())


def _convert(args: argparse.Namespace, deps: CliDeps) -> int:
    service = deps.service()
    if args.input is not None:
        return _run(deps, _batch(args.input, args.output, service))
    if not args.text:
        raise InvalidInput("give TEXT, or --input FILE")
    patient = PatientRef.parse(args.patient) if args.patient else None
    conversion = _run(deps, service.convert(args.text, patient))
    json.dump(conversion.bundle, sys.stdout, indent=2)
    sys.stdout.write("\n")
    outcome = conversion.outcome
    print(
        f"validated_by={outcome.validated_by} valid={str(outcome.valid).lower()} "
        f"errors={outcome.error_count} orders={len(conversion.extraction.orders)} "
        f"unparsed={len(conversion.extraction.unparsed)} "
        f"patient={conversion.patient_status}",
        file=sys.stderr,
    )
    if outcome.degraded:
        print(f"degraded: {outcome.reason}", file=sys.stderr)
    return 0 if outcome.valid else 1


async def _batch(src: Path, dst: Path | None, service: ConversionService) -> int:
    with src.open(encoding="utf-8", errors="replace") as fin:
        if dst is None:
            return await convert_stream(fin, sys.stdout, service)
        with dst.open("w", encoding="utf-8") as fout:
            return await convert_stream(fin, fout, service)


async def _validate(file: str, service: ConversionService) -> int:
    raw = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    try:
        bundle: object = json.loads(raw)
    except json.JSONDecodeError as e:
        raise InvalidInput(f"not JSON: {e.msg} at line {e.lineno}") from e
    if not isinstance(bundle, dict):
        raise InvalidInput("a Bundle is a JSON object")
    outcome = await service.validate(bundle)  # pyright: ignore[reportUnknownArgumentType]
    json.dump(
        {
            "valid": outcome.valid,
            "validated_by": outcome.validated_by,
            "degraded": outcome.degraded,
            "issues": [
                {
                    "severity": i.severity.value,
                    "code": i.code,
                    "diagnostics": i.diagnostics,
                    "expression": i.expression,
                }
                for i in outcome.issues
            ],
        },
        sys.stdout,
        indent=2,
    )
    sys.stdout.write("\n")
    return 0 if outcome.valid else 1
