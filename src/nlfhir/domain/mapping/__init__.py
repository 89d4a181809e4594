"""FHIR R4 mapping rules: domain orders to one transaction Bundle (plain JSON-ready dicts)."""

from nlfhir.domain.mapping.bundle import BundleContext, ReasonMode, build_bundle

__all__ = ["BundleContext", "ReasonMode", "build_bundle"]
