"""`POST [base]/Bundle/$validate` as the validation port, with retries and backoff with jitter.

HAPI's verdict is its OperationOutcome; valid/invalid follows from error and fatal issues only.
No answer is never a verdict: it raises ValidatorUnavailable.
"""

from __future__ import annotations

import asyncio
import random
from http import HTTPStatus
from typing import TYPE_CHECKING

from nlfhir.adapters.hapi.client import CallFailed, CallRefused, HapiClient
from nlfhir.adapters.hapi.outcome import UnreadableAnswer, outcome_issues
from nlfhir.domain.validation import Severity, ValidationIssue, ValidationOutcome
from nlfhir.ports.errors import ValidatorUnavailable
from nlfhir.ports.validation import BundleValidator

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Mapping

    from nlfhir.adapters.hapi.client import Reply

_VERDICT_STATUSES = frozenset({200, 400, 412, 422})
"""HAPI answers $validate with 200 (or 412 when it fails), and 400/422 for a body it refuses."""


_OUTCOME = frozenset({"OperationOutcome"})


class HapiValidator(BundleValidator):
    """HAPI's instance validator. Retries (validation is safe to repeat) only failed calls."""

    def __init__(
        self,
        client: HapiClient,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        jitter: Callable[[float], float] = lambda cap: random.uniform(0, cap),  # noqa: S311 - backoff jitter, not security
    ) -> None:
        self._client = client
        self._sleep = sleep
        self._jitter = jitter

    @property
    def name(self) -> str:
        return "hapi"

    async def validate(self, bundle: Mapping[str, object]) -> ValidationOutcome:
        settings = self._client.settings
        attempts = settings.retries + 1
        for attempt in range(attempts):
            try:
                reply = await self._client.call(
                    "POST", "Bundle/$validate", operation="validate", expect=_OUTCOME, body=bundle
                )
            except CallRefused as e:
                raise ValidatorUnavailable(str(e), retry_after=e.retry_after) from e
            except CallFailed as e:
                if attempt + 1 == attempts:
                    raise ValidatorUnavailable(
                        f"HAPI $validate got no answer in {attempts} attempt(s); last: {e}",
                        retry_after=max(1, round(settings.breaker_reset_s)),
                    ) from e
                cap = min(settings.backoff_max_s, settings.backoff_base_s * 2**attempt)
                await self._sleep(self._jitter(cap))
                continue
            return _verdict(reply)
        raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover


def _verdict(reply: Reply) -> ValidationOutcome:
    if reply.status not in _VERDICT_STATUSES:
        raise ValidatorUnavailable(
            f"HAPI refused the $validate call with HTTP {reply.status}; check NLFHIR_HAPI_URL"
        )
    try:
        issues = outcome_issues(reply.body)
    except UnreadableAnswer as e:
        raise ValidatorUnavailable(f"HAPI's $validate answer was unreadable: {e}") from e
    if reply.status != HTTPStatus.OK and not any(i.blocking for i in issues):
        issues = (
            *issues,
            ValidationIssue(
                severity=Severity.ERROR,
                code="processing",
                diagnostics=f"HAPI refused the bundle (HTTP {reply.status})",
            ),
        )
    return ValidationOutcome(validated_by="hapi", issues=issues)
