"""Authentication and rate limiting at the HTTP edge.

Keys are stored as SHA-256 digests and compared in constant time; a client is identified by the
key it presented, never by a header it could forge (X-Forwarded-For, X-Client-Id). Scopes gate
endpoints: `convert`, `validate`, and `execute` (which changes state on the FHIR server).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from nlfhir.adapters.http_api import problems as pb


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiClient:
    """A configured client: its name (for logs and metrics), key digest and scopes."""

    name: str
    key_sha256: str
    scopes: frozenset[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthConfig:
    """``enabled=False`` only by explicit configuration, for local use."""

    enabled: bool = True
    clients: tuple[ApiClient, ...] = ()


ANONYMOUS = ApiClient(
    name="anonymous", key_sha256="", scopes=frozenset({"convert", "validate", "execute"})
)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def presented_key(headers: Mapping[str, str]) -> str | None:
    """The key from ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``."""
    auth = headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip() or None
    return headers.get("x-api-key") or None


def authenticate(config: AuthConfig, headers: Mapping[str, str], scope: str) -> ApiClient:
    """The client behind the request, or a 401/403 problem."""
    if not config.enabled:
        return ANONYMOUS
    key = presented_key(headers)
    if key is None:
        raise pb.ProblemError(pb.UNAUTHORIZED, "send 'Authorization: Bearer <key>' or 'X-API-Key'")
    want = digest(key)
    match: ApiClient | None = None
    for client in config.clients:  # every digest is compared: no early exit to time
        if hmac.compare_digest(client.key_sha256, want):
            match = client
    if match is None:
        raise pb.ProblemError(pb.UNAUTHORIZED, "unknown API key")
    if scope not in match.scopes:
        raise pb.ProblemError(pb.FORBIDDEN, f"this key lacks the '{scope}' scope")
    return match


@dataclass(slots=True)
class _Bucket:
    tokens: float
    stamp: float


@dataclass(slots=True)
class RateLimiter:
    """A token bucket per client: ``rate`` requests per second, bursts up to ``burst``.

    Single event loop, no awaits inside: the check-and-take is atomic under concurrency.
    """

    rate: float
    burst: int
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[str, _Bucket] = field(default_factory=dict[str, _Bucket])

    def take(self, client: str, cost: int = 1) -> None:
        """Spend ``cost`` tokens, or raise a 429 problem with Retry-After (spending none)."""
        if self.rate <= 0:
            return
        now = self.clock()
        b = self._buckets.get(client)
        if b is None:
            b = self._buckets[client] = _Bucket(tokens=float(self.burst), stamp=now)
        b.tokens = min(float(self.burst), b.tokens + (now - b.stamp) * self.rate)
        b.stamp = now
        if b.tokens < cost:
            wait = math.ceil((cost - b.tokens) / self.rate)
            raise pb.ProblemError(
                pb.RATE_LIMITED,
                f"limit is {self.rate:g} requests/s per client",
                retry_after=max(1, wait),
            )
        b.tokens -= cost
