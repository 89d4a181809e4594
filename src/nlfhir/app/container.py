"""The dependency-injector container: the only place that knows which adapter plays which port."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from nlfhir.adapters.local_validation import LocalR4Validator
from nlfhir.adapters.rules import RulesExtractor
from nlfhir.adapters.system import SystemClock, UuidGenerator
from nlfhir.adapters.telemetry.noop import NoopTelemetry
from nlfhir.adapters.terminology import TableTerminology
from nlfhir.app.settings import Settings
from nlfhir.app.use_cases import ConversionUseCases

if TYPE_CHECKING:
    from nlfhir.ports.fhir_server import FhirServer


class Container(containers.DeclarativeContainer):
    """Core wiring: rules extractor and local validator; the server adds HTTP and telemetry."""

    settings = providers.Dependency(instance_of=Settings)
    clock = providers.Singleton(SystemClock)
    ids = providers.Singleton(UuidGenerator)
    telemetry = providers.Singleton(NoopTelemetry)
    terminology = providers.Singleton(TableTerminology)
    extractor = providers.Singleton(RulesExtractor, terminology=terminology)
    local_validator = providers.Singleton(LocalR4Validator)
    validator = local_validator
    fhir_server: providers.Provider[FhirServer | None] = providers.Object(None)
    use_cases = providers.Singleton(
        ConversionUseCases,
        extractor=extractor,
        validator=validator,
        fhir_server=fhir_server,
        clock=clock,
        ids=ids,
        telemetry=telemetry,
    )
