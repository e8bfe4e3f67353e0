"""Workbooks that others saved (returned ledgers, score sheets), read within bounds.

An .xlsx is a zip: a 3 MB file can expand to gigabytes, an XML part can declare entities, a
sheet can claim a million rows. All of that is refused from the zip directory and one streaming
pass over the parts, before openpyxl parses anything; openpyxl then reads in its streaming mode.
"""

import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from ..limits import MB, XLSX_BYTES, XLSX_COLUMNS, XLSX_PART_BYTES, XLSX_PARTS, XLSX_ROWS, XLSX_TOTAL_BYTES
from ..problems import Problem, ProblemsFound, display_path, os_reason

_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b[^>]{0,1000}>")
_ROW_NUMBER = re.compile(rb'\sr="(\d{1,12})"')
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_CHUNK, _CARRY = 1 * MB, 1024
_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")


@dataclass
class Opened:
    """One workbook twice: the values Excel saved, and (only when it has formulas) the formulas."""

    values: Workbook
    formulas: Workbook | None

    def close(self) -> None:
        self.values.close()
        if self.formulas:
            self.formulas.close()


@dataclass(frozen=True)
class Uncalculated:
    """A formula cell saved without its result (filled by a program rather than Excel or WPS)."""

    formula: str


def open_workbook(path: Path) -> Opened:
    """Check the bounds, then open read-only; ProblemsFound naming the file for anything else."""
    has_formulas = _check_bounds(path)
    return Opened(_load(path, data_only=True), _load(path, data_only=False) if has_formulas else None)


def sheet_rows(book: Opened, sheet: str) -> list[tuple[int, tuple]]:
    """(row number, values) of one sheet, within the bounds; a formula saved without its result
    comes as Uncalculated, so a reader can say so instead of taking it for an empty cell."""
    bounds = {"max_row": XLSX_ROWS, "max_col": XLSX_COLUMNS, "values_only": True}
    with warnings.catch_warnings():  # openpyxl warns in English about cells it cannot read as dates
        warnings.simplefilter("ignore")
        if book.formulas is None:
            return list(enumerate(book.values[sheet].iter_rows(**bounds), 1))
        cells = book.values[sheet].iter_rows(**{**bounds, "values_only": False})
        formulas = book.formulas[sheet].iter_rows(**bounds)
        return [(line, tuple(Uncalculated(f) if _uncalculated(cell, f) else cell.value for cell, f in zip(row, texts, strict=False)))
                for line, (row, texts) in enumerate(zip(cells, formulas, strict=False), 1)]


def _uncalculated(cell, formula) -> bool:
    """Excel and WPS save a formula's result beside it (text results marked t="str", even when empty);
    a program that wrote only the formula leaves an untyped, empty value."""
    return isinstance(formula, str) and formula.startswith("=") and cell.value is None and cell.data_type == "n"


def _refuse(path: Path, message: str) -> ProblemsFound:
    return ProblemsFound([Problem(display_path(path), 1, 1, message)])


_NOT_XLSX = "无法作为 Excel 文件打开：请确认是 .xlsx 文件（可在 Excel 或 WPS 中“另存为”Excel 工作簿后再报送）"
_HOSTILE = "：正常的报送表格不会这样，这可能是损坏或有意构造的文件，请向报送单位确认"


def _check_bounds(path: Path) -> bool:
    """Refuse what would cost more than the limits; True when some sheet holds formulas."""
    try:
        size = path.stat().st_size
        package = zipfile.ZipFile(path)
    except OSError as exc:
        raise _refuse(path, f"无法读取文件：{os_reason(exc, display_path(path))}") from None
    except zipfile.BadZipFile:
        raise _refuse(path, _NOT_XLSX) from None
    with package:
        parts = package.infolist()
        if size > XLSX_BYTES or len(parts) > XLSX_PARTS:
            raise _refuse(path, f"文件大小或其中的部件数超出上限（{XLSX_BYTES // MB} MB、{XLSX_PARTS} 个）{_HOSTILE}")
        big = next((p for p in parts if p.file_size > XLSX_PART_BYTES), None)
        if big or sum(p.file_size for p in parts) > XLSX_TOTAL_BYTES:
            raise _refuse(path, f"解压后大得异常（上限每部分 {XLSX_PART_BYTES // MB} MB、共 {XLSX_TOTAL_BYTES // MB} MB）{_HOSTILE}")
        try:
            return any([_scan(path, package, part) for part in parts if part.filename.endswith((".xml", ".rels"))])
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
            raise _refuse(path, f"文件已损坏，无法解压{_HOSTILE}") from None


def _scan(path: Path, package: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """One streaming pass over an XML part: no entity declarations, UTF-8, rows within the limit."""
    sheet = bool(_SHEET.match(part.filename))
    rows = highest = 0
    formulas = False
    carry = b""
    with package.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            if not carry and not chunk.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                raise _refuse(path, f"部件 {part.filename} 不是 UTF-8 编码的 XML{_HOSTILE}")
            data = carry + chunk
            if _DECLARATION.search(data):
                raise _refuse(path, f"部件 {part.filename} 含有 XML 实体声明（DOCTYPE/ENTITY）{_HOSTILE}")
            if sheet:
                for row in _ROW.finditer(data):
                    if row.end() > len(carry):  # a tag ending in the carried bytes was counted with the last chunk
                        rows += 1
                        number = _ROW_NUMBER.search(row.group())
                        highest = max(highest, int(number.group(1)) if number else 0)
                formulas = formulas or bool(_FORMULA.search(data))
                if max(rows, highest) > XLSX_ROWS:
                    raise _refuse(path, f"工作表 {part.filename} 超过 {XLSX_ROWS} 行：报送的表格不会这么长，"
                                        "请确认选对了文件，或删掉多余的行")
            carry = data[-_CARRY:]
    return formulas


def _load(path: Path, data_only: bool) -> Workbook:
    try:
        with warnings.catch_warnings():  # openpyxl warns in English about extensions WPS adds
            warnings.simplefilter("ignore")
            return load_workbook(path, read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or non-Excel file
        raise _refuse(path, f"{_NOT_XLSX}（{type(exc).__name__}）") from None
