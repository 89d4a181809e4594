"""The only module that touches ``stanza.Pipeline``: typed in, typed out, built offline.

stanza ships no type information, so its objects are read through narrow casts here and nowhere
else; callers get token-index spans and labels, never a stanza ``Document``.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from nlfhir.adapters.stanza.errors import MODEL_HINT, import_stanza
from nlfhir.adapters.stanza.training import NER_FILE, PRETRAIN_FILE
from nlfhir.ports.errors import ConfigurationError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from nlfhir.adapters.stanza.settings import StanzaSettings

# (first token index, end token index exclusive, label) in one sentence
TokenSpan = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class ModelSource:
    """Where the model came from, as /health/ready reports it."""

    ner_model: Path
    pretrain: Path | None
    resources_dir: Path | None


def locate(settings: StanzaSettings) -> ModelSource:
    """Resolve the settings to files that exist, or say which setting to fix."""
    s = settings
    if s.model_dir is not None:
        source = ModelSource(s.model_dir / NER_FILE, s.model_dir / PRETRAIN_FILE, None)
    elif s.ner_model is not None:
        source = ModelSource(s.ner_model, s.pretrain, s.resources_dir)
    elif s.resources_dir is not None:
        ner = s.resources_dir / "en" / "ner" / f"{s.ner_package}.pt"
        source = ModelSource(
            ner, s.resources_dir / "en" / "pretrain" / f"{s.package}.pt", s.resources_dir
        )
    else:
        raise ConfigurationError(f"no Stanza model configured: {MODEL_HINT}")
    for path in (source.ner_model, source.pretrain):
        if path is not None and not path.is_file():
            raise ConfigurationError(f"Stanza model file not found: {path}; {MODEL_HINT}")
    return source


class NerPipeline:
    """A loaded tokenize(pretokenized)+ner pipeline; ``tag`` is CPU-bound and blocking."""

    def __init__(self, source: ModelSource, settings: StanzaSettings) -> None:
        self.source = source
        self._nlp = _build(import_stanza(), source, settings)
        ner = cast("Any", self._nlp).processors["ner"]
        self.labels: tuple[str, ...] = tuple(cast("list[str]", ner.get_known_tags()))

    def tag(self, batch: Sequence[Sequence[str]]) -> list[list[TokenSpan]]:
        """Entities of each pretokenized sentence, in one pipeline call for the whole batch."""
        if not batch:
            return []
        doc = cast("Callable[[list[list[str]]], Any]", self._nlp)([list(s) for s in batch])
        out: list[list[TokenSpan]] = []
        for sentence in cast("list[Any]", doc.sentences):
            spans: list[TokenSpan] = []
            for ent in cast("list[Any]", sentence.ents):
                ids = [cast("tuple[int, ...]", t.id)[0] for t in ent.tokens]
                spans.append((min(ids) - 1, max(ids), cast("str", ent.type)))
            out.append(spans)
        return out


def _build(stanza: Any, source: ModelSource, settings: StanzaSettings) -> object:
    kwargs: dict[str, object] = {
        "processors": "tokenize,ner",
        "tokenize_pretokenized": True,
        "ner_model_path": str(source.ner_model),
        "download_method": None,
        "use_gpu": False,
        "logging_level": "ERROR",
    }
    if source.pretrain is not None:
        kwargs["ner_pretrain_path"] = str(source.pretrain)
    if source.resources_dir is not None:
        kwargs |= {"dir": str(source.resources_dir), "package": settings.package}
        return _construct(stanza, source, kwargs)
    # our own model dir has no resources.json: stanza reads an empty one once, at construction
    with tempfile.TemporaryDirectory(prefix="nlfhir-stanza-") as empty:
        (Path(empty) / "resources.json").write_text(json.dumps({}), encoding="utf-8")
        kwargs |= {"dir": empty, "allow_unknown_language": True}
        return _construct(stanza, source, kwargs)


def _construct(stanza: Any, source: ModelSource, kwargs: dict[str, Any]) -> object:
    try:
        return cast("object", stanza.Pipeline("en", **kwargs))
    except (OSError, RuntimeError, ValueError, KeyError) as e:
        raise ConfigurationError(f"could not load the Stanza model {source.ner_model}: {e}") from e
