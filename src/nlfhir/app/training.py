"""`nlfhir train-ner`: trains a Stanza NER model with Stanza's own trainer (the stanza extra)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from nlfhir.adapters.stanza import TrainOptions, train_ner

if TYPE_CHECKING:
    import argparse


def train_ner_command(args: argparse.Namespace) -> int:
    options = TrainOptions(max_steps=args.max_steps, seed=args.seed)
    out = train_ner(args.examples, args.out, dev_jsonl=args.dev, options=options)
    print(f"nlfhir: model written to {out} (set NLFHIR_STANZA_MODEL_DIR={out})", file=sys.stderr)
    return 0
