"""A fixed clock and sequential ids, so bundles are reproducible."""

from __future__ import annotations

from datetime import UTC, datetime

from nlfhir.ports.clock import Clock, IdGenerator


class FixedClock(Clock):
    def __init__(self, at: datetime | None = None) -> None:
        self.at = at or datetime(2026, 11, 22, 9, 30, tzinfo=UTC)

    def now(self) -> datetime:
        return self.at


class SequentialIds(IdGenerator):
    """UUID-shaped ids 00000000-0000-4000-8000-000000000001, ...2, ..."""

    def __init__(self) -> None:
        self.n = 0

    def new_id(self) -> str:
        self.n += 1
        return f"00000000-0000-4000-8000-{self.n:012d}"
