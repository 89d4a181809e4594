"""Write the served v1 OpenAPI document to contracts/openapi-v1.json (after an additive change).

uv run python tools/openapi_snapshot.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.server import start_server, stop_server  # noqa: E402


def main() -> int:
    proc, srv = start_server(ROOT / "bench" / "results")
    try:
        doc = srv.call("GET", "/schema/openapi.json").json()
    finally:
        stop_server(proc)
    out = ROOT / "contracts" / "openapi-v1.json"
    out.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
