"""The roster (名册.xlsx): many unit profiles in one workbook, each validated exactly as a YAML profile.

A row of the 单位 sheet is one unit; its rows in 班子成员 and 下属单位 are found by the 单位 column.
Each unit becomes the same nested data a YAML profile gives, with a map from every value's path
(("班子成员", 2, "责任")) to its cell, so the profile's model and messages place each problem at
`名册.xlsx:班子成员!D7`. What Excel does to cells is undone first: numbers stored for 年度, dates
for 落款日期, lists in one cell, trailing and full-width spaces.
"""

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl.reader.excel import ExcelReader

from ..limits import XLSX_COLUMNS, XLSX_PART_BYTES, XLSX_ROWS
from ..problems import Place, Problem, ProblemsFound, display_path
from ..sheets import (
    LEADER_COLUMNS,
    LEADERS,
    LIST_COLUMNS,
    LIST_SEPARATORS,
    OPTIONAL_COLUMNS,
    ROSTER_SHEETS,
    SUBUNIT_COLUMNS,
    SUBUNITS,
    UNIT_COLUMNS,
    UNITS,
    parse_date,
)
from .content import KnowledgeBase
from .profile import UnitRead, validate_profile
from .validation import KEY_CUTOFF, closest
from .xlsxsource import open_workbook

UNIT = "单位"  # the column of every sheet that says which unit a row belongs to
_SPLIT = re.compile(f"[{re.escape(LIST_SEPARATORS)}]")


def is_roster(path: Path) -> bool:
    """An Excel file with one of the roster's sheets (returned ledgers and score sheets have none)."""
    try:
        with zipfile.ZipFile(path) as package:  # an oversized part is no roster of ours, whatever its sheets
            if any(part.file_size > XLSX_PART_BYTES for part in package.infolist()):
                return False
        reader = ExcelReader(str(path), read_only=True)
        try:
            reader.read_manifest()
            reader.read_workbook()  # the sheet names only: no cell is parsed
            names = {sheet.name for sheet in reader.parser.sheets}
        finally:
            reader.archive.close()
    except Exception:  # not a workbook at all: `collect` and `check` report it as no roster and no form
        return False
    return bool(names & set(ROSTER_SHEETS))


@dataclass(frozen=True)
class Cell:
    """A value's place in the roster; validation asks for `raw` (YAML's text of a misread value): cells have none."""

    sheet: str
    row: int
    col: int
    raw: None = None


@dataclass
class Row:
    sheet: str
    number: int
    values: dict[str, Any]  # heading → the cell's value as Excel stored it
    columns: dict[str, int]  # heading → column number

    def cell(self, heading: str) -> Cell:
        return Cell(self.sheet, self.number, self.columns[heading])

    @property
    def unit(self) -> str:
        return _text(self.values[UNIT])


@dataclass
class RosterUnit:
    """One unit of a roster, offering validation what a YamlDocument offers: data, name, spot and problem."""

    name: str  # the roster's file, as messages show it
    row: Row  # its row on the 单位 sheet
    data: dict = field(default_factory=dict)
    cells: dict[tuple, Cell] = field(default_factory=dict)
    tables: dict[tuple, str] = field(default_factory=dict)  # a whole table of the unit: placed on its 单位 row
    problems: list[Problem] = field(default_factory=list)  # found by the roster, not by the model

    @property
    def place(self) -> Place:
        cell = self.row.cell(UNIT)
        return Place(self.name, cell.row, cell.col, cell.sheet)

    def spot(self, loc: tuple, *, key: bool = False) -> Cell:
        loc = tuple(loc)
        while loc not in self.cells and loc:
            loc = loc[:-1]
        return self.cells.get(loc, self.row.cell(UNIT))

    def problem(self, loc: tuple, message: str, *, key: bool = False, hint: bool = False) -> Problem:
        label = self.tables.get(tuple(loc))
        if label and label not in message:
            message = f"“{label}”表：{message}"
        cell = self.spot(loc)
        return Problem(self.name, cell.row, cell.col, message, hint, cell.sheet)


def read_roster(path: Path, kb: KnowledgeBase) -> list[UnitRead]:
    """Every unit of a roster, each validated on its own: one unit's mistakes never stop the others.

    A roster that cannot be read at all (a sheet or a column missing) gives one entry holding its problems.
    """
    name = display_path(path)
    try:
        tables = _read_tables(path, name)
    except ProblemsFound as exc:
        return [UnitRead(Place(name), problems=exc.problems)]
    units = [RosterUnit(name, row) for row in tables[UNITS]]
    stray = _attach_rows(name, units, tables)
    reads = [_validated(unit, kb) for unit in units]
    if not units:
        stray.append(Place(name, 2, 1, UNITS).problem(
            "名册中还没有单位：请从“单位”表第 2 行起，每个单位填一行（各列的写法见“说明”表）"))
    if stray:
        reads.append(UnitRead(Place(name), problems=sorted(stray)))
    return reads


def _validated(unit: RosterUnit, kb: KnowledgeBase) -> UnitRead:
    try:
        loaded = validate_profile(unit, kb)
    except ProblemsFound as exc:
        return UnitRead(unit.place, problems=sorted(unit.problems + exc.problems))
    if unit.problems:
        return UnitRead(unit.place, problems=sorted(unit.problems))
    return UnitRead(unit.place, loaded)


# Reading the sheets

def _read_tables(path: Path, name: str) -> dict[str, list[Row]]:
    book = open_workbook(path)  # bounded like any workbook from outside: size, parts and rows checked first
    try:
        problems, tables = [], {}
        for sheet, headings in ROSTER_SHEETS.items():
            try:
                tables[sheet] = _rows(_sheet(book.values, sheet, name), sheet, headings, name)
            except ProblemsFound as exc:
                problems.extend(exc.problems)
    finally:
        book.close()
    if problems:
        raise ProblemsFound(problems)
    return tables


def _sheet(wb, sheet: str, name: str):
    if sheet in wb.sheetnames:
        return wb[sheet]
    others = [s for s in wb.sheetnames if s not in ROSTER_SHEETS]
    close = closest(sheet, others, KEY_CUTOFF)
    if close:
        raise ProblemsFound([Place(name, 1, 1, close).problem(
            f"工作表“{close}”应名为“{sheet}”：请把工作表改名为“{sheet}”")])
    raise ProblemsFound([Place(name, 1, 1, sheet).problem(
        f"名册中没有“{sheet}”工作表：名册应有“{'”“'.join(ROSTER_SHEETS)}”三张表，"
        "可用 zerentian new 名册.xlsx 生成空白名册对照")])


def _rows(ws, sheet: str, headings: tuple[str, ...], name: str) -> list[Row]:
    lines = ws.iter_rows(values_only=True, max_row=XLSX_ROWS, max_col=XLSX_COLUMNS)
    header = [_text(value) for value in next(lines, ())]
    while header and not header[-1]:  # the bounded read pads the row with empty cells
        header.pop()
    columns = _columns(header, sheet, headings, name)
    rows = []
    for number, values in enumerate(lines, 2):
        if all(_text(v) == "" for v in values):
            continue
        rows.append(Row(sheet, number, {h: values[c - 1] for h, c in columns.items()}, columns))
    return rows


def _columns(header: list[str], sheet: str, headings: tuple[str, ...], name: str) -> dict[str, int]:
    """Each heading's column number; the header must hold every heading of the sheet, and only those."""
    columns: dict[str, int] = {}
    problems, misspelt = [], set()
    listing = "、".join(headings)
    for col, heading in enumerate(header, 1):
        place = Place(name, 1, col, sheet)
        if heading in columns:
            problems.append(place.problem(f"表头“{heading}”重复：删掉其中一列"))
        elif heading in headings:
            columns[heading] = col
        elif heading:
            close = closest(heading, [h for h in headings if h not in header], KEY_CUTOFF)
            misspelt.add(close)
            hint = f"是不是“{close}”？" if close else ""
            problems.append(place.problem(f"未知的列“{heading}”：{hint}本表的列是：{listing}"))
    for heading in headings:
        if heading not in columns and heading not in misspelt and heading not in OPTIONAL_COLUMNS:
            problems.append(Place(name, 1, len(header) + 1, sheet).problem(
                f"缺少“{heading}”列：请在第 1 行补上（本表的列是：{listing}）"))
    if problems:
        raise ProblemsFound(problems)
    return columns


# Cells to values, as a YAML profile would hold them

def _text(value: Any) -> str:
    """A cell as text: 3.0 → "3", a date → 2026-02-15; spaces (full-width too) trimmed at both ends."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    return str(value).strip()


def _list(value: Any) -> list[str]:
    return [item.strip() for item in _SPLIT.split(_text(value)) if item.strip()]


def _year(value: Any) -> Any:
    """2026, 2026.0 or the text "2026" → 2026; anything else is left for the model to name."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int | float):
        return value
    text = _text(value)
    return int(text) if text.isascii() and text.isdigit() else text


def _date(value: Any) -> date | str:
    try:
        return parse_date(value) or ""
    except ValueError:
        return _text(value)  # the model says it is not a date


def _value(heading: str, value: Any) -> Any:
    if heading in LIST_COLUMNS:
        return _list(value)
    if heading == "年度":
        return _year(value)
    if heading == "落款日期":
        return _date(value)
    return _text(value)


# Rows to units

def _fields(unit: RosterUnit, row: Row, columns: dict, loc: tuple) -> dict:
    """One row's values under their profile paths, each path mapped to its cell.

    Empty optional cells are left out, as an unwritten key: a list, an optional column (类型), or a group of cells (落款机关, 落款日期)
    of which none is filled; once one of a group is filled, every cell of it is needed.
    """
    fields: dict = {}
    unit.cells[loc] = row.cell(UNIT)
    paths = {heading: path if isinstance(path, tuple) else (path,) for heading, path in columns.items() if path}
    for heading, path in paths.items():
        value = _value(heading, row.values.get(heading))
        if value in ([], "") and (heading in LIST_COLUMNS or heading in OPTIONAL_COLUMNS or len(path) > 1):
            continue
        target = fields
        for part in path[:-1]:
            target = target.setdefault(part, {})
            unit.cells.setdefault((*loc, part), row.cell(heading))
        target[path[-1]] = value
        unit.cells[(*loc, *path)] = row.cell(heading)
        for i in range(len(value) if isinstance(value, list) else 0):
            unit.cells[(*loc, *path, i)] = row.cell(heading)
    for heading, path in paths.items():
        if len(path) > 1 and path[0] in fields:
            fields[path[0]].setdefault(path[-1], "")
            unit.cells[(*loc, *path)] = row.cell(heading)
    return fields


def _attach_rows(name: str, units: list[RosterUnit], tables: dict[str, list[Row]]) -> list[Problem]:
    """Build each unit's data from its rows; return the problems of rows that belong to no unit."""
    by_name: dict[str, list[RosterUnit]] = {}
    for unit in units:
        by_name.setdefault(unit.row.unit, []).append(unit)
        unit.data = _fields(unit, unit.row, UNIT_COLUMNS, ())
        unit.data["班子成员"], unit.data["下属单位"] = [], []
        unit.tables = {("班子成员",): LEADERS, ("下属单位",): SUBUNITS}
    for same in (group for key, group in by_name.items() if key and len(group) > 1):
        rows = "、".join(str(u.row.number) for u in same)
        for unit in same:
            unit.problems.append(unit.place.problem(f"单位“{unit.row.unit}”在“单位”表中出现了多次（第 {rows} 行）：每个单位只填一行"))
    stray = []
    for sheet, key, columns in ((LEADERS, "班子成员", LEADER_COLUMNS), (SUBUNITS, "下属单位", SUBUNIT_COLUMNS)):
        for row in tables[sheet]:
            owner = _owner(name, row, by_name, stray)
            if owner is not None:
                items = owner.data[key]
                items.append(_fields(owner, row, columns, (key, len(items))))
    return stray


def _owner(name: str, row: Row, by_name: dict[str, list[RosterUnit]], stray: list[Problem]) -> RosterUnit | None:
    """The unit a row of 班子成员 or 下属单位 belongs to; a row naming no unit is a problem of the roster,
    or, when it is a misspelling of one, of that unit (which would otherwise be printed without it)."""
    place = Place(name, row.number, row.columns[UNIT], row.sheet)
    if not row.unit:
        stray.append(place.problem("这一行没有填写“单位”：请填写它所属的单位，与“单位”表中的名称一致"))
        return None
    if row.unit in by_name:
        return by_name[row.unit][0]
    close = closest(row.unit, [n for n in by_name if n])
    if close:
        by_name[close][0].problems.append(place.problem(
            f"单位“{row.unit}”不在“单位”表中：是不是“{close}”？请改成“单位”表中的名称"))
    else:
        stray.append(place.problem(f"单位“{row.unit}”不在“单位”表中：请先在“单位”表中添加这个单位，或改成已有的单位名称"))
    return None
