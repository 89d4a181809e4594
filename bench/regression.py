"""Performance-regression check (a benchmark step, not a test).

    uv run python bench/regression.py [--update]

Measures /v1/convert throughput as a ratio to the same app's /health/live in one run on
127.0.0.1, and compares it with bench/baseline.json. A ratio cancels most of the machine's speed
and load; a drop of more than the baseline's tolerance fails (exit 1). --update records the run.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "bench" / "baseline.json"
sys.path.insert(0, str(ROOT))

from bench.convert_bench import serve_and_load  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--update", action="store_true")
    a = ap.parse_args()
    run = serve_and_load(["Start metformin 500 mg PO BID"], a.requests, a.concurrency, {})
    ratio = run["convert"]["rps"] / run["trivial"]["rps"]
    base = json.loads(BASELINE.read_text())
    floor = base["convert_to_trivial_rps_ratio"] * (1 - base["tolerance"])
    print(
        json.dumps(
            {
                "ratio": round(ratio, 4),
                "baseline": base["convert_to_trivial_rps_ratio"],
                "floor": round(floor, 4),
                "convert_rps": round(run["convert"]["rps"], 1),
                "trivial_rps": round(run["trivial"]["rps"], 1),
            }
        )
    )
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
