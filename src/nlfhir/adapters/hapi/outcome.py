"""HAPI's answers read faithfully: OperationOutcome -> domain issues, transaction-response ->
executed entries. Anything else is not an answer, and says so."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import cast

from nlfhir.domain.validation import Severity, ValidationIssue
from nlfhir.ports.fhir_server import ExecutedEntry

_SEVERITIES = {s.value: s for s in Severity}
_NO_ISSUES = ("no issues detected", "all ok", "no errors")


class UnreadableAnswer(ValueError):
    """HAPI's body was not the resource the operation promises."""


def resource_type(body: Mapping[str, object]) -> str | None:
    kind = body.get("resourceType")
    return kind if isinstance(kind, str) else None


def outcome_issues(outcome: Mapping[str, object]) -> tuple[ValidationIssue, ...]:
    """Every issue of an OperationOutcome, in order, without HAPI's "no issues" notes or repeats."""
    if resource_type(outcome) != "OperationOutcome":
        raise UnreadableAnswer(f"expected an OperationOutcome, got {resource_type(outcome)!r}")
    seen: set[ValidationIssue] = set()
    issues: list[ValidationIssue] = []
    for raw in _objects(outcome.get("issue")):
        issue = _issue(raw)
        if issue is None or issue in seen:
            continue
        seen.add(issue)
        issues.append(issue)
    return tuple(issues)


def _issue(raw: Mapping[str, object]) -> ValidationIssue | None:
    severity = _SEVERITIES.get(str(raw.get("severity", "")))
    if severity is None:
        raise UnreadableAnswer(f"issue severity {raw.get('severity')!r} is not an R4 severity")
    diagnostics = _text(raw)
    if severity is Severity.INFORMATION and diagnostics.lower().startswith(_NO_ISSUES):
        return None
    return ValidationIssue(
        severity=severity,
        code=str(raw.get("code") or "unknown"),
        diagnostics=diagnostics,
        expression=_first_string(raw.get("expression")) or _first_string(raw.get("location")),
    )


def _text(raw: Mapping[str, object]) -> str:
    diagnostics = raw.get("diagnostics")
    if isinstance(diagnostics, str) and diagnostics:
        return diagnostics
    details = raw.get("details")
    if isinstance(details, Mapping):
        text = cast("Mapping[str, object]", details).get("text")
        if isinstance(text, str) and text:
            return text
    return "(HAPI gave no diagnostics)"


def transaction_entries(body: Mapping[str, object]) -> tuple[ExecutedEntry, ...]:
    """The status and location of every entry of a transaction-response Bundle."""
    if resource_type(body) != "Bundle" or body.get("type") != "transaction-response":
        raise UnreadableAnswer("expected a transaction-response Bundle")
    entries: list[ExecutedEntry] = []
    for entry in _objects(body.get("entry")):
        response = entry.get("response")
        if not isinstance(response, Mapping):
            raise UnreadableAnswer("a transaction-response entry has no response")
        response = cast("Mapping[str, object]", response)
        status = response.get("status")
        if not isinstance(status, str):
            raise UnreadableAnswer("a transaction-response entry has no status")
        location = response.get("location")
        entries.append(
            ExecutedEntry(status=status, location=location if isinstance(location, str) else None)
        )
    return tuple(entries)


def _objects(value: object) -> list[Mapping[str, object]]:
    if value is None:
        return []
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise UnreadableAnswer("expected a JSON array")
    items = cast("Sequence[object]", value)
    if not all(isinstance(item, Mapping) for item in items):
        raise UnreadableAnswer("expected an array of JSON objects")
    return [cast("Mapping[str, object]", item) for item in items]


def _first_string(value: object) -> str | None:
    if isinstance(value, Sequence) and not isinstance(value, str):
        for item in cast("Sequence[object]", value):
            if isinstance(item, str):
                return item
    return None
