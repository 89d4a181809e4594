"""Helpers for tests of what an extractor read: the orders of one kind."""

from __future__ import annotations

from nlfhir.domain.orders import Extraction, MedicationOrder, ServiceOrder


def meds(e: Extraction) -> list[MedicationOrder]:
    return [o for o in e.orders if isinstance(o, MedicationOrder)]


def services(e: Extraction) -> list[ServiceOrder]:
    return [o for o in e.orders if isinstance(o, ServiceOrder)]
