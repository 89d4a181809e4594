"""Terminology from curated code tables shipped as package data (see data/SOURCES.md)."""

from nlfhir.adapters.terminology.tables import TableTerminology

__all__ = ["TableTerminology"]
