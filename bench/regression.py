"""Performance-regression check (a benchmark step, not a test).

    uv run python bench/regression.py [--update]

Measures /v1/convert throughput as a ratio to the same app's /health/live on 127.0.0.1, and
compares it with bench/baseline.json. A ratio cancels most of the machine's speed and load. The
two are measured in interleaved rounds against one server (convert, trivial, convert, ...) and
the median of the rounds' ratios is the run's figure, so a burst of load from elsewhere on the
machine moves one round, not the result. A run below the floor (the baseline less its tolerance)
is measured once more, and the check fails (exit 1) only when both runs are below: a regression
is below every time, noise rarely twice. --update records the run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "bench" / "baseline.json"
sys.path.insert(0, str(ROOT))

from bench.convert_bench import load, serving  # noqa: E402

TEXT = "Start metformin 500 mg PO BID"


class Run(NamedTuple):
    ratio: float
    round_ratios: list[float]
    convert_rps: float
    trivial_rps: float


def measure(requests: int, concurrency: int, rounds: int) -> Run:
    """Median over interleaved rounds of convert rps / trivial rps, against one server."""
    per_round = max(requests // rounds, 100)
    ratios: list[float] = []
    convert_rps: list[float] = []
    trivial_rps: list[float] = []
    with serving(TEXT, concurrency, {}) as (base, body):
        for _ in range(rounds):
            convert = asyncio.run(load(f"{base}/v1/convert", body, per_round, concurrency))
            trivial = asyncio.run(load(f"{base}/health/live", None, per_round, concurrency))
            convert_rps.append(convert["rps"])
            trivial_rps.append(trivial["rps"])
            ratios.append(convert["rps"] / trivial["rps"])
    return Run(
        ratio=statistics.median(ratios),
        round_ratios=[round(r, 4) for r in ratios],
        convert_rps=statistics.median(convert_rps),
        trivial_rps=statistics.median(trivial_rps),
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--update", action="store_true")
    a = ap.parse_args()
    base = json.loads(BASELINE.read_text())
    floor = base["convert_to_trivial_rps_ratio"] * (1 - base["tolerance"])
    runs = [measure(a.requests, a.concurrency, a.rounds)]
    if runs[0].ratio < floor and not a.update:
        runs.append(measure(a.requests, a.concurrency, a.rounds))  # confirm before failing
    for run in runs:
        print(
            json.dumps(
                {
                    "ratio": round(run.ratio, 4),
                    "rounds": run.round_ratios,
                    "baseline": base["convert_to_trivial_rps_ratio"],
                    "floor": round(floor, 4),
                    "convert_rps": round(run.convert_rps, 1),
                    "trivial_rps": round(run.trivial_rps, 1),
                }
            )
        )
    ratio = max(run.ratio for run in runs)
    if a.update:
        base.update(
            convert_to_trivial_rps_ratio=round(ratio, 4),
            recorded=datetime.now(tz=UTC).isoformat(timespec="seconds"),
        )
        BASELINE.write_text(json.dumps(base, indent=2) + "\n")
        return 0
    if ratio < floor:
        print(f"regression: /v1/convert is {ratio:.3f} of /health/live, below {floor:.3f}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
