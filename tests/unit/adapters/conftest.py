"""Fixtures shared by the adapter tests."""

from __future__ import annotations

import pytest

from nlfhir.adapters.rules import RulesExtractor
from nlfhir.adapters.terminology import TableTerminology


@pytest.fixture(scope="session")
def shipped() -> RulesExtractor:
    """The rules extractor with the shipped tables (where "potassium" is also a lab test)."""
    return RulesExtractor(TableTerminology())
