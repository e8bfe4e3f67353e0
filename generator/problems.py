"""Problems found in user input, reported as `file:line:col: message` (or `file:sheet!cell: message`) in Chinese."""

import errno
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


def internal_error(place: Place, doing: str, exc: Exception) -> Problem:
    """A defect met while `doing` one input (生成, 读取, 汇总 …): reported on that input, so the others go on."""
    return place.problem(f"{doing}失败（程序内部错误 {type(exc).__name__}）：其他单位和文件不受影响，"
                         "请把出错的文件和这条信息报给维护人员")


def display_path(path: Path) -> str:
    """Paths relative to the working directory when possible: shorter and clickable."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


ECHO_CHARS = 40  # how much of a bad value a message repeats


def clipped(value) -> str:
    """A value as a message quotes it: a 5 000-digit number is not echoed back in full."""
    text = str(value)
    return text if len(text) <= ECHO_CHARS else f"{text[:ECHO_CHARS]}…（共 {len(text)} 个字符）"


_OS_REASONS = {
    "ENOENT": "找不到文件或目录", "EISDIR": "这是文件夹，不是文件", "ENOTDIR": "路径中有一部分不是文件夹",
    "EACCES": "没有权限（文件是否被其他程序占用，或文件夹是只读的？）", "EPERM": "没有权限",
    "EEXIST": "已存在同名文件", "ENOSPC": "磁盘空间不足", "EROFS": "磁盘或文件夹是只读的",
    "ENAMETOOLONG": "文件名或路径太长", "ELOOP": "路径中有符号链接，为安全起见不跟随",
    "ENOTEMPTY": "文件夹不是空的", "EBUSY": "文件正被其他程序使用", "EMFILE": "同时打开的文件太多",
    "EIO": "磁盘读写错误", "EXDEV": "不能跨磁盘移动文件", "EFBIG": "文件太大", "EDQUOT": "超出磁盘配额",
    "EINVAL": "文件名或参数无效",
}
_REASON_BY_CODE = {getattr(errno, name): text for name, text in _OS_REASONS.items() if hasattr(errno, name)}


def os_reason(exc: OSError, path: Path | str | None = None) -> str:
    """An operating-system error in Chinese (its own text is English), naming the path it concerns."""
    reason = _REASON_BY_CODE.get(exc.errno, f"操作系统错误（错误码 {exc.errno}）" if exc.errno else "操作系统错误")
    where = exc.filename if exc.filename is not None else path
    if where is None:
        return reason
    return f"{reason}：{where}" + (f" → {exc.filename2}" if exc.filename2 is not None else "")
