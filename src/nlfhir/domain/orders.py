"""Orders as the clinician wrote them, each tied to the span of text it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from nlfhir.domain.codes import Concept
from nlfhir.domain.errors import InvariantViolation
from nlfhir.domain.quantities import Quantity, Range, Ratio
from nlfhir.domain.timing import Timing

_NO_TIMING = Timing()  # a Dosage's default schedule (a Timing is immutable, so one is shared)


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class Span:
    """A half-open character range [start, end) of the input text."""

    start: int
    end: int

    def __init__(self, *, start: int, end: int) -> None:
        if start < 0 or end < start:
            raise InvariantViolation("a span is 0 <= start <= end")
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)


class OrderIntent(StrEnum):
    """FHIR request intent; the service only ever proposes orders a clinician signs."""

    ORDER = "order"
    PROPOSAL = "proposal"
    PLAN = "plan"


class OrderStatus(StrEnum):
    """FHIR request status. Hold/stop instructions never become ``active`` orders."""

    ACTIVE = "active"
    ON_HOLD = "on-hold"
    STOPPED = "stopped"
    DRAFT = "draft"


class ServiceCategory(StrEnum):
    LABORATORY = "laboratory"
    IMAGING = "imaging"
    PROCEDURE = "procedure"
    REFERRAL = "referral"


class Priority(StrEnum):
    ROUTINE = "routine"
    URGENT = "urgent"
    ASAP = "asap"
    STAT = "stat"


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class Dosage:
    """One dosage line: ``dose`` or ``dose_range`` (never both); ``text`` is the source words."""

    text: str
    sequence: int | None = None
    dose: Quantity | None = None
    dose_range: Range | None = None
    route: Concept | None = None
    site: Concept | None = None
    timing: Timing = field(default_factory=Timing)
    as_needed: bool = False
    as_needed_reason: Concept | None = None
    max_dose_per_period: Ratio | None = None
    rate_quantity: Quantity | None = None
    rate_range: Range | None = None
    rate_ratio: Ratio | None = None
    additional_instructions: tuple[Concept, ...] = ()

    def __init__(
        self,
        *,
        text: str,
        sequence: int | None = None,
        dose: Quantity | None = None,
        dose_range: Range | None = None,
        route: Concept | None = None,
        site: Concept | None = None,
        timing: Timing = _NO_TIMING,
        as_needed: bool = False,
        as_needed_reason: Concept | None = None,
        max_dose_per_period: Ratio | None = None,
        rate_quantity: Quantity | None = None,
        rate_range: Range | None = None,
        rate_ratio: Ratio | None = None,
        additional_instructions: tuple[Concept, ...] = (),
    ) -> None:
        if dose is not None and dose_range is not None:
            raise InvariantViolation("a dosage has a dose or a dose range, not both")
        if as_needed_reason is not None and not as_needed:
            raise InvariantViolation("an as-needed reason needs as_needed")
        if (rate_quantity is not None) + (rate_range is not None) + (rate_ratio is not None) > 1:
            raise InvariantViolation("a dosage has one rate")
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "sequence", sequence)
        object.__setattr__(self, "dose", dose)
        object.__setattr__(self, "dose_range", dose_range)
        object.__setattr__(self, "route", route)
        object.__setattr__(self, "site", site)
        object.__setattr__(self, "timing", timing)
        object.__setattr__(self, "as_needed", as_needed)
        object.__setattr__(self, "as_needed_reason", as_needed_reason)
        object.__setattr__(self, "max_dose_per_period", max_dose_per_period)
        object.__setattr__(self, "rate_quantity", rate_quantity)
        object.__setattr__(self, "rate_range", rate_range)
        object.__setattr__(self, "rate_ratio", rate_ratio)
        object.__setattr__(self, "additional_instructions", additional_instructions)


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class MedicationOrder:
    """A medication request: the drug, one or more dosage lines, and why."""

    medication: Concept
    span: Span
    dosages: tuple[Dosage, ...] = ()
    indication: Concept | None = None
    priority: Priority | None = None
    intent: OrderIntent = OrderIntent.ORDER
    status: OrderStatus = OrderStatus.ACTIVE
    source: str = "rules"

    def __init__(
        self,
        *,
        medication: Concept,
        span: Span,
        dosages: tuple[Dosage, ...] = (),
        indication: Concept | None = None,
        priority: Priority | None = None,
        intent: OrderIntent = OrderIntent.ORDER,
        status: OrderStatus = OrderStatus.ACTIVE,
        source: str = "rules",
    ) -> None:
        object.__setattr__(self, "medication", medication)
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "dosages", dosages)
        object.__setattr__(self, "indication", indication)
        object.__setattr__(self, "priority", priority)
        object.__setattr__(self, "intent", intent)
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "source", source)


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class ServiceOrder:
    """A lab test, imaging study, procedure or referral."""

    code: Concept
    category: ServiceCategory
    span: Span
    priority: Priority | None = None
    reason: Concept | None = None
    body_site: Concept | None = None
    occurrence_text: str | None = None
    quantity: int | None = None
    """How many of the service: "blood cultures x2" is two."""
    intent: OrderIntent = OrderIntent.ORDER
    status: OrderStatus = OrderStatus.ACTIVE
    source: str = "rules"

    def __init__(
        self,
        *,
        code: Concept,
        category: ServiceCategory,
        span: Span,
        priority: Priority | None = None,
        reason: Concept | None = None,
        body_site: Concept | None = None,
        occurrence_text: str | None = None,
        quantity: int | None = None,
        intent: OrderIntent = OrderIntent.ORDER,
        status: OrderStatus = OrderStatus.ACTIVE,
        source: str = "rules",
    ) -> None:
        if quantity is not None and quantity < 1:
            raise InvariantViolation("a service's quantity is at least one")
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "category", category)
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "priority", priority)
        object.__setattr__(self, "reason", reason)
        object.__setattr__(self, "body_site", body_site)
        object.__setattr__(self, "occurrence_text", occurrence_text)
        object.__setattr__(self, "quantity", quantity)
        object.__setattr__(self, "intent", intent)
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "source", source)


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class AllergyStatement:
    """A stated allergy to a substance (never produced from "NKDA" or "no known allergies")."""

    substance: Concept
    span: Span
    reaction: Concept | None = None  # how it shows ("rash"), when the text says
    source: str = "rules"

    def __init__(
        self,
        *,
        substance: Concept,
        span: Span,
        reaction: Concept | None = None,
        source: str = "rules",
    ) -> None:
        object.__setattr__(self, "substance", substance)
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "reaction", reaction)
        object.__setattr__(self, "source", source)


Order = MedicationOrder | ServiceOrder | AllergyStatement


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class UnparsedSegment:
    """Text the extractor could not read as an order, with why; never silently dropped."""

    text: str
    span: Span
    reason: str

    def __init__(self, *, text: str, span: Span, reason: str) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "reason", reason)


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class Extraction:
    """What an extractor read from one text: the orders, and the segments it could not read.

    ``no_known_allergies`` records an explicit NKDA-type statement (not an allergy).
    """

    orders: tuple[Order, ...] = ()
    unparsed: tuple[UnparsedSegment, ...] = ()
    no_known_allergies: bool = False

    def __init__(
        self,
        *,
        orders: tuple[Order, ...] = (),
        unparsed: tuple[UnparsedSegment, ...] = (),
        no_known_allergies: bool = False,
    ) -> None:
        object.__setattr__(self, "orders", orders)
        object.__setattr__(self, "unparsed", unparsed)
        object.__setattr__(self, "no_known_allergies", no_known_allergies)
