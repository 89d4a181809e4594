"""Bounded load run against the service on 127.0.0.1 (not a test; a benchmark step).

    uv run python bench/load.py [--rate 100] [--seconds 60] [--burst 50]

Starts `nlfhir serve` on a free loopback port, sends /v1/convert requests at a fixed rate
(open loop: requests are scheduled by the clock, not by the previous answer) for the given time,
then a burst of N concurrent requests, and records p50/p95/p99, errors and the achieved rate in
bench/results/load.json. Every loop is bounded in count and time; only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
_OK = 200
TEXTS = [
    "Start metformin 500 mg PO BID",
    "amoxicillin 500 mg PO TID x 10 days for otitis media",
    "lisinopril 10 mg daily; order CBC and BMP",
    "albuterol 2 puffs q4-6h prn wheezing",
    "prednisone 40 mg daily x 5 days, then 20 mg daily x 5 days",
]


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))] if s else float("nan")


async def one(
    session: aiohttp.ClientSession, url: str, text: str, out: list[tuple[float, int]]
) -> None:
    t0 = time.perf_counter()
    try:
        async with session.post(url, json={"text": text}) as resp:
            await resp.read()
            status = resp.status
    except aiohttp.ClientError:
        status = 0
    out.append(((time.perf_counter() - t0) * 1000, status))


async def sustained(url: str, rate: float, seconds: float) -> dict[str, float]:
    results: list[tuple[float, int]] = []
    total = int(rate * seconds)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
        start = time.perf_counter()
        tasks: list[asyncio.Task[None]] = []
        for i in range(total):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(session, url, TEXTS[i % len(TEXTS)], results)))
        await asyncio.gather(*tasks)
        wall = time.perf_counter() - start
    return summary(results, wall)


async def burst(url: str, n: int) -> dict[str, float]:
    results: list[tuple[float, int]] = []
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        start = time.perf_counter()
        await asyncio.gather(*(one(session, url, TEXTS[i % len(TEXTS)], results) for i in range(n)))
        wall = time.perf_counter() - start
    return summary(results, wall)


def summary(results: list[tuple[float, int]], wall: float) -> dict[str, float]:
    lat = [ms for ms, _ in results]
    errors = sum(1 for _, status in results if status != _OK)
    return {
        "requests": len(results),
        "errors": errors,
        "achieved_rps": len(results) / wall,
        "p50_ms": pct(lat, 0.50),
        "p95_ms": pct(lat, 0.95),
        "p99_ms": pct(lat, 0.99),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rate", type=float, default=100.0)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--burst", type=int, default=50)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.support.server import start_server, stop_server

    proc, srv = start_server(
        ROOT / "bench" / "results", {"NLFHIR_RATE_LIMIT_RPS": "0", "NLFHIR_LOG_LEVEL": "WARNING"}
    )
    url = f"http://{srv.host}:{srv.port}/v1/convert"
    try:
        steady = asyncio.run(sustained(url, a.rate, a.seconds))
        peak = asyncio.run(burst(url, a.burst))
    finally:
        stop_server(proc)
    report = {
        "when": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "sustained": {"target_rps": a.rate, "seconds": a.seconds, **steady},
        "burst": {"concurrent": a.burst, **peak},
    }
    out = ROOT / "bench" / "results" / "load.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return 1 if steady["errors"] or peak["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
