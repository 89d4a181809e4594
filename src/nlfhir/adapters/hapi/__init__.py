"""HAPI FHIR adapter (the ``hapi`` extra): `$validate` as a validator, transactions as a server.

One ``HapiClient`` (one aiohttp session, one circuit breaker, one concurrency cap) is shared by
``HapiValidator`` and ``HapiFhirServer``. Importing this package opens nothing.
"""

from nlfhir.adapters.hapi.breaker import BreakerState, CircuitBreaker
from nlfhir.adapters.hapi.client import HapiClient
from nlfhir.adapters.hapi.server import HapiFhirServer
from nlfhir.adapters.hapi.settings import HapiSettings
from nlfhir.adapters.hapi.validator import HapiValidator

__all__ = [
    "BreakerState",
    "CircuitBreaker",
    "HapiClient",
    "HapiFhirServer",
    "HapiSettings",
    "HapiValidator",
]
