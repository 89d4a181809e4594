"""Benchmark (not a test): Stanza mention-finding per order, single vs batched, and memory per mode.

    uv run python bench/stanza_bench.py [--model-dir DIR] [--concurrency 32]

Without --model-dir it trains the small model from tests/data/stanza into a temp dir first
(~30 s). Part 1 times ``find_mentions`` one text at a time and in batches over the texts of
../shared/eval/*.jsonl; part 2 times ``extract`` for N concurrent callers through the micro-batcher
against the same callers one after another; part 3 starts two fresh processes (rules only; rules +
Stanza pipeline loaded) and reads their peak resident memory from /proc/self/status.
Figures come from one run on this machine: distributions and ratios, never timed assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nlfhir.adapters.stanza import StanzaExtractor, StanzaSettings, train_ner
from nlfhir.adapters.terminology.tables import TableTerminology

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "stanza"

_RSS_PROBE = """
import sys, time
from pathlib import Path
from nlfhir.adapters.rules.extractor import RulesExtractor
from nlfhir.adapters.terminology.tables import TableTerminology
t = TableTerminology(); t.load()
rules = RulesExtractor(t); rules.read("Start metformin 500 mg PO BID")
if sys.argv[1] != "-":
    from nlfhir.adapters.stanza import StanzaExtractor, StanzaSettings
    t0 = time.perf_counter()
    x = StanzaExtractor(StanzaSettings(model_dir=Path(sys.argv[1])), t); x.load()
    load_s = time.perf_counter() - t0
    x.find_mentions("Start zelvoraxin 20 mg PO daily")
    assert "torch" in sys.modules
else:
    assert "torch" not in sys.modules and "stanza" not in sys.modules
    load_s = 0.0
status = Path("/proc/self/status").read_text().splitlines()
mem = dict(line.split(":\\t") for line in status if line.startswith(("VmHWM", "VmRSS")))
print({**mem, "load_s": f"{load_s:.2f} s"})
"""


def eval_texts() -> list[str]:
    texts: list[str] = []
    for f in sorted((ROOT.parent / "shared" / "eval").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in f.read_text().splitlines() if line.strip()]
    return texts


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def single_vs_batched(x: StanzaExtractor, texts: list[str], batch: int) -> None:
    x.find_mentions_batch(texts[:8])  # warm-up
    single: list[float] = []
    for text in texts:
        t0 = time.perf_counter()
        x.find_mentions(text)
        single.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    for i in range(0, len(texts), batch):
        x.find_mentions_batch(texts[i : i + batch])
    batched = (time.perf_counter() - t0) * 1000 / len(texts)
    med = statistics.median(single)
    print(f"find_mentions, {len(texts)} eval texts")
    print(f"  single : median {med:.2f} ms/order, p99 {pct(single, 0.99):.2f} ms")
    print(f"  batched ({batch}/call): mean {batched:.2f} ms/order")
    print(f"  single mean / batched mean: {statistics.fmean(single) / batched:.2f}x")


async def concurrent(x: StanzaExtractor, texts: list[str], n: int) -> None:
    chunk = texts[:n]
    t0 = time.perf_counter()
    for t in chunk:
        await x.extract(t)
    sequential = time.perf_counter() - t0
    x.batcher.batch_sizes.clear()
    t0 = time.perf_counter()
    await asyncio.gather(*(x.extract(t) for t in chunk))
    together = time.perf_counter() - t0
    sizes = x.batcher.batch_sizes
    print(f"extract() through the micro-batcher, {n} callers")
    print(f"  one after another: {sequential * 1000:.0f} ms; concurrent: {together * 1000:.0f} ms")
    print(f"  speed-up {sequential / together:.2f}x in {len(sizes)} pipeline calls {sizes}")
    await x.aclose()


def rss(model_dir: Path | None) -> dict[str, str]:
    arg = str(model_dir) if model_dir else "-"
    out = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script, no shell
        [sys.executable, "-c", _RSS_PROBE, arg], capture_output=True, text=True, check=True
    )
    return dict(json.loads(out.stdout.strip().replace("'", '"')))


def _kb(value: str) -> int:
    return int(value.split(maxsplit=1)[0])


def memory(model_dir: Path) -> None:
    minimal, full = rss(None), rss(model_dir)
    print("resident memory, fresh process (peak VmHWM / current VmRSS, MiB)")
    for name, r in (("rules only    ", minimal), ("rules + Stanza", full)):
        print(f"  {name}: {_kb(r['VmHWM']) / 1024:.0f} / {_kb(r['VmRSS']) / 1024:.0f}")
    print(f"  cold Stanza load (imports torch + stanza, builds the pipeline): {full['load_s']}")
    print(f"  full / minimal (peak): {_kb(full['VmHWM']) / _kb(minimal['VmHWM']):.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model-dir", type=Path, default=None)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    model_dir: Path = args.model_dir or Path(tempfile.mkdtemp(prefix="nlfhir-ner-"))
    if args.model_dir is None:
        t0 = time.perf_counter()
        train_ner(DATA / "train.jsonl", model_dir, dev_jsonl=DATA / "dev.jsonl")
        size = sum(p.stat().st_size for p in model_dir.glob("*.pt"))
        print(f"trained small model in {time.perf_counter() - t0:.1f} s, {size / 1024:.0f} KiB")
    tables = TableTerminology()
    tables.load()
    texts = eval_texts()
    for window_ms in (0.0, 4.0):
        x = StanzaExtractor(StanzaSettings(model_dir=model_dir, batch_window_ms=window_ms), tables)
        t0 = time.perf_counter()
        x.load()
        print(f"--- batch window {window_ms} ms (pipeline load {time.perf_counter() - t0:.2f} s)")
        if window_ms == 0:
            single_vs_batched(x, texts, args.batch)
        asyncio.run(concurrent(x, texts, args.concurrency))
    memory(model_dir)


if __name__ == "__main__":
    main()
