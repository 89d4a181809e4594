"""A circuit breaker: after N consecutive failures it opens and callers fail fast; after the
reset time one probe call is let through (half-open), whose result closes or re-opens it."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable


class BreakerState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitBreaker:
    """Counts consecutive failures of one dependency. Single event loop; not thread-safe.

    A probe that never reports back (cancelled) is forgotten after ``reset_s``, so the breaker
    cannot stay half-open forever.
    """

    def __init__(
        self,
        *,
        failures: int,
        reset_s: float,
        now: Callable[[], float],
        on_change: Callable[[BreakerState], None] | None = None,
    ) -> None:
        self._threshold = failures
        self._reset_s = reset_s
        self._now = now
        self._on_change = on_change
        self._state = BreakerState.CLOSED
        self._failures = 0
        self._opened_at = 0.0
        self._probe_at: float | None = None

    @property
    def state(self) -> BreakerState:
        if self._state is BreakerState.OPEN and self._now() - self._opened_at >= self._reset_s:
            return BreakerState.HALF_OPEN
        return self._state

    def allow(self) -> bool:
        """May a call go ahead now? In half-open, only one probe at a time."""
        state = self.state
        if state is BreakerState.CLOSED:
            return True
        if state is BreakerState.OPEN:
            return False
        now = self._now()
        if self._probe_at is not None and now - self._probe_at < self._reset_s:
            return False
        self._set(BreakerState.HALF_OPEN)
        self._probe_at = now
        return True

    def retry_after(self) -> float:
        """Seconds until a probe may be let through (0 when calls are allowed)."""
        if self._state is BreakerState.CLOSED:
            return 0.0
        start = self._opened_at if self._state is BreakerState.OPEN else (self._probe_at or 0.0)
        return max(0.0, self._reset_s - (self._now() - start))

    def success(self) -> None:
        self._failures = 0
        self._probe_at = None
        self._set(BreakerState.CLOSED)

    def failure(self) -> None:
        self._failures += 1
        if self._state is BreakerState.HALF_OPEN or self._failures >= self._threshold:
            self._opened_at = self._now()
            self._probe_at = None
            self._set(BreakerState.OPEN)

    def _set(self, state: BreakerState) -> None:
        if state is not self._state:
            self._state = state
            if self._on_change is not None:
                self._on_change(state)
