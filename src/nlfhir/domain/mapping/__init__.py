"""FHIR R4 mapping rules: domain orders to one transaction Bundle (plain JSON-ready dicts)."""

from nlfhir.domain.mapping.bundle import BundleContext, build_bundle

__all__ = ["BundleContext", "build_bundle"]
