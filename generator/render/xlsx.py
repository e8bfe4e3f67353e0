"""Excel files of a pack: 责任清单, 工作台账 (the dated ledger), 考核评分表, 民主测评表."""

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..archive import workbook_bytes
from ..compile.plan import UnitPlan, responsibility_rows
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
    append_row,
)

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_OVERDUE_FILL = PatternFill("solid", fgColor="F4CCCC")
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _style(name: str, bold: bool = False, centered: bool = False, fill: PatternFill | None = None) -> NamedStyle:
    style = NamedStyle(name=name, font=Font(name=FONTS.body, size=11, bold=bold), border=_BORDER,
                       alignment=_CENTER if centered else _WRAP)
    if fill:
        style.fill = fill
    return style


# Named styles: one assignment per cell instead of four style objects (openpyxl hashes each).
_STYLES = (_style("表头", bold=True, centered=True, fill=_HEADER_FILL), _style("正文"), _style("居中", centered=True),
           NamedStyle(name="注释", font=Font(name=FONTS.body, size=11), alignment=Alignment(wrap_text=True, vertical="top")))


def _workbook(plan: UnitPlan, kind: str, heading: str, columns: tuple[str, ...],
              widths: tuple[int, ...]) -> tuple[Workbook, Worksheet]:
    """A workbook that says whose and what it is, with one sheet: a title row, a header row
    repeated on every printed page, landscape A4."""
    wb = Workbook()
    for style in _STYLES:
        wb.add_named_style(style)
    wb.custom_doc_props.append(StringProperty(name=PROPERTY_UNIT, value=plan.profile.单位))
    wb.custom_doc_props.append(IntProperty(name=PROPERTY_YEAR, value=plan.year))
    wb.custom_doc_props.append(StringProperty(name=PROPERTY_KIND, value=kind))
    wb.properties.title = f"{plan.profile.单位}{plan.year}年度{kind}"
    del wb[wb.sheetnames[0]]  # the empty default sheet
    ws = wb.create_sheet(kind)
    append_row(ws, [heading])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    ws["A1"].font = Font(name=FONTS.heading1, size=16)
    ws["A1"].alignment = _CENTER
    ws.row_dimensions[1].height = 32
    append_row(ws, list(columns))
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
        ws.cell(row=2, column=col).style = "表头"
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    return wb, ws


def _rows(ws: Worksheet, rows: list[list], centered: set[int] = frozenset()) -> None:
    for values in rows:
        append_row(ws, values)
        for col in range(1, len(values) + 1):
            ws.cell(row=ws.max_row, column=col).style = "居中" if col in centered else "正文"


def responsibility_list(plan: UnitPlan) -> bytes:
    columns = ("序号", "责任主体", "类别", "责任内容", "工作措施", "责任人", "时限")
    wb, ws = _workbook(plan, DUTY_LIST, f"{plan.profile.单位}{plan.year}年度党风廉政建设责任清单", columns,
                       (6, 18, 16, 50, 30, 16, 14))
    _rows(ws, [[i, r.section, r.category, r.content, r.measures, r.holder, r.deadline]
               for i, r in enumerate(responsibility_rows(plan), 1)], centered={1, 7})
    return workbook_bytes(wb)


def _ledger_column(heading: str) -> str:
    return get_column_letter(LEDGER_COLUMNS.index(heading) + 1)


def ledger(plan: UnitPlan) -> bytes:
    """Every dated occurrence, with drop-downs, overdue highlighting and real date cells."""
    wb, ws = _workbook(plan, LEDGER, f"{plan.profile.单位}{plan.year}年度党风廉政建设工作台账", LEDGER_COLUMNS,
                       LEDGER_WIDTHS)
    _rows(ws, [[o.id, o.holder.label, o.holder.name, f"{o.duty.title}：{o.duty.text}", o.due,
                "、".join(o.duty.evidence), STATUS[0], None, RECONCILED[0], None] for o in plan.occurrences],
          centered={2, 3, 5, 7, 8, 9})
    last = max(ws.max_row, 3)
    due, status_col, completed_col, reconcile_col = map(_ledger_column, (DUE, STATUS_COLUMN, COMPLETED, RECONCILE))
    for column in (due, completed_col):
        for (cell,) in ws[f"{column}3:{column}{last}"]:
            cell.number_format = DATE_FORMAT
    status = DataValidation(type="list", formula1=f'"{",".join(STATUS)}"', allow_blank=True,
                            error="请从下拉列表中选择", errorTitle=STATUS_COLUMN)
    reconciled = DataValidation(type="list", formula1=f'"{",".join(RECONCILED)}"', allow_blank=True,
                                error="请从下拉列表中选择", errorTitle=RECONCILE)
    completed = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True,
                               error="请填写日期，如 2026-03-31", errorTitle=COMPLETED)
    for validation, column in ((status, status_col), (reconciled, reconcile_col), (completed, completed_col)):
        ws.add_data_validation(validation)
        validation.add(f"{column}3:{column}{last}")
    end = _ledger_column(LEDGER_COLUMNS[-1])
    ws.conditional_formatting.add(f"A3:{end}{last}", FormulaRule(
        formula=[f'AND(${status_col}3<>"{STATUS[-1]}",${due}3<>"",${due}3<TODAY())'], fill=_OVERDUE_FILL))
    wb.defined_names["台账"] = DefinedName("台账", attr_text=f"'{LEDGER}'!$A$2:${end}${last}")
    return workbook_bytes(wb)


def score_sheet(plan: UnitPlan) -> bytes:
    form = plan.assessment
    wb, ws = _workbook(plan, SCORES, f"{plan.profile.单位}{plan.year}年度党风廉政建设责任制考核评分表",
                       (NUMBER, CATEGORY, ITEM, "考核内容及评分标准", "分值", SCORE, "扣分说明"), (6, 14, 20, 50, 8, 8, 20))
    _rows(ws, [[i, item.category, item.content, item.standard, item.points, None, None]
               for i, item in enumerate(form.items, 1)], centered={1, 5, 6})
    for veto in form.vetoes:
        _rows(ws, [["", VETO, veto, "发生即评为最低等次；发生的请在“得分”栏填“是”", "", "", ""]])
    _rows(ws, [["", TOTAL, "", "", sum(item.points for item in form.items), None, ""]])
    total = ws.max_row
    ws.cell(total, 6).value = f"=SUM(F3:F{total - 1})"
    _notes(ws, [f"等次划分：{form.bands_text}。" if form.bands else "", f"依据：{form.basis_text}"])
    return workbook_bytes(wb)


def evaluation_sheet(plan: UnitPlan) -> bytes:
    form = plan.assessment
    tiers = [t.grade for t in form.tiers]
    wb, ws = _workbook(plan, VOTES, f"{plan.profile.单位}{plan.year}年度领导班子和领导干部民主测评表",
                       (NUMBER, SUBJECT, TITLE, *tiers), (6, 20, 26, *(10 for _ in tiers)))
    subjects = [("领导班子", "")] + [(h.name, h.title) for h in plan.leaders]
    _rows(ws, [[i, name, title, *("" for _ in tiers)] for i, (name, title) in enumerate(subjects, 1)],
          centered=set(range(1, len(tiers) + 4)))
    _notes(ws, ["个人测评：在相应等次栏内划“√”，每个测评对象只选一个等次；汇总时：在各等次栏填写票数。",
                f"计分：{form.tiers_text}，按票数加权平均。{form.bad_vote_text}", f"依据：{form.basis_text}"])
    return workbook_bytes(wb)


def _notes(ws: Worksheet, lines: list[str]) -> None:
    width = ws.max_column
    for line in filter(None, lines):
        append_row(ws, [line])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
        ws.cell(ws.max_row, 1).style = "注释"
        ws.row_dimensions[ws.max_row].height = 36


def render_xlsx(plan: UnitPlan) -> dict[str, bytes]:
    files = {
        "01-责任清单.xlsx": responsibility_list(plan),
        "05-工作台账.xlsx": ledger(plan),
        "06-考核评分表.xlsx": score_sheet(plan),
    }
    if plan.assessment.tiers:  # as the Word file: no tiers in content, no evaluation form
        files["06-民主测评表.xlsx"] = evaluation_sheet(plan)
    return files
