"""Time and identifiers come through ports so that output is reproducible in tests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import datetime


class Clock(Protocol):
    """The current time, timezone-aware."""

    def now(self) -> datetime: ...


class IdGenerator(Protocol):
    """Fresh unique identifiers (UUID strings, lowercase, no prefix)."""

    def new_id(self) -> str: ...
