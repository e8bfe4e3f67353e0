"""Problems found in user input, reported as `file:line:col: message` in Chinese."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    col: int
    message: str
    hint: bool = False  # worth saying, but the input can still be used

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {'提示：' if self.hint else ''}{self.message}"


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that make an input unusable (hints left out)."""
    return [p for p in problems if not p.hint]


class ProblemsFound(Exception):
    """Raised by a stage when its input has problems; carries all of them, sorted."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(problems)


def display_path(path: Path) -> str:
    """Paths relative to the working directory when possible: shorter and clickable."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
