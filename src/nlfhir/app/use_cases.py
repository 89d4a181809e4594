"""The application's use cases: convert, validate, execute. Text flows one way through ports."""

from __future__ import annotations

from time import perf_counter
from typing import TYPE_CHECKING

from nlfhir.domain.conversion import Conversion, PatientStatus, check_text
from nlfhir.domain.mapping import BundleContext, build_bundle
from nlfhir.domain.orders import AllergyStatement, Extraction, MedicationOrder, ServiceOrder
from nlfhir.ports.conversion import ConversionService
from nlfhir.ports.errors import ConfigurationError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from nlfhir.domain.patient import PatientRef
    from nlfhir.domain.validation import ValidationOutcome
    from nlfhir.ports.clock import Clock, IdGenerator
    from nlfhir.ports.extraction import OrderExtractor
    from nlfhir.ports.fhir_server import ExecutedEntry, FhirServer
    from nlfhir.ports.telemetry import Telemetry
    from nlfhir.ports.validation import BundleValidator

_RESOURCE = {
    MedicationOrder: "MedicationRequest",
    ServiceOrder: "ServiceRequest",
    AllergyStatement: "AllergyIntolerance",
}


class ConversionUseCases(ConversionService):
    """Wires one extractor, one validator (possibly a fallback chain) and an optional server."""

    def __init__(
        self,
        *,
        extractor: OrderExtractor,
        validator: BundleValidator,
        fhir_server: FhirServer | None,
        clock: Clock,
        ids: IdGenerator,
        telemetry: Telemetry,
    ) -> None:
        self._extractor = extractor
        self._validator = validator
        self._server = fhir_server
        self._clock = clock
        self._ids = ids
        self._telemetry = telemetry

    async def convert(
        self, text: str, patient: PatientRef | None, *, request_id: str | None = None
    ) -> Conversion:
        started = perf_counter()
        check_text(text)
        outcome_label = "error"
        try:
            with self._telemetry.span("convert"):
                conversion = await self._convert(
                    text, patient, started, request_id or self._ids.new_id()
                )
            outcome_label = _label(conversion)
            return conversion
        finally:
            self._telemetry.conversion(outcome=outcome_label, duration_s=perf_counter() - started)

    async def _convert(
        self, text: str, patient: PatientRef | None, started: float, request_id: str
    ) -> Conversion:
        extraction = await self._extract(text)
        with self._telemetry.span("map"):
            ctx = BundleContext(patient=patient, authored_on=self._now(), new_id=self._ids.new_id)
            bundle = build_bundle(extraction.orders, ctx)
        outcome = await self.validate(bundle)
        return Conversion(
            request_id=request_id,
            extraction=extraction,
            bundle=bundle,
            outcome=outcome,
            patient_status=_patient_status(patient),
            extractor=self._extractor.name,
            duration_ms=(perf_counter() - started) * 1000,
        )

    async def _extract(self, text: str) -> Extraction:
        t0 = perf_counter()
        with self._telemetry.span("extract"):
            extraction = await self._extractor.extract(text)
        self._telemetry.extraction(extractor=self._extractor.name, duration_s=perf_counter() - t0)
        for order in extraction.orders:
            self._telemetry.orders(resource_type=_RESOURCE[type(order)], count=1)
        self._telemetry.unparsed(count=len(extraction.unparsed))
        return extraction

    async def validate(self, bundle: Mapping[str, object]) -> ValidationOutcome:
        with self._telemetry.span("validate"):
            outcome = await self._validator.validate(bundle)
        self._telemetry.validation(
            validator=outcome.validated_by,
            result="valid" if outcome.valid else "invalid",
            degraded=outcome.degraded,
        )
        return outcome

    async def execute(self, bundle: Mapping[str, object]) -> tuple[ExecutedEntry, ...]:
        """The FHIR server adapter reports its own calls (timings, error kinds, breaker)."""
        if self._server is None:
            raise ConfigurationError("no FHIR server is configured (set NLFHIR_HAPI_URL)")
        with self._telemetry.span("fhir.execute"):
            return await self._server.execute(bundle)

    def _now(self) -> str:
        return self._clock.now().isoformat(timespec="seconds")


def _patient_status(patient: PatientRef | None) -> PatientStatus:
    if patient is None:
        return PatientStatus.MISSING
    return PatientStatus.REFERENCE if patient.reference else PatientStatus.IDENTIFIER


def _label(conversion: Conversion) -> str:
    if not conversion.extraction.orders:
        return "no_orders"
    if not conversion.outcome.valid:
        return "invalid"
    return "degraded" if conversion.outcome.degraded else "ok"
