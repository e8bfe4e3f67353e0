"""Problems found in user input, reported as `file:line:col: message` (or `file:sheet!cell: message`) in Chinese."""

from dataclasses import dataclass
from pathlib import Path


def column_letter(col: int) -> str:
    """Excel's name for a 1-based column number: 1 → A, 27 → AA."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class Place:
    """Where something is in an input: a line and column of a text file, or a cell of a workbook's sheet."""

    file: str
    line: int = 1
    col: int = 1
    sheet: str = ""  # a workbook's sheet: line and col are then the cell's row and column

    def __str__(self) -> str:
        if self.sheet:
            return f"{self.file}:{self.sheet}!{column_letter(self.col)}{self.line}"
        return f"{self.file}:{self.line}:{self.col}"

    def problem(self, message: str, hint: bool = False) -> "Problem":
        return Problem(self.file, self.line, self.col, message, hint, self.sheet)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    col: int
    message: str
    hint: bool = False  # worth saying, but the input can still be used
    sheet: str = ""  # set for a workbook's cell: line and col are its row and column

    @property
    def place(self) -> Place:
        return Place(self.file, self.line, self.col, self.sheet)

    def __str__(self) -> str:
        return f"{self.place}: {'提示：' if self.hint else ''}{self.message}"

    def __lt__(self, other: "Problem") -> bool:
        # a workbook's problems read sheet by sheet, then row by row
        return self._order() < other._order()

    def _order(self) -> tuple:
        return self.file, self.sheet, self.line, self.col, self.message, self.hint


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
