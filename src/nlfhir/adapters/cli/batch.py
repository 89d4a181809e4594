"""NDJSON batch conversion: one output line per input line, in order; a bad line never stops it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO, cast

from nlfhir.domain.errors import InvalidInput
from nlfhir.domain.patient import PatientRef
from nlfhir.ports.errors import DependencyUnavailable

if TYPE_CHECKING:
    from collections.abc import Iterable

    from nlfhir.ports.conversion import ConversionService


async def convert_stream(lines: Iterable[str], out: TextIO, service: ConversionService) -> int:
    """Convert every line; returns 1 if any line failed or did not validate, else 0."""
    status = 0
    for number, line in enumerate(lines, start=1):
        record = await _convert_line(line, number, service)
        if "error" in record or not record.get("valid", True):
            status = 1
        out.write(json.dumps(record, separators=(",", ":")) + "\n")
    return status


@dataclass(frozen=True, slots=True)
class _Item:
    case_id: str | int
    text: str
    patient: str | None


async def _convert_line(line: str, number: int, service: ConversionService) -> dict[str, object]:
    case_id: object = _id_of(line)
    try:
        item = _parse(line, number)
        patient = PatientRef.parse(item.patient) if item.patient else None
        conversion = await service.convert(item.text, patient)
    except InvalidInput as e:
        return {
            "id": case_id,
            "line": number,
            "error": {"code": "invalid_input", "message": str(e)},
        }
    except DependencyUnavailable as e:
        return {
            "id": case_id,
            "line": number,
            "error": {"code": "dependency_unavailable", "message": str(e)},
        }
    outcome = conversion.outcome
    return {
        "id": item.case_id,
        "bundle": conversion.bundle,
        "valid": outcome.valid,
        "validated_by": outcome.validated_by,
        "degraded": outcome.degraded,
        "unparsed": len(conversion.extraction.unparsed),
    }


def _id_of(line: str) -> object:
    """The line's id as given, when the line is a JSON object with a usable one."""
    try:
        raw: object = json.loads(line)
    except json.JSONDecodeError:
        return None
    if isinstance(raw, dict):
        found: object = cast("dict[str, object]", raw).get("id")
        if isinstance(found, (str, int)) and not isinstance(found, bool):
            return found
    return None


def _parse(line: str, number: int) -> _Item:
    if not line.strip():
        raise InvalidInput(f"line {number} is empty")
    try:
        raw: object = json.loads(line)
    except json.JSONDecodeError as e:
        raise InvalidInput(f"line {number} is not JSON: {e.msg}") from e
    if not isinstance(raw, dict):
        raise InvalidInput(f"line {number} is not a JSON object")
    data = cast("dict[str, object]", raw)
    text, case_id, patient = data.get("text"), data.get("id"), data.get("patient")
    if not isinstance(case_id, (str, int)) or isinstance(case_id, bool):
        raise InvalidInput(f"line {number}: 'id' must be a string or an integer")
    if not isinstance(text, str):
        raise InvalidInput(f"line {number}: 'text' must be a string")
    if patient is not None and not isinstance(patient, str):
        raise InvalidInput(f"line {number}: 'patient' must be a string")
    return _Item(case_id=case_id, text=text, patient=patient or None)
