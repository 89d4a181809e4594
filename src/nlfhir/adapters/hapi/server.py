"""Transactions on HAPI (`POST [base]`), never retried: a transaction that may have been
written is reported as "outcome unknown", not tried again behind the caller's back."""

from __future__ import annotations

from http import HTTPStatus
from typing import TYPE_CHECKING

from nlfhir.adapters.hapi.client import CallFailed, CallRefused, HapiClient
from nlfhir.adapters.hapi.outcome import UnreadableAnswer, outcome_issues, transaction_entries
from nlfhir.ports.errors import FhirServerRejected, FhirServerUnavailable
from nlfhir.ports.fhir_server import ExecutedEntry, FhirServer, ServerHealth

if TYPE_CHECKING:
    from collections.abc import Mapping


_ANSWERS = frozenset({"Bundle", "OperationOutcome"})


class HapiFhirServer(FhirServer):
    def __init__(self, client: HapiClient) -> None:
        self._client = client

    async def execute(self, bundle: Mapping[str, object]) -> tuple[ExecutedEntry, ...]:
        try:
            reply = await self._client.call(
                "POST", "", operation="transaction", expect=_ANSWERS, body=bundle
            )
        except CallRefused as e:
            raise FhirServerUnavailable(
                f"{e}; the transaction was not sent", retry_after=e.retry_after
            ) from e
        except CallFailed as e:
            raise FhirServerUnavailable(_failed(e), retry_after=30) from e
        if reply.status >= HTTPStatus.BAD_REQUEST:
            raise _rejected(reply.status, reply.body)
        try:
            return transaction_entries(reply.body)
        except UnreadableAnswer as e:
            raise FhirServerUnavailable(
                f"HAPI answered HTTP {reply.status} but not with a transaction-response ({e}); "
                "the outcome is unknown: read the resources back before retrying"
            ) from e

    async def health(self) -> ServerHealth:
        return await self._client.health()


def _failed(e: CallFailed) -> str:
    if not e.sent:
        return f"{e}; the transaction was not sent, nothing was written"
    if e.kind == "server_error":
        return (
            f"{e}; a FHIR transaction is all or nothing, so nothing should have been written: "
            "read the resources back before retrying"
        )
    return f"{e}; the outcome is unknown: read the resources back before retrying"


def _rejected(status: int, body: Mapping[str, object]) -> FhirServerRejected:
    try:
        issues = outcome_issues(body)
    except UnreadableAnswer:
        issues = ()
    return FhirServerRejected(
        f"HAPI rejected the transaction with HTTP {status}; nothing was written",
        status=status,
        issues=issues,
        outcome=body,
    )
