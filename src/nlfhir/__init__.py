"""nl-fhir: clinical free-text orders to coded, validated FHIR R4 transaction Bundles."""

__version__ = "0.1.0"
