"""The system clock and UUIDs: the production implementations of the clock/ids ports."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from nlfhir.ports.clock import Clock, IdGenerator


class SystemClock(Clock):
    def now(self) -> datetime:
        return datetime.now(tz=UTC)


class UuidGenerator(IdGenerator):
    """Random (version 4) UUIDs: unguessable, so fullUrls leak nothing about order or time."""

    def new_id(self) -> str:
        return str(uuid.uuid4())
