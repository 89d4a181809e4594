"""`nlfhir eval`: run gold files through the same conversion path as the API, then score them."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from nlfhir.adapters.cli.batch import convert_stream
from nlfhir.domain.errors import InvalidInput

if TYPE_CHECKING:
    import argparse

    from nlfhir.ports.conversion import ConversionService


async def run_eval(args: argparse.Namespace, service: ConversionService) -> int:
    scorer: Path = args.scorer
    if not scorer.is_file():
        raise InvalidInput(f"scorer not found: {scorer} (pass --scorer PATH)")
    keep: Path | None = args.keep
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for gold in args.gold:
            pred = out_dir / f"{Path(gold).stem}.pred.ndjson"
            await _predict(Path(gold), pred, service)
            status |= _score(scorer, Path(gold), pred, args.show_misses)
    return status


async def _predict(gold: Path, pred: Path, service: ConversionService) -> None:
    lines: list[str] = []
    for raw in gold.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            case = json.loads(raw)
            lines.append(json.dumps({"id": case["id"], "text": case["text"]}))
    buffer = io.StringIO()
    await convert_stream(lines, buffer, service)
    pred.write_text(buffer.getvalue(), encoding="utf-8")


def _score(scorer: Path, gold: Path, pred: Path, misses: int) -> int:
    print(f"== {gold.name}", flush=True)
    cmd = [sys.executable, str(scorer), str(gold), str(pred), "--show-misses", str(misses)]
    # The scorer is a file the user named, run with this interpreter and no shell.
    done = subprocess.run(cmd, check=False, capture_output=True, text=True)  # noqa: S603
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    return 0 if done.returncode == 0 else 1
