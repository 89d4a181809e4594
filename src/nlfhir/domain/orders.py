"""Orders as the clinician wrote them, each tied to the span of text it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from nlfhir.domain.codes import Concept
from nlfhir.domain.errors import InvariantViolation
from nlfhir.domain.quantities import Quantity, Range, Ratio
from nlfhir.domain.timing import Timing


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A half-open character range [start, end) of the input text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise InvariantViolation("a span is 0 <= start <= end")


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


@dataclass(frozen=True, slots=True, kw_only=True)
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

    def __post_init__(self) -> None:
        if self.dose is not None and self.dose_range is not None:
            raise InvariantViolation("a dosage has a dose or a dose range, not both")
        if self.as_needed_reason is not None and not self.as_needed:
            raise InvariantViolation("an as-needed reason needs as_needed")
        rates = (self.rate_quantity, self.rate_range, self.rate_ratio)
        if sum(r is not None for r in rates) > 1:
            raise InvariantViolation("a dosage has one rate")


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceOrder:
    """A lab test, imaging study, procedure or referral."""

    code: Concept
    category: ServiceCategory
    span: Span
    priority: Priority | None = None
    reason: Concept | None = None
    body_site: Concept | None = None
    occurrence_text: str | None = None
    intent: OrderIntent = OrderIntent.ORDER
    status: OrderStatus = OrderStatus.ACTIVE
    source: str = "rules"


@dataclass(frozen=True, slots=True, kw_only=True)
class AllergyStatement:
    """A stated allergy to a substance (never produced from "NKDA" or "no known allergies")."""

    substance: Concept
    span: Span
    reaction: Concept | None = None  # how it shows ("rash"), when the text says
    source: str = "rules"


Order = MedicationOrder | ServiceOrder | AllergyStatement


@dataclass(frozen=True, slots=True, kw_only=True)
class UnparsedSegment:
    """Text the extractor could not read as an order, with why; never silently dropped."""

    text: str
    span: Span
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """What an extractor read from one text: the orders, and the segments it could not read.

    ``no_known_allergies`` records an explicit NKDA-type statement (not an allergy).
    """

    orders: tuple[Order, ...] = ()
    unparsed: tuple[UnparsedSegment, ...] = ()
    no_known_allergies: bool = False
