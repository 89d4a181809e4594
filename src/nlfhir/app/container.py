"""The dependency-injector container: the only place that knows which adapter plays which port."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from nlfhir.adapters.local_validation import LocalR4Validator
from nlfhir.adapters.rules import RulesExtractor
from nlfhir.adapters.system import SystemClock, UuidGenerator
from nlfhir.adapters.telemetry.noop import NoopTelemetry
from nlfhir.adapters.terminology import TableTerminology
from nlfhir.app.settings import ExtractorChoice, Settings
from nlfhir.app.use_cases import ConversionUseCases

if TYPE_CHECKING:
    from nlfhir.ports.extraction import OrderExtractor
    from nlfhir.ports.fhir_server import FhirServer
    from nlfhir.ports.telemetry import Telemetry


def choose_extractor(
    settings: Settings, rules: RulesExtractor, terminology: TableTerminology, telemetry: Telemetry
) -> OrderExtractor:
    """Rules alone, or rules then Stanza. The Stanza model loads here, once; a missing extra or
    model raises ConfigurationError saying how to install it or point to one."""
    if settings.extractor is ExtractorChoice.RULES:
        return rules
    from nlfhir.adapters.stanza import StanzaExtractor  # the stanza extra
    from nlfhir.app.extraction import CompositeExtractor
    from nlfhir.app.stanza_wiring import stanza_settings

    stanza = StanzaExtractor(stanza_settings(), terminology)
    try:
        stanza.load()
    finally:
        telemetry.model(extractor="stanza", loaded=stanza.describe()["model"] is not None)
    return CompositeExtractor(rules, stanza, terminology)


class Container(containers.DeclarativeContainer):
    """Core wiring: rules extractor and local validator; the server adds HTTP and telemetry."""

    settings = providers.Dependency(instance_of=Settings)
    clock = providers.Singleton(SystemClock)
    ids = providers.Singleton(UuidGenerator)
    telemetry = providers.Singleton(NoopTelemetry)
    terminology = providers.Singleton(TableTerminology)
    rules_extractor = providers.Singleton(RulesExtractor, terminology=terminology)
    extractor = providers.Singleton(
        choose_extractor, settings, rules_extractor, terminology, telemetry
    )
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
