"""The roster (名册.xlsx), blank or filled from profiles, and a profile's YAML text (a roster's unit as a file).

The roster is an input form: every column the clerk types text into is a text cell (never a formula,
never a number Excel reformats), 层级 and 责任 are drop-downs, 分管 offers the knowledge base's areas
while allowing others, and the 说明 sheet explains each column and holds the drop-downs' values.
"""

from collections.abc import Iterable
from typing import Any

import yaml
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..archive import workbook_bytes
from ..fonts import FONTS
from ..load.profile import Profile
from ..sheets import (
    GUIDE,
    LEADER_COLUMNS,
    LEADERS,
    LIST_COLUMNS,
    ROSTER_DATE_FORMAT,
    ROSTER_SHEETS,
    SUBUNIT_COLUMNS,
    SUBUNITS,
    UNIT_COLUMNS,
    UNITS,
    append_row,
)
from ..vocabulary import BODY_WORDS, DOMAINS, PROFILE_DUTIES, PROFILE_LEVELS

LIST_JOINER = "、"
TEXT_FORMAT = "@"
YEAR_FORMAT = "0"
LAST_ROW = 1048576  # drop-downs and formats reach every row a clerk may fill

_THIN = Side(style="thin", color="808080")
_HEADER = {"font": Font(name=FONTS.body, size=11, bold=True), "fill": PatternFill("solid", fgColor="D9D9D9"),
           "border": Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN),
           "alignment": Alignment(horizontal="center", vertical="center", wrap_text=True)}
_BODY_FONT = Font(name=FONTS.body, size=11)
_WRAP = Alignment(vertical="top", wrap_text=True)

WIDTHS = {
    UNITS: (30, 8, 26, 8, 26, 28, 13, 8),
    LEADERS: (30, 10, 30, 12, 28, 28),
    SUBUNITS: (30, 28, 8, 10, 24),
}

# 说明: for each sheet and column, whether it must be filled, what it holds, and an example (fictional names).
GUIDE_HEADINGS = ("工作表", "列", "填写要求", "说明", "示例")
GUIDE_WIDTHS = (10, 10, 10, 64, 24)
GUIDE_ROWS: dict[str, dict[str, tuple[str, str, str]]] = {
    UNITS: {
        "单位": ("必填", "单位全称，按打印在文书上的写法；每个单位只占一行，另两张表用这个名称对应到本单位", "中共青石镇委员会"),
        "层级": ("必填", "县级、部门、乡镇、村之一（下拉选择）", "乡镇"),
        "上级": ("必填", "上级党组织，即本单位责任书的甲方", "中共云岭县委"),
        "年度": ("必填", "四位数字的年份", "2026"),
        "领域": ("选填", "党风廉政建设、基层党建、意识形态中的一项或几项，用“、”分隔；不填则全部", "党风廉政建设、意识形态"),
        "落款机关": ("选填", "文书落款的机关名称；与落款日期一起填写", "中共青石镇委员会"),
        "落款日期": ("选填", "文书落款的日期，写成 2026-02-15", "2026-02-15"),
        "类型": ("选填", "乡镇或街道、村或社区、党组或党委（下拉选择），决定文书用“党工委”“居委会”“纪检组”等称谓；"
                 "不填则按单位名称判断", "街道"),
    },
    LEADERS: {
        "单位": ("必填", "所属单位，与“单位”表中的名称完全一致", "中共青石镇委员会"),
        "姓名": ("必填", "班子成员姓名；每人一行，按班子排序填写", "吴晓岚"),
        "职务": ("必填", "职务全称，几个职务用“、”连写", "党委副书记、镇长"),
        "责任": ("必填", "第一责任人、一岗双责、监督责任之一（下拉选择）；每个单位有且只有一位第一责任人",
                 "一岗双责"),
        "分管": ("选填", "分管的工作，可从下拉列表选择，也可直接填写；多项用“、”分隔；用来列出对应的廉政风险点",
                 "财政、工程建设"),
        "联系点": ("选填", "联系的下属单位，必须是“下属单位”表中本单位的下属单位名称；多项用“、”分隔", "东坪村党支部"),
    },
    SUBUNITS: {
        "单位": ("必填", "上级单位，即名册中与之签订责任书的单位，与“单位”表中的名称完全一致", "中共青石镇委员会"),
        "下属单位": ("必填", "下属单位的名称，按打印在责任书上的写法", "东坪村党支部"),
        "层级": ("必填", "县级、部门、乡镇、村之一（下拉选择）", "村"),
        "负责人": ("必填", "下属单位的负责人姓名，即责任书的乙方签字人", "卫长青"),
        "职务": ("必填", "负责人的职务", "党支部书记"),
    },
}
GUIDE_NOTES = (
    "一格中有多项时用“、”分隔（也可用“，”“,”“；”“;”）；单元格前后的空格不影响读取。",
    "“单位”表每行一个单位；“班子成员”“下属单位”两表每行一人、一个下属单位，第一列填所属单位。",
    "填好后运行 zerentian check 名册.xlsx 检查，问题会指明工作表和单元格（如 班子成员!D7）；"
    "再运行 zerentian pack 名册.xlsx 为每个单位生成文书包。",
    "名册含真实姓名，只作为生成文书的输入，请妥善保管。",
)


def render_roster(profiles: Iterable[Profile], areas: list[str]) -> bytes:
    """The roster workbook: blank when there are no profiles; `areas` are the 分管 drop-down's values."""
    profiles = list(profiles)
    wb = Workbook()
    wb.properties.title = "单位名册"
    del wb[wb.sheetnames[0]]
    sheets = {name: _data_sheet(wb, name) for name in ROSTER_SHEETS}
    lists = _guide(wb.create_sheet(GUIDE), areas)
    for profile in profiles:
        _append(sheets[UNITS], _unit_row(profile))
        for member in profile.班子成员:
            _append(sheets[LEADERS], _row(profile, member.model_dump(), LEADER_COLUMNS))
        for unit in profile.下属单位:
            _append(sheets[SUBUNITS], _row(profile, unit.model_dump(), SUBUNIT_COLUMNS))
    _drop_downs(sheets, lists)
    return workbook_bytes(wb)


def _data_sheet(wb: Workbook, name: str) -> Worksheet:
    """Header in row 1, frozen and repeated on every printed page; text, year and date formats per column."""
    ws = wb.create_sheet(name)
    headings = ROSTER_SHEETS[name]
    for col, (heading, width) in enumerate(zip(headings, WIDTHS[name], strict=True), 1):
        cell = ws.cell(1, col, heading)
        for attribute, value in _HEADER.items():
            setattr(cell, attribute, value)
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = width
        ws.column_dimensions[letter].number_format = _format(heading)
    ws.row_dimensions[1].height = 22
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headings))}1"
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.oddHeader.center.text = f"单位名册：{name}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    return ws


def _format(heading: str) -> str:
    return {"年度": YEAR_FORMAT, "落款日期": ROSTER_DATE_FORMAT}.get(heading, TEXT_FORMAT)


def _append(ws: Worksheet, values: list[Any]) -> None:
    append_row(ws, values)
    for cell, heading in zip(ws[ws.max_row], ROSTER_SHEETS[ws.title], strict=True):
        cell.number_format = _format(heading)
        cell.font = _BODY_FONT


def _cell_value(heading: str, value: Any) -> Any:
    if heading in LIST_COLUMNS:
        return LIST_JOINER.join(value or ()) or None
    return value if value not in ("", None) else None


def _unit_row(profile: Profile) -> list[Any]:
    data = profile.model_dump()
    values = []
    for heading, path in UNIT_COLUMNS.items():
        value: Any = data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        values.append(_cell_value(heading, value))
    return values


def _row(profile: Profile, item: dict, columns: dict[str, str]) -> list[Any]:
    """A member's or a subunit's row: the unit it belongs to first, then its own fields."""
    return [_cell_value(heading, item[field] if field else profile.单位) for heading, field in columns.items()]


# The 说明 sheet, and the drop-downs that read their values from it

def _guide(ws: Worksheet, areas: list[str]) -> dict[str, str]:
    """Each column explained with an example; beside it the values the drop-downs offer (their ranges returned)."""
    ws.append(GUIDE_HEADINGS)
    for sheet, rows in GUIDE_ROWS.items():
        for heading, (need, text, example) in rows.items():
            ws.append([sheet, heading, need, text, example])
            _fit_height(ws, text, GUIDE_WIDTHS[3])
    ws.append([])
    for note in GUIDE_NOTES:
        ws.append([note])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(GUIDE_HEADINGS))
        _fit_height(ws, note, sum(GUIDE_WIDTHS))
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.font, cell.alignment = _BODY_FONT, _WRAP
    values = {"层级": list(PROFILE_LEVELS), "类型": list(BODY_WORDS), "责任": list(PROFILE_DUTIES), "领域": list(DOMAINS),
              "分管": areas}
    first = len(GUIDE_HEADINGS) + 2  # one empty column between the explanations and the values
    ranges = {}
    for offset, (heading, options) in enumerate(values.items()):
        col = first + offset
        letter = get_column_letter(col)
        ws.cell(1, col, f"{heading}可选")
        for row, option in enumerate(options, 2):
            ws.cell(row, col, option).font = _BODY_FONT
        ranges[heading] = f"{quote_sheetname(GUIDE)}!${letter}$2:${letter}${len(options) + 1}"
        ws.column_dimensions[letter].width = 16
    for col in range(1, first + len(values)):
        for attribute, value in _HEADER.items():
            if ws.cell(1, col).value:
                setattr(ws.cell(1, col), attribute, value)
    for col, width in enumerate(GUIDE_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return ranges


def _fit_height(ws: Worksheet, text: str, width: int) -> None:
    """Room for wrapped text: merged cells and some programs do not grow the row themselves."""
    units = sum(1 if ch.isascii() else 2 for ch in text)  # a Chinese character is two columns wide
    ws.row_dimensions[ws.max_row].height = 16 * -(-units // (width - 2))


def _drop_downs(sheets: dict[str, Worksheet], lists: dict[str, str]) -> None:
    def column(sheet: str, heading: str) -> str:
        letter = get_column_letter(ROSTER_SHEETS[sheet].index(heading) + 1)
        return f"{letter}2:{letter}{LAST_ROW}"

    def choose(heading: str) -> DataValidation:
        return DataValidation(type="list", formula1=lists[heading], allow_blank=True, showErrorMessage=True,
                              errorTitle=heading, error=f"请从下拉列表中选择{heading}（可选的值见“说明”表）")

    rules = [
        (UNITS, "层级", choose("层级")),
        (UNITS, "类型", choose("类型")),
        (SUBUNITS, "层级", choose("层级")),
        (LEADERS, "责任", choose("责任")),
        (LEADERS, "分管", DataValidation(
            type="list", formula1=lists["分管"], allow_blank=True, showErrorMessage=False, showInputMessage=True,
            promptTitle="分管", prompt="可从下拉列表选择，也可以直接填写其他分管工作；多项用“、”分隔")),
        (UNITS, "年度", DataValidation(
            type="whole", operator="between", formula1="2000", formula2="2100", allow_blank=True,
            showErrorMessage=True, errorTitle="年度", error="请填写四位数字的年份，如 2026")),
        (UNITS, "落款日期", DataValidation(
            type="date", operator="greaterThan", formula1="1", allow_blank=True, showErrorMessage=True,
            errorTitle="落款日期", error="请填写日期，如 2026-02-15")),
        (UNITS, "领域", DataValidation(
            type="list", formula1=lists["领域"], allow_blank=True, showErrorMessage=False, showInputMessage=True,
            promptTitle="领域", prompt="可选一项，或填几项用“、”分隔；不填则全部领域")),
    ]
    for sheet, heading, rule in rules:
        sheets[sheet].add_data_validation(rule)
        rule.add(column(sheet, heading))


# A unit of the roster as its own YAML profile

class _ProfileDumper(yaml.SafeDumper):
    """Block style for tables, flow style ([财政, 工程建设]) for lists of plain values, list items indented
    under their key: as people write profiles (examples/)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    plain = all(not isinstance(item, dict | list) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=plain)


def _represent_dict(dumper: yaml.SafeDumper, data: dict) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=False)


_ProfileDumper.add_representer(list, _represent_list)
_ProfileDumper.add_representer(dict, _represent_dict)


def profile_yaml(profile: Profile, origin: str) -> str:
    """The profile as a YAML file that reads back as the same profile; `origin` says where it came from."""
    data = profile.model_dump(exclude_defaults=True)
    text = yaml.dump(data, Dumper=_ProfileDumper, allow_unicode=True, sort_keys=False, width=1000)
    return f"# 单位档案：由{origin}转换而来（zerentian new --from），可直接修改。\n{text}"
