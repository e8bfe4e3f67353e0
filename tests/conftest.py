import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CONTENT = ROOT / "content"
IN_CI = os.environ.get("CI") == "true"


@dataclass
class Run:
    code: int
    out: str
    err: str


def zerentian(*args: str | Path, cwd: Path | None = None) -> Run:
    """Run the real command line, as a user would, in a separate process."""
    proc = subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd or ROOT, capture_output=True, text=True, encoding="utf-8", timeout=600,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def require_tool(name: str) -> str:
    """A system tool the test drives; missing is a skip on a laptop but a failure in CI."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (apt-get install it; .ci/run does)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def tree(path: Path) -> dict[str, bytes]:
    """Every file under path with its bytes: to prove a failed command wrote nothing."""
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
