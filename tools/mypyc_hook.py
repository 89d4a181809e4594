"""Wheel build hook: compile the extraction core with mypyc (ADR 0011).

Off by default: `uv sync` (an editable install), the tests, coverage and mutation testing run the
Python source. A wheel built with HATCH_BUILD_HOOK_ENABLE_CUSTOM=true carries, beside every .py
file, a compiled module of the same name for the modules in COMPILED; Python imports the compiled
one. tools/compiled_check.sh builds such a wheel and checks it gives the same output as the source.

mypyc writes its C files, build directory and modules next to the sources it is given, so it runs
on a copy of src/ in a temporary directory and the hook hands the built files to the wheel.
"""

from __future__ import annotations

import shutil
import subprocess  # nosec B404 - runs mypyc from the build environment, fixed arguments
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# The synchronous core: the grammar, the FHIR mapping, the domain model, the rules adapter and
# the code tables it looks names up in.
COMPILED = (
    "nlfhir/domain/*.py",
    "nlfhir/domain/grammar/*.py",
    "nlfhir/domain/mapping/*.py",
    "nlfhir/adapters/rules/*.py",
    "nlfhir/adapters/terminology/*.py",
)


def modules(src: Path) -> list[str]:
    found = sorted({p for pattern in COMPILED for p in src.glob(pattern)})
    return [str(p.relative_to(src)) for p in found if p.name != "__init__.py"]


class MypycHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        work = Path(tempfile.mkdtemp(prefix="nlfhir-mypyc-"))
        src = work / "src"
        shutil.copytree(
            Path(self.root) / "src", src, ignore=shutil.ignore_patterns("__pycache__", "*.so")
        )
        command = [sys.executable, "-m", "mypyc", "--ignore-missing-imports", *modules(src)]
        done = subprocess.run(command, cwd=src, capture_output=True, text=True, check=False)  # nosec B603
        if done.returncode != 0:
            sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
            msg = f"mypyc failed (exit {done.returncode}); see the output above"
            raise RuntimeError(msg)
        built = sorted(src.rglob("*.so")) + sorted(src.rglob("*.pyd"))
        for path in built:
            rel = path.relative_to(src)
            if rel.parts[0] != "build":
                build_data["force_include"][str(path)] = str(rel)
        if not built:
            msg = "mypyc built no modules"
            raise RuntimeError(msg)
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        self._work = work

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
