#!/usr/bin/env bash
# Mutation testing of the domain core with mutmut (config: [tool.mutmut] in pyproject.toml).
# Prints killed/total and the functions with the most surviving mutants.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf mutants
uv run --with mutmut mutmut run --max-children "${MUTMUT_CHILDREN:-2}" >/dev/null 2>&1 || true
uv run --with mutmut mutmut results --all true > mutants/results.txt 2>/dev/null || true
uv run python - <<'PY'
import collections, pathlib, re
rows = [line.strip() for line in pathlib.Path("mutants/results.txt").read_text().splitlines() if ": " in line]
states = collections.Counter(r.rsplit(": ", 1)[1] for r in rows)
total, killed = sum(states.values()), states.get("killed", 0)
print(f"mutmut: {killed}/{total} killed ({killed / max(total, 1):.1%}); states {dict(states)}")
survivors = collections.Counter(re.sub(r"__mutmut_\d+.*", "", r) for r in rows if r.endswith(": survived"))
for name, n in survivors.most_common(10):
    print(f"  {n:4d} surviving in {name}")
PY
