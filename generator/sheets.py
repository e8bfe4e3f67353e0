"""The workbooks' shared vocabulary: what the pack writes and `collect` reads back.

Sheet kinds, the column headings `collect` finds its columns by (wherever a clerk moves them),
the drop-down values and the custom properties that say whose file a workbook is; the roster's
sheets and columns; how a cell that should hold a date is read.
"""

import math
import re
from datetime import date, datetime, timedelta

# The kinds of workbook, stored in each file's properties and as its sheet name.
DUTY_LIST, LEDGER, SCORES, VOTES = "责任清单", "工作台账", "考核评分表", "民主测评表"

# Headings `collect` finds its columns by, wherever a clerk moves them.
ID, DUE, STATUS_COLUMN, COMPLETED, RECONCILE = "编号", "时间节点", "完成情况", "完成日期", "对账销号"
NUMBER, CATEGORY, ITEM, SCORE, VETO, TOTAL = "序号", "类别", "考核项目", "得分", "一票否决", "合计"
SUBJECT, TITLE = "测评对象", "职务"

# The clerk reads what to do first; the occurrence id `collect` matches rows by comes last. Ledgers written
# before had it first: `collect` finds every column by its heading, so both layouts read back.
LEDGER_COLUMNS = ("责任主体", "责任人", "事项", DUE, "佐证材料", STATUS_COLUMN, COMPLETED, RECONCILE, "备注", ID)
LEDGER_WIDTHS = (12, 10, 50, 14, 24, 10, 14, 10, 16, 24)
STATUS = ("未开始", "进行中", "已完成")
RECONCILED = ("未销号", "已销号")
DATE_FORMAT = 'yyyy"年"m"月"d"日"'

# Custom document properties survive Excel and WPS saves: `collect` reads them to know whose file it is.
PROPERTY_UNIT, PROPERTY_YEAR, PROPERTY_KIND = "单位", "年度", "文书"

# The roster (名册.xlsx): many unit profiles in one workbook, one sheet per table (DESIGN §5).
# Each sheet's columns, and the profile field each column fills: a unit's own fields, a member's, a subunit's.
UNITS, LEADERS, SUBUNITS, GUIDE = "单位", "班子成员", "下属单位", "说明"
UNIT_COLUMNS: dict[str, tuple[str, ...]] = {
    "单位": ("单位",), "层级": ("层级",), "上级": ("上级",), "年度": ("年度",), "领域": ("领域",),
    "落款机关": ("落款", "机关"), "落款日期": ("落款", "日期"), "类型": ("类型",),
}
LEADER_COLUMNS: dict[str, str] = {"单位": "", "姓名": "姓名", "职务": "职务", "责任": "责任", "分管": "分管", "联系点": "联系点"}
SUBUNIT_COLUMNS: dict[str, str] = {"单位": "", "下属单位": "单位", "层级": "层级", "负责人": "负责人", "职务": "职务"}
ROSTER_SHEETS: dict[str, tuple[str, ...]] = {
    UNITS: tuple(UNIT_COLUMNS), LEADERS: tuple(LEADER_COLUMNS), SUBUNITS: tuple(SUBUNIT_COLUMNS),
}
OPTIONAL_COLUMNS = ("类型",)  # a roster made before the column existed still reads
LIST_COLUMNS = ("领域", "分管", "联系点")  # a cell holds several values, separated as below
LIST_SEPARATORS = "、，,;；\n"  # 、 is written; the others are read too (and a line break within a cell)
ROSTER_DATE_FORMAT = "yyyy-mm-dd"

_DATE_TEXT = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_EXCEL_EPOCH = date(1899, 12, 30)
_LAST_SERIAL = (date(9999, 12, 31) - _EXCEL_EPOCH).days


def parse_date(value) -> date | None:
    """A date cell, an Excel serial number, a number typed as 20260331, or text such as 2026/3/31 or
    2026年3月31日; ValueError if impossible."""
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        if isinstance(value, int) and 10000101 <= value <= 99991231:
            return date(value // 10000, value // 100 % 100, value % 100)
        if not (math.isfinite(value) and 1 <= value <= _LAST_SERIAL):
            raise ValueError(value)
        return _EXCEL_EPOCH + timedelta(days=int(value))
    match = _DATE_TEXT.match(str(value))
    if not match:
        raise ValueError(value)
    return date(*map(int, match.groups()))

def append_row(ws, values: list) -> None:
    """Append a row to an openpyxl sheet; text stays text: a name such as "=cmd|…" typed into a profile
    or a returned sheet is stored as a string, never as a formula (the project's own sums are set apart)."""
    ws.append(values)
    row = ws.max_row
    for column, value in enumerate(values, 1):
        if isinstance(value, str):
            ws.cell(row, column).data_type = "s"
