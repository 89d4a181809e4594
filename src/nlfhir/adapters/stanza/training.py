"""Train a small Stanza NER model from annotated orders (JSONL with character spans).

Output directory (what ``StanzaSettings.model_dir`` points at): ``ner.pt`` (Stanza's own NER
tagger, trained by ``stanza.models.ner_tagger``), ``pretrain.pt`` (word vectors we build, saved
by Stanza's ``Pretrain``) and ``labels.json`` (the label scheme, for /health/ready).
"""

from __future__ import annotations

import json
import logging
import random
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from nlfhir.adapters.stanza.errors import import_module
from nlfhir.adapters.stanza.tokens import Token, sentences

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

NER_FILE, PRETRAIN_FILE, LABELS_FILE = "ner.pt", "pretrain.pt", "labels.json"


@dataclass(frozen=True, slots=True)
class Annotated:
    text: str
    entities: tuple[tuple[int, int, str], ...]


def read_examples(path: Path) -> list[Annotated]:
    out: list[Annotated] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            ents = tuple((int(e["start"]), int(e["end"]), str(e["label"])) for e in row["entities"])
            out.append(Annotated(text=str(row["text"]), entities=ents))
    return out


def _tag(token: Token, entities: Sequence[tuple[int, int, str]]) -> tuple[str, int, int] | None:
    for start, end, label in entities:
        if start <= token.start and token.end <= end:
            return label, start, end
    return None


def bioes(example: Annotated) -> list[list[dict[str, str]]]:
    """Stanza's NER json: one list of {"text", "ner"} per sentence, BIOES tags."""
    out: list[list[dict[str, str]]] = []
    for sent in sentences(example.text):
        rows: list[dict[str, str]] = []
        for tok in sent:
            hit = _tag(tok, example.entities)
            if hit is None:
                rows.append({"text": tok.text, "ner": "O"})
                continue
            label, start, end = hit
            first, last = tok.start == start, tok.end == end
            prefix = "S" if first and last else "B" if first else "E" if last else "I"
            rows.append({"text": tok.text, "ner": f"{prefix}-{label}"})
        out.append(rows)
    return out


def _hashed_vector(word: str, dim: int) -> list[float]:
    """Sum of seeded random vectors of the word's character trigrams (fastText-like, no corpus).

    Words that share spelling pieces ("-statin", "-mab") get nearby vectors, deterministically.
    """
    padded = f"<{word}>"
    acc = [0.0] * dim
    for i in range(max(1, len(padded) - 2)):
        rng = random.Random(zlib.crc32(padded[i : i + 3].encode()))  # noqa: S311 - not security
        for d in range(dim):
            acc[d] += rng.gauss(0.0, 1.0)
    norm = sum(x * x for x in acc) ** 0.5 or 1.0
    return [x / norm for x in acc]


def build_pretrain(words: set[str], path: Path, *, dim: int = 32) -> Path:
    """Write word vectors over ``words`` in Stanza's pretrain .pt format, via Stanza's Pretrain."""
    pretrain_cls = cast("Any", import_module("stanza.models.common.pretrain")).Pretrain
    text_file = path.with_suffix(".vec.txt")
    lines = [f"{len(words)} {dim}"]
    for w in sorted(words):
        lines.append(w + " " + " ".join(f"{x:.5f}" for x in _hashed_vector(w, dim)))
    text_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pretrain_cls(str(path), str(text_file), -1, save_to_file=True).load()
    text_file.unlink()
    return path


@dataclass(frozen=True, slots=True, kw_only=True)
class TrainOptions:
    """Small by default: ~30-60 s on 2 CPU cores for a few hundred orders."""

    max_steps: int = 500
    eval_interval: int = 100
    batch_size: int = 16
    hidden_dim: int = 64
    char_hidden_dim: int = 48
    word_dim: int = 32
    seed: int = 1234


def _write_split(rows: Sequence[Annotated], path: Path) -> set[str]:
    sents = [s for ex in rows for s in bioes(ex)]
    path.write_text(json.dumps(sents), encoding="utf-8")
    return {t["text"].lower() for s in sents for t in s}


def _trainer_args(options: TrainOptions, work: Path, out_dir: Path) -> list[str]:
    o = options
    return [
        "--train_file", str(work / "train.json"), "--eval_file", str(work / "dev.json"),
        "--wordvec_pretrain_file", str(out_dir / PRETRAIN_FILE),
        "--save_dir", str(out_dir), "--save_name", NER_FILE, "--shorthand", "en_orders",
        "--max_steps", str(o.max_steps), "--eval_interval", str(o.eval_interval),
        "--batch_size", str(o.batch_size), "--hidden_dim", str(o.hidden_dim),
        "--char_hidden_dim", str(o.char_hidden_dim), "--char_emb_dim", "32",
        "--word_emb_dim", str(o.word_dim), "--seed", str(o.seed), "--cpu",
        "--optim", "adam", "--lr", "0.005", "--dropout", "0.3", "--word_dropout", "0.1",
        "--max_steps_no_improve", str(o.max_steps), "--log_step", str(o.max_steps),
    ]  # fmt: skip


def train_ner(
    examples_jsonl: Path,
    out_dir: Path,
    *,
    dev_jsonl: Path | None = None,
    options: TrainOptions | None = None,
) -> Path:
    """Train Stanza's NER tagger on ``examples_jsonl`` and write a model dir the adapter loads.

    Without ``dev_jsonl``, every fifth example is held out for Stanza's model selection.
    """
    opts = options or TrainOptions()
    ner_main = cast("Callable[[list[str]], object]", import_module("stanza.models.ner_tagger").main)

    train = read_examples(examples_jsonl)
    dev = read_examples(dev_jsonl) if dev_jsonl else train[::5]
    if dev_jsonl is None:
        train = [ex for i, ex in enumerate(train) if i % 5]
    work = out_dir / "data"
    work.mkdir(parents=True, exist_ok=True)
    words = _write_split(train, work / "train.json") | _write_split(dev, work / "dev.json")
    build_pretrain(words, out_dir / PRETRAIN_FILE, dim=opts.word_dim)
    labels = sorted({label for ex in train for *_, label in ex.entities})
    logging.getLogger("stanza").setLevel(logging.WARNING)
    ner_main(_trainer_args(opts, work, out_dir))
    meta = {"scheme": "orders", "labels": labels, "seed": opts.seed}
    (out_dir / LABELS_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return out_dir
