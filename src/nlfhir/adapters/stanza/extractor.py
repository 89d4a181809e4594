"""StanzaExtractor: a Stanza NER model finds the mentions; the domain grammar reads the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlfhir.adapters.stanza.batching import MicroBatcher
from nlfhir.adapters.stanza.labels import resolve
from nlfhir.adapters.stanza.pipeline import NerPipeline, locate
from nlfhir.adapters.stanza.tokens import Token, sentences
from nlfhir.domain.codes import Concept
from nlfhir.domain.grammar import Mention, MentionKind, Vocabulary, read_orders
from nlfhir.domain.orders import Span
from nlfhir.ports.errors import ExtractorUnavailable
from nlfhir.ports.extraction import OrderExtractor

if TYPE_CHECKING:
    from collections.abc import Sequence

    from nlfhir.adapters.stanza.settings import StanzaSettings
    from nlfhir.domain.orders import Extraction
    from nlfhir.ports.terminology import Terminology


class StanzaExtractor(OrderExtractor):
    """Finds drugs, tests and services by a trained NER model, so names no table knows still count.

    ``load()`` is blocking (seconds): the composition root calls it once at start-up.
    """

    def __init__(self, settings: StanzaSettings, terminology: Terminology) -> None:
        self._settings = settings
        self._terminology = terminology
        self._pipeline: NerPipeline | None = None
        self._kinds: dict[str, MentionKind | None] = {}
        self._vocabulary = Vocabulary.of(terminology)
        self.batcher = MicroBatcher[str, tuple[Mention, ...]](
            self.find_mentions_batch,
            window_s=settings.batch_window_ms / 1000,
            max_items=settings.batch_max,
        )

    @property
    def name(self) -> str:
        return "stanza"

    def load(self) -> None:
        """Build the pipeline offline; ConfigurationError says how to install or point to models."""
        if self._pipeline is None:
            pipeline = NerPipeline(locate(self._settings), self._settings)
            self._kinds = resolve(self._settings.labels, pipeline.labels)
            self._pipeline = pipeline

    def describe(self) -> dict[str, object]:
        """What /health/ready shows: the model file and its labels (empty until loaded)."""
        p = self._pipeline
        return {
            "extractor": self.name,
            "model": str(p.source.ner_model) if p else None,
            "labels": list(p.labels) if p else [],
            "order_labels": [label for label in p.labels if self._kinds.get(label)] if p else [],
        }

    async def extract(self, text: str) -> Extraction:
        mentions = await self.batcher.submit(text)
        return read_orders(text, mentions, self._vocabulary)

    async def aclose(self) -> None:
        await self.batcher.aclose()

    def find_mentions(self, text: str) -> tuple[Mention, ...]:
        return self.find_mentions_batch([text])[0]

    def find_mentions_batch(self, texts: Sequence[str]) -> list[tuple[Mention, ...]]:
        """Every sentence of every text in one pipeline call; blocking, CPU-bound."""
        if self._pipeline is None:
            raise ExtractorUnavailable("the Stanza model is not loaded")
        per_text = [sentences(t) for t in texts]
        flat = [s for sents in per_text for s in sents]
        try:
            tagged = iter(self._pipeline.tag([[tok.text for tok in s] for s in flat]))
        except (RuntimeError, ValueError, IndexError) as e:  # torch/stanza failures at inference
            raise ExtractorUnavailable(f"the Stanza model failed: {e}") from e
        out: list[tuple[Mention, ...]] = []
        for text, sents in zip(texts, per_text, strict=True):
            found = [m for s in sents for m in self._mentions(text, s, next(tagged))]
            out.append(tuple(found))
        return out

    def _mentions(
        self, text: str, sent: list[Token], spans: list[tuple[int, int, str]]
    ) -> list[Mention]:
        out: list[Mention] = []
        for first, end, label in spans:
            kind = self._kinds.get(label)
            if kind is None:
                continue
            span = Span(start=sent[first].start, end=sent[end - 1].end)
            name = text[span.start : span.end]
            kind, concept = self._code(kind, name, label)
            out.append(Mention(span=span, kind=kind, concept=concept, source=self.name))
        return out

    def _code(self, kind: MentionKind, name: str, label: str) -> tuple[MentionKind, Concept]:
        """Code through the tables when they know the name; otherwise keep it uncoded."""
        t = self._terminology
        if kind is MentionKind.MEDICATION:
            found = t.medication(name)
            if found is None and label == "TREATMENT" and (proc := t.procedure(name)):
                return MentionKind.PROCEDURE, Concept(text=name, codings=proc.codings)
        elif kind is MentionKind.LAB:
            found = t.lab(name)
        else:
            found = t.procedure(name)
        return kind, Concept(text=name, codings=found.codings if found else ())
