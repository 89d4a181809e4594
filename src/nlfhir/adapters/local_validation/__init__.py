"""Local validation against the official FHIR R4 4.0.1 definitions (no server, no network)."""

from nlfhir.adapters.local_validation.validator import LocalR4Validator

__all__ = ["LocalR4Validator"]
