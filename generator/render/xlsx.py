"""Excel files of a pack: 责任清单, 工作台账 (the dated ledger), 考核评分表, 民主测评表.

Each workbook is first described as a `Sheet` (what a clerk sees: title, columns, rows, row heights, notes,
drop-downs, overdue highlighting), then written. `workbook_bytes` writes the SpreadsheetML itself, with fixed
styles and properties; `openpyxl_bytes` writes the same Sheet with openpyxl, the reference the tests compare
against and the benchmark measures (openpyxl took most of a pack's time).
"""

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from io import BytesIO
from xml.sax.saxutils import escape, quoteattr

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins

from ..archive import deflated, zip_bytes
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
    column: str          # heading of the column it applies to
    kind: str            # list | date
    formula: str
    error: str
    operator: str | None = None


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
        return get_column_letter(self.columns.index(heading) + 1)

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
        Validation(STATUS_COLUMN, "list", f'"{",".join(STATUS)}"', "请从下拉列表中选择"),
        Validation(RECONCILE, "list", f'"{",".join(RECONCILED)}"', "请从下拉列表中选择"),
        Validation(COMPLETED, "date", "1", "请填写日期，如 2026-03-31", "greaterThan"),
    ]
    return sheet


def score_sheet(plan: UnitPlan) -> Sheet:
    form = plan.assessment
    columns = (NUMBER, CATEGORY, ITEM, "考核内容及评分标准", "分值", SCORE, "扣分说明")
    rows = [[i, item.category, item.content, item.standard, item.points, None, None]
            for i, item in enumerate(form.items, 1)]
    rows += [["", VETO, veto, "发生即评为最低等次；发生的请在“得分”栏填“是”", "", None, ""] for veto in form.vetoes]
    total = 3 + len(rows)
    rows.append(["", "合计", "", "", sum(item.points for item in form.items), Formula(f"SUM(F3:F{total - 1})"), ""])
    notes = [f"等次划分：{form.bands_text}。" if form.bands else "", f"依据：{form.basis_text}"]
    return Sheet(SCORES, plan.profile.单位, plan.year, document_title(plan, "责任制考核评分表"), columns,
                 (6, 14, 24, 46, 8, 8, 20), rows, centred=frozenset({NUMBER, "分值", SCORE}),
                 notes=[n for n in notes if n])


def evaluation_sheet(plan: UnitPlan) -> Sheet:
    form = plan.assessment
    tiers = tuple(t.grade for t in form.tiers)
    columns = (NUMBER, SUBJECT, TITLE, *tiers)
    subjects = [("领导班子", "")] + [(h.name, h.title) for h in plan.leaders]
    return Sheet(VOTES, plan.profile.单位, plan.year, f"{plan.profile.单位}{plan.year}年度领导班子和领导干部民主测评表",
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
    return {name: workbook_bytes(sheet) for name, sheet in pack_sheets(plan).items()}


# ---------------------------------------------------------------------------------------------
# Writing SpreadsheetML

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_EXCEL_EPOCH = date(1899, 12, 30)
_FIXED_TIME = "2000-01-01T00:00:00Z"  # regenerated workbooks are byte-identical

# Cell formats (cellXfs) of STYLES_XML, by the named style a cell has.
XF = {"标题": 1, "表头": 2, "正文": 3, "居中": 4, "日期": 5, "注释": 6}

_THIN = '<left style="thin"><color rgb="FF000000"/></left><right style="thin"><color rgb="FF000000"/></right>' \
        '<top style="thin"><color rgb="FF000000"/></top><bottom style="thin"><color rgb="FF000000"/></bottom>'
_WRAP, _CENTRE = '<alignment vertical="center" wrapText="1"/>', \
    '<alignment horizontal="center" vertical="center" wrapText="1"/>'
_TOP = '<alignment vertical="top" wrapText="1"/>'

STYLES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet {_NS}><numFmts count="1"><numFmt numFmtId="164" formatCode={quoteattr(DATE_FORMAT)}/></numFmts>\
<fonts count="4"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="11"/><name val={quoteattr(FONTS.body)}/></font><font><sz val="11"/><name val={quoteattr(FONTS.body)}/></font>\
<font><sz val="16"/><name val={quoteattr(FONTS.heading1)}/></font></fonts>\
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill></fills>\
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>{_THIN}<diagonal/></border></borders>\
<cellStyleXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>\
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" applyAlignment="1">{_CENTRE}</xf>\
<xf numFmtId="0" fontId="2" fillId="0" borderId="1" applyAlignment="1">{_WRAP}</xf>\
<xf numFmtId="0" fontId="2" fillId="0" borderId="1" applyAlignment="1">{_CENTRE}</xf>\
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" applyAlignment="1">{_TOP}</xf></cellStyleXfs>\
<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">{_CENTRE}</xf>\
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1">{_CENTRE}</xf>\
<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="2" applyFont="1" applyBorder="1" applyAlignment="1">{_WRAP}</xf>\
<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="3" applyFont="1" applyBorder="1" applyAlignment="1">{_CENTRE}</xf>\
<xf numFmtId="164" fontId="2" fillId="0" borderId="1" xfId="3" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1">{_CENTRE}</xf>\
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="4" applyFont="1" applyAlignment="1">{_TOP}</xf></cellXfs>\
<cellStyles count="5"><cellStyle name="Normal" xfId="0" builtinId="0"/><cellStyle name="表头" xfId="1"/>\
<cellStyle name="正文" xfId="2"/><cellStyle name="居中" xfId="3"/><cellStyle name="注释" xfId="4"/></cellStyles>\
<dxfs count="1"><dxf><fill><patternFill patternType="solid"><bgColor rgb="FFF4CCCC"/></patternFill></fill></dxf></dxfs>\
</styleSheet>"""

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>\
</Types>"""

_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>\
</Relationships>"""

_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
</Relationships>"""

_APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>责任田</Application></Properties>"""


@cache
def _fixed_entries():
    """The parts every pack workbook shares, compressed once per process."""
    return {name: deflated(name, text.encode("utf-8")) for name, text in (
        ("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _ROOT_RELS),
        ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS), ("xl/styles.xml", STYLES_XML), ("docProps/app.xml", _APP))}


def _text(value: str) -> str:
    """A literal text cell (inline string): whatever it holds, "=…" included, Excel shows it as written."""
    return f'<is><t>{escape(_xml_chars(value))}</t></is>'


def _xml_chars(text: str) -> str:
    """XML 1.0 has no place for control characters other than tab and newline."""
    return text if text.isprintable() else "".join(c for c in text if c.isprintable() or c in "\t\n")


def _cell(ref: str, value, xf: int) -> str:
    if value.__class__ is str and value:
        return f'<c r="{ref}" s="{xf}" t="inlineStr">{_text(value)}</c>'
    if value is None or value == "":
        return f'<c r="{ref}" s="{xf}"/>'
    if isinstance(value, Formula):
        return f'<c r="{ref}" s="{xf}"><f>{escape(value.text)}</f></c>'
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | float):
        return f'<c r="{ref}" s="{xf}"><v>{value:g}</v></c>' if isinstance(value, float) else \
            f'<c r="{ref}" s="{xf}"><v>{value}</v></c>'
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f'<c r="{ref}" s="{xf}"><v>{(value - _EXCEL_EPOCH).days}</v></c>'
    return f'<c r="{ref}" s="{xf}" t="inlineStr">{_text(str(value))}</c>'


def _row(number: int, cells: list[str], height: float | None = None) -> str:
    size = f' ht="{height:g}" customHeight="1"' if height else ""
    return f'<row r="{number}"{size}>{"".join(cells)}</row>'


def sheet_xml(sheet: Sheet) -> str:
    letters = [get_column_letter(i) for i in range(1, len(sheet.columns) + 1)]
    end = letters[-1]
    styles = [XF[sheet.style(h)] for h in sheet.columns]
    rows = [_row(1, [_cell("A1", sheet.title, XF["标题"])], TITLE_HEIGHT_PT),
            _row(2, [_cell(f"{c}2", h, XF["表头"]) for c, h in zip(letters, sheet.columns, strict=True)])]
    number = 2
    for values in sheet.rows:
        number += 1
        rows.append(_row(number, [_cell(f"{c}{number}", v, s) for c, v, s in zip(letters, values, styles, strict=True)],
                         row_height(values, sheet.widths)))
    merges = ["A1:" + end + "1"]
    for note in sheet.notes:
        number += 1
        rows.append(_row(number, [_cell(f"A{number}", note, XF["注释"])], note_height(note, sheet.widths)))
        merges.append(f"A{number}:{end}{number}")
    last = sheet.last_row
    cols = "".join(f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>' for i, w in enumerate(sheet.widths, 1))
    parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {_NS} {_REL_NS}>',
             '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>', f'<dimension ref="A1:{end}{max(number, 2)}"/>',
             '<sheetViews><sheetView workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" '
             'state="frozen"/><selection pane="bottomLeft" activeCell="A3" sqref="A3"/></sheetView></sheetViews>',
             '<sheetFormatPr defaultRowHeight="15"/>', f"<cols>{cols}</cols>",
             f'<sheetData>{"".join(rows)}</sheetData>',
             f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>"]
    if sheet.overdue:
        parts.append(f'<conditionalFormatting sqref="A3:{end}{last}"><cfRule type="expression" dxfId="0" priority="1">'
                     f"<formula>{escape(sheet.overdue)}</formula></cfRule></conditionalFormatting>")
    if sheet.validations:
        parts.append(f'<dataValidations count="{len(sheet.validations)}">' + "".join(
            _validation(v, f"{sheet.column(v.column)}3:{sheet.column(v.column)}{last}") for v in sheet.validations)
            + "</dataValidations>")
    parts += ['<printOptions horizontalCentered="1"/>',
              '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
              '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
              "<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter></worksheet>"]
    return "".join(parts)


def _validation(v: Validation, sqref: str) -> str:
    operator = f' operator="{v.operator}"' if v.operator else ""
    return (f'<dataValidation type="{v.kind}"{operator} allowBlank="1" showErrorMessage="1" '
            f'errorTitle={quoteattr(v.column)} error={quoteattr(v.error)} sqref="{sqref}">'
            f"<formula1>{escape(v.formula)}</formula1></dataValidation>")


def _quoted_sheet(kind: str) -> str:
    return "'" + kind.replace("'", "''") + "'"


def workbook_xml(sheet: Sheet) -> str:
    name = _quoted_sheet(sheet.kind)
    end = get_column_letter(len(sheet.columns))
    names = [f'<definedName name="_xlnm.Print_Titles" localSheetId="0">{escape(name)}!$2:$2</definedName>']
    if sheet.named_range:
        names.insert(0, f'<definedName name={quoteattr(sheet.named_range)}>'
                        f"{escape(name)}!$A$2:${end}${sheet.last_row}</definedName>")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {_NS} {_REL_NS}>'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            f'<sheets><sheet name={quoteattr(sheet.kind)} sheetId="1" r:id="rId1"/></sheets>'
            f'<definedNames>{"".join(names)}</definedNames><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>')


def _core_xml(title: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(_xml_chars(title))}</dc:title><dc:creator>责任田</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{_FIXED_TIME}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{_FIXED_TIME}</dcterms:modified></cp:coreProperties>')


def _custom_xml(sheet: Sheet) -> str:
    vt = 'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"'
    fmtid = 'fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"'
    values = ((PROPERTY_UNIT, f"<vt:lpwstr>{escape(_xml_chars(sheet.unit))}</vt:lpwstr>"),
              (PROPERTY_YEAR, f"<vt:i4>{sheet.year}</vt:i4>"), (PROPERTY_KIND, f"<vt:lpwstr>{escape(sheet.kind)}</vt:lpwstr>"))
    props = "".join(f'<property {fmtid} pid="{pid}" name={quoteattr(name)}>{value}</property>'
                    for pid, (name, value) in enumerate(values, 2))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties '
            f'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" {vt}>{props}</Properties>')


def properties_title(sheet: Sheet) -> str:
    return f"{sheet.unit}{sheet.year}年度{sheet.kind}"


def workbook_bytes(sheet: Sheet) -> bytes:
    """The workbook, written directly: fixed parts compressed once, the sheet and properties per file."""
    fixed = _fixed_entries()
    parts = [fixed["[Content_Types].xml"], fixed["_rels/.rels"], fixed["docProps/app.xml"],
             deflated("docProps/core.xml", _core_xml(properties_title(sheet)).encode("utf-8")),
             deflated("docProps/custom.xml", _custom_xml(sheet).encode("utf-8")),
             deflated("xl/workbook.xml", workbook_xml(sheet).encode("utf-8")),
             fixed["xl/_rels/workbook.xml.rels"], fixed["xl/styles.xml"],
             deflated("xl/worksheets/sheet1.xml", sheet_xml(sheet).encode("utf-8"))]
    return zip_bytes(parts)


# ---------------------------------------------------------------------------------------------
# The same workbook through openpyxl: the reference for tests and the benchmark

_SIDE = Side(style="thin", color="000000")
_BORDER = Border(left=_SIDE, right=_SIDE, top=_SIDE, bottom=_SIDE)


def _named(name: str, alignment: Alignment, bold: bool = False, fill: str | None = None, border=True) -> NamedStyle:
    style = NamedStyle(name=name, font=Font(name=FONTS.body, size=FONT_PT, bold=bold),
                       border=_BORDER if border else Border(), alignment=alignment)
    if fill:
        style.fill = PatternFill("solid", fgColor=fill)
    return style


def _openpyxl_styles() -> dict[str, NamedStyle]:
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    return {"表头": _named("表头", centre, bold=True, fill="D9D9D9"), "正文": _named("正文", wrap),
            "居中": _named("居中", centre), "注释": _named("注释", Alignment(wrap_text=True, vertical="top"), border=False)}


def openpyxl_bytes(sheet: Sheet) -> bytes:
    wb = Workbook()
    for style in _openpyxl_styles().values():
        wb.add_named_style(style)
    wb.custom_doc_props.append(StringProperty(name=PROPERTY_UNIT, value=sheet.unit))
    wb.custom_doc_props.append(IntProperty(name=PROPERTY_YEAR, value=sheet.year))
    wb.custom_doc_props.append(StringProperty(name=PROPERTY_KIND, value=sheet.kind))
    wb.properties.title = properties_title(sheet)
    wb.properties.created = wb.properties.modified = datetime(2000, 1, 1)
    ws = wb.active
    ws.title = sheet.kind
    ws.append([sheet.title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(sheet.columns))
    ws["A1"].font = Font(name=FONTS.heading1, size=16)
    ws["A1"].alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws.row_dimensions[1].height = TITLE_HEIGHT_PT
    ws.append(list(sheet.columns))
    for col, width in enumerate(sheet.widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
        ws.cell(2, col).style = "表头"
    for values in sheet.rows:
        ws.append([f"={v.text}" if isinstance(v, Formula) else v for v in values])
        row = ws.max_row
        for col, (heading, value) in enumerate(zip(sheet.columns, values, strict=True), 1):
            cell = ws.cell(row, col)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            cell.style = "居中" if heading in sheet.dates else sheet.style(heading)
            if heading in sheet.dates:
                cell.number_format = DATE_FORMAT
        ws.row_dimensions[row].height = row_height(values, sheet.widths)
    for note in sheet.notes:
        ws.append([note])
        row = ws.max_row
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(sheet.columns))
        ws.cell(row, 1).style = "注释"
        ws.row_dimensions[row].height = note_height(note, sheet.widths)
    last, end = sheet.last_row, get_column_letter(len(sheet.columns))
    for v in sheet.validations:
        validation = DataValidation(type=v.kind, formula1=v.formula, operator=v.operator, allow_blank=True,
                                    showErrorMessage=True, error=v.error, errorTitle=v.column)
        ws.add_data_validation(validation)
        validation.add(f"{sheet.column(v.column)}3:{sheet.column(v.column)}{last}")
    if sheet.overdue:
        ws.conditional_formatting.add(f"A3:{end}{last}", FormulaRule(
            formula=[sheet.overdue], fill=PatternFill("solid", bgColor="F4CCCC")))
    if sheet.named_range:
        wb.defined_names[sheet.named_range] = DefinedName(
            sheet.named_range, attr_text=f"{_quoted_sheet(sheet.kind)}!$A$2:${end}${last}")
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.75, bottom=0.75, header=0.3, footer=0.3)
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
