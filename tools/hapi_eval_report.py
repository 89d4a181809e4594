"""Every bundle produced from ../shared/eval texts, validated by the real HAPI: errors and
warnings per set, and the most common issues (ids, indexes and quoted values folded).

    tools/hapi.sh start
    uv run python tools/hapi_eval_report.py --hapi http://127.0.0.1:8091/fhir [--json OUT]

Exit status 1 if HAPI reports any error or fatal issue. tests/integration/hapi runs the same
function and asserts zero errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"

from nlfhir.adapters.hapi import HapiClient, HapiSettings, HapiValidator  # noqa: E402
from nlfhir.adapters.telemetry.noop import NoopTelemetry  # noqa: E402
from nlfhir.app.main import build_container  # noqa: E402
from nlfhir.app.settings import Settings  # noqa: E402
from nlfhir.domain.validation import Severity, ValidationOutcome  # noqa: E402

_FOLD = [
    (re.compile(r"urn:uuid:[0-9a-f-]{36}"), "urn:uuid:<id>"),
    (re.compile(r"\[\d+\]"), "[n]"),
    (re.compile(r"(https?://[^'\"\s#]+)#[^'\"\s]+"), r"\1#<code>"),
    (re.compile(r"\{[^}\s]+\}"), "{<annotation>}"),
]


@dataclass
class SetReport:
    name: str
    bundles: int = 0
    invalid_bundles: int = 0
    severities: Counter[str] = field(default_factory=Counter[str])
    issues: Counter[tuple[str, str]] = field(default_factory=Counter[tuple[str, str]])

    def add(self, outcome: ValidationOutcome) -> None:
        self.bundles += 1
        self.invalid_bundles += 0 if outcome.valid else 1
        for issue in outcome.issues:
            self.severities[issue.severity.value] += 1
            self.issues[(issue.severity.value, _fold(issue.diagnostics))] += 1

    @property
    def errors(self) -> int:
        return self.severities[Severity.ERROR.value] + self.severities[Severity.FATAL.value]

    def as_json(self, top: int) -> dict[str, object]:
        return {
            "set": self.name,
            "bundles": self.bundles,
            "invalid_bundles": self.invalid_bundles,
            "issues_by_severity": dict(self.severities),
            "most_common": [
                {"severity": s, "diagnostics": d, "count": n}
                for (s, d), n in self.issues.most_common(top)
            ],
        }


def _fold(text: str) -> str:
    for pattern, replacement in _FOLD:
        text = pattern.sub(replacement, text)
    return text


def gold_texts(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [str(json.loads(line)["text"]) for line in lines if line.strip()]


async def validate_sets(
    hapi_url: str, files: list[Path], *, concurrency: int = 4
) -> list[SetReport]:
    """Convert every text with the embedded service, then $validate each bundle on HAPI."""
    service = build_container(Settings()).use_cases()
    settings = HapiSettings(base_url=hapi_url, read_timeout_s=120, max_concurrency=concurrency)
    client = HapiClient(settings, NoopTelemetry())
    validator = HapiValidator(client)
    slots = asyncio.Semaphore(concurrency)

    async def one(text: str) -> ValidationOutcome:
        conversion = await service.convert(text, None)
        async with slots:
            return await validator.validate(conversion.bundle)

    reports: list[SetReport] = []
    try:
        for path in files:
            report = SetReport(path.stem)
            for outcome in await asyncio.gather(*(one(t) for t in gold_texts(path))):
                report.add(outcome)
            reports.append(report)
    finally:
        await client.aclose()
    return reports


def main() -> int:
    p = argparse.ArgumentParser(description="Validate every gold-set bundle on HAPI.")
    p.add_argument("--hapi", required=True, help="HAPI base URL, e.g. http://127.0.0.1:8091/fhir")
    p.add_argument("--top", type=int, default=8)
    p.add_argument("--json", type=Path, help="also write the report as JSON here")
    p.add_argument("files", type=Path, nargs="*", default=sorted(EVAL.glob("*.jsonl")))
    args = p.parse_args()
    reports = asyncio.run(validate_sets(args.hapi, args.files))
    for r in reports:
        print(
            f"== {r.name}: {r.bundles} bundles, {r.invalid_bundles} invalid, "
            f"issues {dict(r.severities) or '{}'}"
        )
        for (severity, diagnostics), n in r.issues.most_common(args.top):
            print(f"  {n:5d}  {severity:<11} {diagnostics[:160]}")
    if args.json:
        args.json.write_text(json.dumps([r.as_json(args.top) for r in reports], indent=2) + "\n")
    return 1 if any(r.errors for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
