"""The collected figures as 汇总.xlsx and a self-contained HTML page with SVG bar charts."""

from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
from openpyxl import Workbook
from openpyxl.styles import Font

from ..archive import workbook_bytes
from ..fonts import FONTS
from ..sheets import DATE_FORMAT, append_row
from ..wording import cn_date
from .figures import UnitFigures, overdue_by_role

_ENV = Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=True, undefined=StrictUndefined)
BAR_HEIGHT, LABEL_WIDTH, CHART_WIDTH = 22, 260, 760


def bar_chart(bars: list[tuple[str, float, str]], maximum: float, unit: str) -> Markup:
    """Horizontal bars as inline SVG (no scripts, prints as drawn); each bar is (label, value, colour)."""
    if not bars:
        return Markup("<p>（无数据）</p>")
    span = CHART_WIDTH - LABEL_WIDTH - 70
    rows = []
    for i, (label, value, colour) in enumerate(bars):
        y = i * BAR_HEIGHT
        width = 0 if maximum <= 0 else span * value / maximum
        rows.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{y + 3}" width="{width:.1f}" height="{BAR_HEIGHT - 6}" fill="{colour}"/>'
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 15}">{value:g}{unit}</text>'
        )
    height = len(bars) * BAR_HEIGHT
    return Markup(f'<svg role="img" width="{CHART_WIDTH}" height="{height}" viewBox="0 0 {CHART_WIDTH} {height}">'
                  + "".join(rows) + "</svg>")


def _rate_colour(rate: float) -> str:
    return "#2e7d32" if rate >= 90 else "#f9a825" if rate >= 60 else "#c62828"


def render_html(units: list[UnitFigures], as_of: date, title: str) -> bytes:
    data = [u.as_json() for u in units]
    rated = sorted(((d["单位"], d["完成率"]) for d in data if d["完成率"] is not None), key=lambda x: x[1])
    roles = sorted(overdue_by_role(units).items(), key=lambda x: -x[1])
    html = _ENV.get_template("report.html.j2").render(
        title=title, as_of=as_of.isoformat(), units=data,
        rate_chart=bar_chart([(name, rate, _rate_colour(rate)) for name, rate in rated], 100, "%"),
        role_chart=bar_chart([(role, count, "#c62828") for role, count in roles], max((c for _, c in roles), default=0), "项"),
    )
    return html.encode("utf-8")


def render_summary_xlsx(units: list[UnitFigures], as_of: date) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "单位汇总"
    append_row(ws, ["单位", "年度", "台账", "应完成", "已完成", "逾期", "完成率(%)", "待销号", "考核得分", "考核等次", "截止日期"])
    people = wb.create_sheet("人员明细")
    append_row(people, ["单位", "责任主体", "责任人", "应完成", "已完成", "逾期", "完成率(%)", "待销号"])
    overdue = wb.create_sheet("逾期事项")
    append_row(overdue, ["单位", "编号", "责任人", "事项", "时间节点"])
    votes = wb.create_sheet("民主测评")
    append_row(votes, ["单位", "测评对象", "票数", "得分", "差票比例", "等次"])
    for unit in units:
        d = unit.as_json()
        score = d["考核"] or {}
        status = "已报送" if d["已报送台账"] else "已退回" if d["退回文件"] else "未报送"
        append_row(ws, [d["单位"], d["年度"], status, d["应完成"], d["已完成"], d["逾期"],
                   d["完成率"], d["待销号"], score.get("得分"), score.get("等次"), as_of])
        for p in d["人员"]:
            append_row(people, [d["单位"], p["责任主体"], p["责任人"], p["应完成"], p["已完成"], p["逾期"], p["完成率"], p["待销号"]])
        for o in unit.overdue:
            append_row(overdue, [d["单位"], o.id, o.holder.name, o.duty.title, o.due])
        for e in d["民主测评"]:
            append_row(votes, [d["单位"], e["测评对象"], "，".join(f"{g}{n}" for g, n in e["票数"].items()), e["得分"],
                          e["差票比例"], e["等次"]])
    for cell in ws["K"][1:]:
        cell.number_format = DATE_FORMAT
    for cell in overdue["E"][1:]:
        cell.number_format = DATE_FORMAT
    for sheet in wb.worksheets:
        for cell in sheet[1]:
            cell.font = Font(name=FONTS.body, bold=True)
        sheet.freeze_panes = "A2"
    return workbook_bytes(wb)


def report_files(units: list[UnitFigures], as_of: date) -> dict[str, bytes]:
    """The report folder: a page to open in a browser and a workbook to sort and filter."""
    title = f"党风廉政建设工作台账汇总（截至{cn_date(as_of)}）"
    return {"index.html": render_html(units, as_of, title), "汇总.xlsx": render_summary_xlsx(units, as_of)}
