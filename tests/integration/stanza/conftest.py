"""A small Stanza NER model trained once from tests/data/stanza and cached by its inputs' hash.

The model lives in pytest's cache (``.pytest_cache/d/stanza-model/<hash>``), so a second run loads
it in seconds; change the data or the trainer and it is trained again (~30-60 s on 2 cores).
Without stanza installed these tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from pathlib import Path

import pytest

from nlfhir.adapters.stanza import StanzaExtractor, StanzaSettings, train_ner
from nlfhir.adapters.stanza.training import NER_FILE, TrainOptions
from nlfhir.adapters.terminology.tables import TableTerminology

DATA = Path(__file__).resolve().parents[2] / "data" / "stanza"
TRAINER = Path(__file__).resolve().parents[3] / "src" / "nlfhir" / "adapters" / "stanza"
OPTIONS = TrainOptions()


def require_stanza() -> None:
    if importlib.util.find_spec("stanza") is None:
        reason = "stanza is not installed: `uv sync --extra stanza` to run these tests"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)


def _inputs_hash() -> str:
    h = hashlib.sha256(repr(OPTIONS).encode())
    for path in (DATA / "train.jsonl", DATA / "dev.jsonl", TRAINER / "training.py"):
        h.update(path.read_bytes())
    h.update((TRAINER / "tokens.py").read_bytes())
    return h.hexdigest()[:16]


@pytest.fixture(scope="session")
def stanza_model_dir(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    require_stanza()
    cache = getattr(request.config, "cache", None)  # absent under `-p no:cacheprovider`
    root = cache.mkdir("stanza-model") if isinstance(cache, pytest.Cache) else None
    out = (root or tmp_path_factory.mktemp("stanza-model")) / _inputs_hash()
    if not (out / NER_FILE).is_file():
        train_ner(DATA / "train.jsonl", out, dev_jsonl=DATA / "dev.jsonl", options=OPTIONS)
    return out


@pytest.fixture(scope="session")
def terminology() -> TableTerminology:
    tables = TableTerminology()
    tables.load()
    return tables


@pytest.fixture(scope="session")
def extractor(stanza_model_dir: Path, terminology: TableTerminology) -> StanzaExtractor:
    x = StanzaExtractor(StanzaSettings(model_dir=stanza_model_dir), terminology)
    x.load()
    return x
