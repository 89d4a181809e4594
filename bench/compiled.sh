#!/usr/bin/env bash
# Benchmark (not a test): the synchronous core under the Python source and under the
# mypyc-compiled wheel (ADR 0011), in one run, alternating builds round by round.
#
#     bash bench/compiled.sh [ROUNDS]
#
# Builds and checks the compiled wheel first (tools/compiled_check.sh: it must give the source's
# output), then runs bench/convert_bench.py's core part once per build and round, and prints each
# build's median and p99 per single-order text and the ratio of the medians. Results go to
# bench/results/compiled.json.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}

compiled_python=$(bash tools/compiled_check.sh | tail -n 1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq 1 "$rounds"); do
  uv run --all-extras python bench/convert_bench.py --skip-http --out "$tmp/source-$i.json" >/dev/null
  "$compiled_python" bench/convert_bench.py --skip-http --out "$tmp/compiled-$i.json" >/dev/null
done

uv run python - "$tmp" "$rounds" <<'EOF'
import json, statistics, sys
from pathlib import Path

tmp, rounds = Path(sys.argv[1]), int(sys.argv[2])
report = {}
for build in ("source", "compiled"):
    runs = [json.loads((tmp / f"{build}-{i}.json").read_text())["core"] for i in range(1, rounds + 1)]
    report[build] = {
        "build": runs[0]["build"],
        "single_order_median_us": round(statistics.median(r["single_order_us"]["median"] for r in runs), 1),
        "single_order_p99_us": round(statistics.median(r["single_order_us"]["p99"] for r in runs), 1),
        "all_texts_median_us": round(statistics.median(r["all_texts_us"]["median"] for r in runs), 1),
        "rounds": [round(r["single_order_us"]["median"], 1) for r in runs],
    }
report["source_over_compiled_median"] = round(
    report["source"]["single_order_median_us"] / report["compiled"]["single_order_median_us"], 2
)
out = Path("bench/results/compiled.json")
out.write_text(json.dumps(report, indent=2) + "\n")
print(json.dumps(report, indent=2))
EOF
