"""The dependency-injector container: the only place that knows which adapter plays which port."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from nlfhir.adapters.local_validation import LocalR4Validator
from nlfhir.adapters.rules import RulesExtractor
from nlfhir.adapters.system import SystemClock, UuidGenerator
from nlfhir.adapters.telemetry.noop import NoopTelemetry
from nlfhir.adapters.terminology import TableTerminology
from nlfhir.app.settings import ExtractorChoice, Settings, ValidationPolicy
from nlfhir.app.use_cases import ConversionUseCases
from nlfhir.app.validation_policy import FallbackValidator
from nlfhir.ports.errors import ConfigurationError

if TYPE_CHECKING:
    from nlfhir.adapters.hapi import HapiClient
    from nlfhir.ports.extraction import OrderExtractor
    from nlfhir.ports.fhir_server import FhirServer
    from nlfhir.ports.telemetry import Telemetry
    from nlfhir.ports.validation import BundleValidator


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


def hapi_client(settings: Settings, telemetry: Telemetry) -> HapiClient | None:
    """The one HAPI client, when NLFHIR_HAPI_URL is set. Its session opens on first use."""
    if not settings.hapi_url:
        return None
    try:
        from nlfhir.adapters.hapi import HapiClient, HapiSettings  # the hapi extra
    except ImportError as e:
        raise ConfigurationError(
            "NLFHIR_HAPI_URL needs the hapi extra: uv sync --extra hapi "
            "(or pip install 'nl-fhir[hapi]')"
        ) from e
    hapi = HapiSettings(
        base_url=settings.hapi_url,
        connect_timeout_s=settings.hapi_connect_timeout_s,
        read_timeout_s=settings.hapi_read_timeout_s,
        retries=settings.hapi_retries,
        breaker_failures=settings.hapi_breaker_failures,
        breaker_reset_s=settings.hapi_breaker_reset_s,
        max_concurrency=settings.hapi_max_concurrency,
    )
    return HapiClient(hapi, telemetry)


def choose_validator(
    settings: Settings, local: LocalR4Validator, client: HapiClient | None
) -> BundleValidator:
    """The validation policy (ADR 0004): local, hapi, or hapi with local standing in, said so."""
    if settings.validation_policy is ValidationPolicy.LOCAL:
        return local
    if client is None:  # Settings refuses this; kept for wiring done by hand
        raise ConfigurationError(f"policy {settings.validation_policy} needs NLFHIR_HAPI_URL")
    from nlfhir.adapters.hapi import HapiValidator

    hapi = HapiValidator(client)
    if settings.validation_policy is ValidationPolicy.HAPI:
        return hapi
    return FallbackValidator(hapi, local)


def fhir_server(client: HapiClient | None) -> FhirServer | None:
    if client is None:
        return None
    from nlfhir.adapters.hapi import HapiFhirServer

    return HapiFhirServer(client)


async def close_hapi(container: Container) -> None:
    """Close the shared HAPI session, if one was made (server shutdown, end of a CLI command)."""
    client = container.hapi_client()
    if client is not None:
        await client.aclose()


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
    hapi_client = providers.Singleton(hapi_client, settings, telemetry)
    validator = providers.Singleton(choose_validator, settings, local_validator, hapi_client)
    fhir_server = providers.Singleton(fhir_server, hapi_client)
    use_cases = providers.Singleton(
        ConversionUseCases,
        extractor=extractor,
        validator=validator,
        fhir_server=fhir_server,
        clock=clock,
        ids=ids,
        telemetry=telemetry,
    )
