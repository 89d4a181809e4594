"""Benchmark (not a test): extraction + mapping per order, and /v1/convert vs a trivial endpoint.

    uv run --all-extras python bench/convert_bench.py [--requests 2000] [--concurrency 8]

Part 1 times the synchronous core (rules extractor + mapping rules, no validation) on every text
of ../shared/eval/*.jsonl and reports the median and p99 per text, for single-order texts and all.
Part 2 starts `nlfhir serve` on 127.0.0.1, sends the same number of requests to /v1/convert and
to /health/live in one run, and reports throughput and latency of each and their ratio.
Figures are ratios and distributions from one run on this machine; never timed assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from nlfhir.app.main import build_container
from nlfhir.app.settings import Settings
from nlfhir.domain.grammar import reader
from nlfhir.domain.mapping import BundleContext, build_bundle
from nlfhir.domain.orders import MedicationOrder

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parent.parent
_HTTP_ERROR = 400


def eval_texts(shared: Path) -> list[str]:
    texts: list[str] = []
    for f in sorted((shared / "eval").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in f.read_text().splitlines() if line.strip()]
    return texts


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def build() -> str:
    """Which core ran: the mypyc-compiled modules of a wheel (ADR 0011), or the Python source."""
    compiled = Path(reader.__file__ or "").suffix in {".so", ".pyd"}
    return "compiled (mypyc)" if compiled else "source (interpreted)"


def core(texts: list[str], rounds: int) -> dict[str, object]:
    container = build_container(Settings())
    extractor = container.rules_extractor()
    extractor.load()
    ids = container.ids()
    single: list[float] = []
    every: list[float] = []
    for _ in range(rounds):
        for text in texts:
            t0 = time.perf_counter()
            orders = extractor.read(text).orders
            build_bundle(
                orders,
                BundleContext(patient=None, authored_on="2026-01-01T00:00:00Z", new_id=ids.new_id),
            )
            dt = (time.perf_counter() - t0) * 1e6
            every.append(dt)
            if sum(isinstance(o, MedicationOrder) for o in orders) == 1 and len(orders) == 1:
                single.append(dt)
    return {
        "build": build(),
        "texts": len(texts),
        "rounds": rounds,
        "single_order_us": {
            "n": len(single),
            "median": statistics.median(single),
            "p99": pct(single, 0.99),
        },
        "all_texts_us": {
            "n": len(every),
            "median": statistics.median(every),
            "p99": pct(every, 0.99),
        },
    }


async def load(url: str, body: bytes | None, n: int, conc: int) -> dict[str, float]:
    import aiohttp

    lat: list[float] = []
    errors = 0
    queue = list(range(n))

    async def worker(session: aiohttp.ClientSession) -> None:
        nonlocal errors
        while queue:
            queue.pop()
            t0 = time.perf_counter()
            if body is None:
                resp = await session.get(url)
            else:
                resp = await session.post(
                    url, data=body, headers={"Content-Type": "application/json"}
                )
            await resp.read()
            lat.append((time.perf_counter() - t0) * 1000)
            errors += resp.status >= _HTTP_ERROR

    t0 = time.perf_counter()
    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(worker(session) for _ in range(conc)))
    wall = time.perf_counter() - t0
    return {
        "requests": n,
        "errors": errors,
        "rps": n / wall,
        "p50_ms": pct(lat, 0.5),
        "p99_ms": pct(lat, 0.99),
    }


@contextmanager
def serving(text: str, conc: int, env: dict[str, str]) -> Iterator[tuple[str, bytes]]:
    """`nlfhir serve` on 127.0.0.1, warmed up with /v1/convert of ``text``: (base URL, body)."""
    sys.path.insert(0, str(ROOT))
    from tests.support.server import start_server, stop_server

    proc, srv = start_server(
        ROOT / "bench" / "results",
        {"NLFHIR_RATE_LIMIT_RPS": "0", "NLFHIR_LOG_LEVEL": "WARNING", **env},
    )
    try:
        base = f"http://{srv.host}:{srv.port}"
        body = json.dumps({"text": text, "patient": "Patient/1"}).encode()
        asyncio.run(load(f"{base}/v1/convert", body, 200, conc))  # warm-up
        yield base, body
    finally:
        stop_server(proc)


def serve_and_load(
    texts: list[str],
    n: int,
    conc: int,
    env: dict[str, str],
) -> dict[str, dict[str, float]]:
    with serving(texts[0], conc, env) as (base, body):
        convert = asyncio.run(load(f"{base}/v1/convert", body, n, conc))
        trivial = asyncio.run(load(f"{base}/health/live", None, n, conc))
    return {"convert": convert, "trivial": trivial}


def http(texts: list[str], n: int, conc: int) -> dict[str, object]:
    """/v1/convert against /health/live, with telemetry on and off, in one run."""
    on = serve_and_load(texts, n, conc, {})
    off = serve_and_load(texts, n, conc, {"NLFHIR_TELEMETRY": "off"})
    return {
        "telemetry_on": on,
        "telemetry_off": off,
        "convert_to_trivial_rps_ratio": on["convert"]["rps"] / on["trivial"]["rps"],
        "telemetry_on_to_off_convert_rps_ratio": on["convert"]["rps"] / off["convert"]["rps"],
    }


def modes(texts: list[str], n: int, conc: int, model_dir: Path) -> dict[str, object]:
    """/v1/convert in minimal (rules) and full (rules then Stanza) mode, in one run."""
    minimal = serve_and_load(texts, n, conc, {})
    full = serve_and_load(
        texts, n, conc, {"NLFHIR_EXTRACTOR": "composite", "NLFHIR_STANZA_MODEL_DIR": str(model_dir)}
    )
    return {
        "minimal": minimal["convert"],
        "full": full["convert"],
        "full_to_minimal_rps_ratio": full["convert"]["rps"] / minimal["convert"]["rps"],
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--skip-http", action="store_true")
    ap.add_argument("--skip-core", action="store_true", help="HTTP part only (no ../shared needed)")
    ap.add_argument("--stanza-model", type=Path, help="also compare full (Stanza) vs minimal mode")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "convert_bench.json")
    a = ap.parse_args()
    texts = eval_texts(a.shared) if a.shared.exists() else ["Start metformin 500 mg PO BID"]
    report: dict[str, object] = {"when": datetime.now(tz=UTC).isoformat(timespec="seconds")}
    if not a.skip_core:
        report["core"] = core(texts, a.rounds)
    if not a.skip_http:
        report["http"] = http(texts, a.requests, a.concurrency)
    if a.stanza_model is not None:
        report["modes"] = modes(texts, a.requests, a.concurrency, a.stanza_model)
    a.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
