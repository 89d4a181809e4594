"""Print a digest of everything the rules extractor and the mapping produce for a set of texts.

    python tools/output_digest.py [TEXT_FILE_OR_JSONL ...] [--dump OUT.json] [--validate]

With no arguments: every text of ../shared/eval/*.jsonl and tests/data/*.txt. The digest covers
each text's Bundle (ids numbered per text, a fixed authoredOn) and its unparsed segments with
their spans and reasons. tools/compiled_check.sh runs it under the Python source and under the
mypyc-compiled wheel: the two digests must be equal (ADR 0011). It also prints which build ran.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nlfhir.adapters.rules import RulesExtractor
from nlfhir.adapters.terminology import TableTerminology
from nlfhir.domain.grammar import reader
from nlfhir.domain.mapping import BundleContext, build_bundle

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent


def texts_of(path: Path) -> list[str]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if path.suffix == ".jsonl":
        return [json.loads(line)["text"] for line in lines]
    return lines


def default_inputs() -> list[Path]:
    return sorted((ROOT.parent / "shared" / "eval").glob("*.jsonl")) + sorted(
        (ROOT / "tests" / "data").glob("*.txt")
    )


def _numbered() -> Callable[[], str]:
    """Resource ids numbered from 1 for each text, so the digest does not depend on uuids."""
    counter = iter(range(1, 1_000_000))
    return lambda: f"id-{next(counter)}"


def outputs(texts: list[str]) -> list[dict[str, object]]:
    extractor = RulesExtractor(TableTerminology())
    extractor.load()
    out: list[dict[str, object]] = []
    for text in texts:
        extraction = extractor.read(text)
        bundle = build_bundle(
            extraction.orders,
            BundleContext(patient=None, authored_on="2026-01-01T00:00:00Z", new_id=_numbered()),
        )
        unparsed = [[u.text, u.span.start, u.span.end, u.reason] for u in extraction.unparsed]
        out.append({"text": text, "bundle": bundle, "unparsed": unparsed})
    return out


def _invalid(bundles: list[object]) -> list[int]:
    """The positions of the Bundles the local R4 validator finds errors in."""
    from nlfhir.adapters.local_validation import LocalR4Validator

    validator = LocalR4Validator()
    return [
        i for i, b in enumerate(bundles) if isinstance(b, dict) and not validator.check(b).valid
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path)
    parser.add_argument("--dump", type=Path)
    parser.add_argument(
        "--validate", action="store_true", help="also check every Bundle with the local validator"
    )
    args = parser.parse_args()
    texts = [t for p in (args.inputs or default_inputs()) for t in texts_of(p)]
    result = outputs(texts)
    if args.validate:
        invalid = _invalid([r["bundle"] for r in result])
        print(f"{len(result)} bundles, {len(invalid)} invalid (local R4 validator)")
        for i in invalid[:5]:
            print("  invalid:", texts[i][:120])
    blob = json.dumps(result, sort_keys=True, ensure_ascii=False).encode()
    if args.dump:
        args.dump.write_bytes(blob)
    build = "compiled" if Path(reader.__file__ or "").suffix in {".so", ".pyd"} else "source"
    print(f"{hashlib.sha256(blob).hexdigest()} {len(texts)} texts, {build} build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
