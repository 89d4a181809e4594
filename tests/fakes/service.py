"""The application's use cases wired to fakes: the usual subject of unit and span tests."""

from __future__ import annotations

from nlfhir.adapters.rules import RulesExtractor
from nlfhir.app.use_cases import ConversionUseCases
from nlfhir.ports.telemetry import Telemetry
from nlfhir.ports.validation import BundleValidator
from tests.fakes.clock import FixedClock, SequentialIds
from tests.fakes.telemetry import RecordingTelemetry
from tests.fakes.terminology import FakeTerminology
from tests.fakes.validation import FakeValidator


def fake_use_cases(
    *, validator: BundleValidator | None = None, telemetry: Telemetry | None = None
) -> ConversionUseCases:
    """Rules extractor over the fake tables, a fixed clock, sequential ids, no FHIR server."""
    return ConversionUseCases(
        extractor=RulesExtractor(FakeTerminology()),
        validator=validator or FakeValidator("local"),
        fhir_server=None,
        clock=FixedClock(),
        ids=SequentialIds(),
        telemetry=telemetry or RecordingTelemetry(),
    )
