"""The `nlfhir` CLI: convert prints a Bundle; batch answers every line, in order, never stopping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlfhir.adapters.cli import CliDeps, run
from nlfhir.ports.conversion import ConversionService
from tests.fakes.service import fake_use_cases
from tests.fakes.validation import DownValidator

pytestmark = pytest.mark.unit


def deps(down: bool = False) -> CliDeps:
    def service() -> ConversionService:
        return fake_use_cases(validator=DownValidator() if down else None)

    def serve(host: str, port: int) -> None:
        raise AssertionError("not in this test")

    return CliDeps(service=service, serve=serve)


def test_convert_prints_the_bundle(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["convert", "Start metformin 500 mg PO BID", "--patient", "Patient/7"], deps()) == 0
    out = capsys.readouterr()
    bundle = json.loads(out.out)
    assert bundle["type"] == "transaction"
    med = bundle["entry"][0]["resource"]
    assert med["subject"] == {"reference": "Patient/7"}
    assert "valid=true" in out.err


def test_batch_answers_every_line_in_order(tmp_path: Path) -> None:
    src, dst = tmp_path / "in.ndjson", tmp_path / "out.ndjson"
    src.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": "metformin 500 mg po bid", "patient": "Patient/1"}),
                "not json",
                json.dumps({"id": "c", "text": ""}),
                json.dumps({"id": 4, "text": "order CBC"}),
                "",
                json.dumps({"text": "x"}),
                json.dumps({"id": "g", "text": "metformin 500 mg", "patient": "nobody"}),
            ]
        )
        + "\n"
    )
    assert run(["convert", "--input", str(src), "--output", str(dst)], deps()) == 1
    lines = [json.loads(x) for x in dst.read_text().splitlines()]
    assert len(lines) == 7
    assert [x.get("id") for x in lines] == ["a", None, "c", 4, None, None, "g"]
    assert [("bundle" in x, "error" in x) for x in lines] == [
        (True, False),
        (False, True),
        (False, True),
        (True, False),
        (False, True),
        (False, True),
        (False, True),
    ]
    assert lines[1]["error"]["code"] == "invalid_input"


def test_batch_with_validator_down_reports_it(tmp_path: Path) -> None:
    src, dst = tmp_path / "in.ndjson", tmp_path / "out.ndjson"
    src.write_text(json.dumps({"id": "a", "text": "metformin 500 mg po bid"}) + "\n")
    run(["convert", "--input", str(src), "--output", str(dst)], deps(down=True))
    (line,) = [json.loads(x) for x in dst.read_text().splitlines()]
    assert line["error"]["code"] == "dependency_unavailable"


def test_validate_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "b.json"
    f.write_text(json.dumps({"resourceType": "Bundle", "type": "transaction"}))
    assert run(["validate", str(f)], deps()) == 0
    assert json.loads(capsys.readouterr().out)["validated_by"] == "local"
    f.write_text("[1,")
    assert run(["validate", str(f)], deps()) == 2


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["convert"], deps()) == 2
    assert run(["convert", "x", "--patient", "bad"], deps()) == 2
    assert "patient must be" in capsys.readouterr().err


def test_unavailable_validator_exits_3() -> None:
    assert run(["convert", "metformin 500 mg po bid"], deps(down=True)) == 3
