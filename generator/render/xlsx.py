"""Excel files of a pack: 责任清单, 工作台账 (the dated ledger), 考核评分表, 民主测评表.

Each workbook is first described as a `Sheet` (what a clerk sees: title, columns, rows, notes, drop-downs,
overdue highlighting; row heights follow from the texts when it is written), then written with XlsxWriter,
with fixed dates so the same plan gives the same bytes.
"""

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from io import BytesIO

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from ..compile.plan import UnitPlan, document_title, responsibility_rows
from ..fonts import FONTS
from ..sheets import (
    CATEGORY,
    COMPLETED,
    DATE_FORMAT,
    DUE,
    DUTY_LIST,
    ITEM,
    LEDGER,
    LEDGER_COLUMNS,
    LEDGER_WIDTHS,
    NUMBER,
    PROPERTY_KIND,
    PROPERTY_UNIT,
    PROPERTY_YEAR,
    RECONCILE,
    RECONCILED,
    SCORE,
    SCORES,
    STATUS,
    STATUS_COLUMN,
    SUBJECT,
    TITLE,
    TOTAL,
    VETO,
    VOTES,
)

# ---------------------------------------------------------------------------------------------
# What a workbook holds


@dataclass(frozen=True)
class Formula:
    """A cell computed by Excel (the score sheet's total); every other text is a literal, never a formula."""

    text: str  # without the leading "="


@dataclass(frozen=True)
class Validation:
    """A drop-down (the values offered) or a date check on one column's data cells."""

    column: str          # heading of the column it applies to
    kind: str            # list | date
    error: str
    values: tuple[str, ...] = ()


@dataclass
class Sheet:
    """One pack workbook: a title row, a header row repeated on every printed page, data rows, notes."""

    kind: str            # the sheet's name and the file's 文书 property
    unit: str
    year: int
    title: str
    columns: tuple[str, ...]
    widths: tuple[float, ...]
    rows: list[list] = field(default_factory=list)
    centred: frozenset[str] = frozenset()   # headings of centred columns
    dates: frozenset[str] = frozenset()     # headings of date columns
    notes: list[str] = field(default_factory=list)
    validations: list[Validation] = field(default_factory=list)
    overdue: str | None = None              # formula of the row highlight, for the first data row
    named_range: str | None = None          # a name for the header and data rows

    def column(self, heading: str) -> str:
        return xl_col_to_name(self.columns.index(heading))

    @property
    def last_row(self) -> int:
        return max(2 + len(self.rows), 3)

    def style(self, heading: str) -> str:
        if heading in self.dates:
            return "日期"
        return "居中" if heading in self.centred else "正文"


# ---------------------------------------------------------------------------------------------
# Row heights: wrapped text shows in print only in rows tall enough for it, in Excel and LibreOffice alike

FONT_PT = 11
LINE_PT = 15.6       # one line of 11 pt 仿宋 (or its Noto stand-in)
ROW_PADDING_PT = 4
CJK_UNITS = 2.1      # a column width unit is a "0" of the default font; an 11 pt CJK character takes 2.1
LATIN_UNITS = 1.1
TITLE_HEIGHT_PT = 32


def text_units(text: str) -> float:
    """Width in column units: characters of three or more UTF-8 bytes (CJK, full-width punctuation) are wide."""
    wide = (len(text.encode("utf-8")) - len(text)) // 2
    return wide * CJK_UNITS + (len(text) - wide) * LATIN_UNITS


@lru_cache(maxsize=16384)  # a county's villages share most of their texts
def lines_in(value, width: float) -> int:
    """Lines a value wraps to in a column `width` units wide (a cell loses about one unit to its margins);
    numbers and dates fit their columns."""
    if not isinstance(value, str) or not value:
        return 1
    return max(1, math.ceil(text_units(value) / max(width - 1, 1)))


def row_height(values: list, widths: tuple[float, ...]) -> float:
    lines = max((lines_in(v, w) for v, w in zip(values, widths, strict=False) if isinstance(v, str)), default=1)
    return lines * LINE_PT + ROW_PADDING_PT


def note_height(text: str, widths: tuple[float, ...]) -> float:
    return lines_in(text, sum(widths)) * LINE_PT + ROW_PADDING_PT


# ---------------------------------------------------------------------------------------------
# The pack's workbooks


def duty_list_sheet(plan: UnitPlan) -> Sheet:
    columns = ("序号", "责任主体", "类别", "责任内容", "工作措施", "责任人", "时限")
    return Sheet(DUTY_LIST, plan.profile.单位, plan.year, document_title(plan, "责任清单"), columns,
                 (6, 14, 12, 50, 32, 12, 12),
                 [[i, r.section, r.category, r.content, r.measures, r.holder, r.deadline]
                  for i, r in enumerate(responsibility_rows(plan), 1)],
                 centred=frozenset({"序号", "责任人", "时限"}))


def ledger_sheet(plan: UnitPlan) -> Sheet:
    """Every dated occurrence, with drop-downs, overdue highlighting and real date cells."""
    values = {heading: i for i, heading in enumerate(LEDGER_COLUMNS)}
    rows = []
    for o in plan.occurrences:
        row = [None] * len(LEDGER_COLUMNS)
        for heading, value in (("责任主体", o.holder.label), ("责任人", o.holder.name),
                               ("事项", f"{o.duty.title}：{o.duty.text}"), (DUE, o.due),
                               ("佐证材料", "、".join(o.duty.evidence)), (STATUS_COLUMN, STATUS[0]),
                               (RECONCILE, RECONCILED[0]), (LEDGER_COLUMNS[-1], o.id)):
            row[values[heading]] = value
        rows.append(row)
    sheet = Sheet(LEDGER, plan.profile.单位, plan.year, document_title(plan, "工作台账"), LEDGER_COLUMNS,
                  LEDGER_WIDTHS, rows, centred=frozenset({"责任主体", "责任人", STATUS_COLUMN, RECONCILE}),
                  dates=frozenset({DUE, COMPLETED}), named_range="台账")
    due, status = sheet.column(DUE), sheet.column(STATUS_COLUMN)
    sheet.overdue = f'AND(${status}3<>"{STATUS[-1]}",${due}3<>"",${due}3<TODAY())'
    sheet.validations = [
        Validation(STATUS_COLUMN, "list", "请从下拉列表中选择", STATUS),
        Validation(RECONCILE, "list", "请从下拉列表中选择", RECONCILED),
        Validation(COMPLETED, "date", "请填写日期，如 2026-03-31"),
    ]
    return sheet


def score_sheet(plan: UnitPlan) -> Sheet:
    form = plan.assessment
    columns = (NUMBER, CATEGORY, ITEM, "考核内容及评分标准", "分值", SCORE, "扣分说明")
    rows = [[i, item.category, item.content, item.standard, item.points, None, None]
            for i, item in enumerate(form.items, 1)]
    rows += [["", VETO, veto, "发生即评为最低等次；发生的请在“得分”栏填“是”", "", None, ""] for veto in form.vetoes]
    total, score = 3 + len(rows), xl_col_to_name(columns.index(SCORE))
    rows.append(["", TOTAL, "", "", sum(item.points for item in form.items), Formula(f"SUM({score}3:{score}{total - 1})"), ""])
    notes = [f"等次划分：{form.bands_text}。" if form.bands else "", f"依据：{form.basis_text}"]
    return Sheet(SCORES, plan.profile.单位, plan.year, document_title(plan, "责任制考核评分表"), columns,
                 (6, 14, 24, 46, 8, 8, 20), rows, centred=frozenset({NUMBER, "分值", SCORE}),
                 notes=[n for n in notes if n])


def evaluation_sheet(plan: UnitPlan) -> Sheet:
    form = plan.assessment
    tiers = tuple(t.grade for t in form.tiers)
    columns = (NUMBER, SUBJECT, TITLE, *tiers)
    subjects = [("领导班子", "")] + [(h.name, h.title) for h in plan.leaders]
    return Sheet(VOTES, plan.profile.单位, plan.year, document_title(plan, "责任制落实情况民主测评表"),
                 columns, (6, 20, 26, *(10 for _ in tiers)),
                 [[i, name, title, *("" for _ in tiers)] for i, (name, title) in enumerate(subjects, 1)],
                 centred=frozenset(columns),
                 notes=["个人测评：在相应等次栏内划“√”，每个测评对象只选一个等次；汇总时：在各等次栏填写票数。",
                        f"计分：{form.tiers_text}，按票数加权平均。{form.bad_vote_text}", f"依据：{form.basis_text}"])


def pack_sheets(plan: UnitPlan) -> dict[str, Sheet]:
    sheets = {"01-责任清单.xlsx": duty_list_sheet(plan), "05-工作台账.xlsx": ledger_sheet(plan),
              "06-考核评分表.xlsx": score_sheet(plan)}
    if plan.assessment.tiers:  # as the Word file: no tiers in content, no evaluation form
        sheets["06-民主测评表.xlsx"] = evaluation_sheet(plan)
    return sheets


def render_xlsx(plan: UnitPlan) -> dict[str, bytes]:
    return {name: sheet_bytes(sheet) for name, sheet in pack_sheets(plan).items()}


# ---------------------------------------------------------------------------------------------
# Writing a Sheet with XlsxWriter: the library made for writing workbooks, four times faster than openpyxl here
# (openpyxl reads them back: collect, and the tests)

_FIXED_TIME = datetime(2000, 1, 1)  # regenerated workbooks are byte-identical


def _formats(wb: xlsxwriter.Workbook) -> dict:
    body = {"font_name": FONTS.body, "font_size": FONT_PT, "text_wrap": True, "valign": "vcenter"}
    boxed = body | {"border": 1}
    centre = boxed | {"align": "center"}
    return {"标题": wb.add_format({"font_name": FONTS.heading1, "font_size": 16, "align": "center",
                                   "valign": "vcenter", "text_wrap": True}),
            "表头": wb.add_format(centre | {"bold": True, "bg_color": "#D9D9D9"}),
            "正文": wb.add_format(boxed), "居中": wb.add_format(centre),
            "日期": wb.add_format(centre | {"num_format": DATE_FORMAT}),
            "注释": wb.add_format(body | {"valign": "top"}),
            "逾期": wb.add_format({"bg_color": "#F4CCCC"})}


def _write_cell(ws, row: int, col: int, value, style) -> None:
    """Text always as text (a name typed as "=cmd|…" stays a name); only our own Formula cells compute."""
    if isinstance(value, Formula):
        ws.write_formula(row, col, f"={value.text}", style)
    elif isinstance(value, str):
        ws.write_string(row, col, value, style)
    elif isinstance(value, date):
        ws.write_datetime(row, col, datetime(value.year, value.month, value.day), style)
    elif value is None:
        ws.write_blank(row, col, None, style)
    else:
        ws.write_number(row, col, value, style)


def _validation(v: Validation) -> dict:
    rule = {"error_title": v.column, "error_message": v.error, "ignore_blank": True}
    if v.kind == "list":
        return rule | {"validate": "list", "source": list(v.values)}
    return rule | {"validate": "date", "criteria": ">", "value": _FIXED_TIME.replace(year=1900)}


def sheet_bytes(sheet: Sheet) -> bytes:
    buffer = BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True,
                                      "strings_to_formulas": False, "strings_to_numbers": False})
    wb.set_properties({"title": f"{sheet.unit}{sheet.year}年度{sheet.kind}", "created": _FIXED_TIME})
    wb.set_custom_property(PROPERTY_UNIT, sheet.unit)
    wb.set_custom_property(PROPERTY_YEAR, sheet.year)
    wb.set_custom_property(PROPERTY_KIND, sheet.kind)
    styles = _formats(wb)
    ws = wb.add_worksheet(sheet.kind)
    last_col = len(sheet.columns) - 1
    ws.merge_range(0, 0, 0, last_col, sheet.title, styles["标题"])
    ws.set_row(0, TITLE_HEIGHT_PT)
    for col, (heading, width) in enumerate(zip(sheet.columns, sheet.widths, strict=True)):
        ws.set_column(col, col, width)
        ws.write_string(1, col, heading, styles["表头"])
    column_styles = [styles[sheet.style(heading)] for heading in sheet.columns]
    for row, values in enumerate(sheet.rows, 2):
        ws.set_row(row, row_height(values, sheet.widths))
        for col, (value, style) in enumerate(zip(values, column_styles, strict=True)):
            _write_cell(ws, row, col, value, style)
    row = 2 + len(sheet.rows)
    for note in sheet.notes:
        ws.merge_range(row, 0, row, last_col, note, styles["注释"])
        ws.set_row(row, note_height(note, sheet.widths))
        row += 1
    last, end = sheet.last_row, xl_col_to_name(last_col)
    for v in sheet.validations:
        ws.data_validation(f"{sheet.column(v.column)}3:{sheet.column(v.column)}{last}", _validation(v))
    if sheet.overdue:
        ws.conditional_format(f"A3:{end}{last}", {"type": "formula", "criteria": f"={sheet.overdue}",
                                                  "format": styles["逾期"]})
    if sheet.named_range:
        wb.define_name(sheet.named_range, f"='{sheet.kind}'!$A$2:${end}${last}")
    ws.freeze_panes(2, 0)
    ws.repeat_rows(1)
    ws.set_paper(9)  # A4
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    ws.set_footer("&C第 &P 页，共 &N 页", {"margin": 0.3})
    wb.close()  # XlsxWriter dates every zip entry 1980-01-01: the same sheet gives the same bytes
    return buffer.getvalue()
