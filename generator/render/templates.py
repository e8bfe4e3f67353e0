"""The Word templates of the document pack, built by code into templates/*.docx.

Each template is a real GB/T 9704 document with docxtpl tags: {{ value }}, {%p for %} loops in
their own paragraphs and {%tr for %} row loops in their own table rows. Fixed wording (headings,
formulas such as 一岗双责, 一式两份) lives here so users can edit it in Word; everything that
depends on the unit comes from the context built in documents.py.
"""

from collections.abc import Callable

from docx.document import Document as DocumentObject

from ..fonts import FONTS
from . import gbt9704 as gb


def _numbered(doc: DocumentObject, label: str, text: str) -> None:
    """A body paragraph opening with a 楷体 label: "（一）" followed by body text."""
    para = gb.paragraph(doc, first_chars=2)
    label_run = para.add_run(label)
    gb.set_run_format(label_run._r.get_or_add_rPr(), FONTS.heading2, gb.BODY_PT)
    para.add_run(text)


def _items(doc: DocumentObject, key: str) -> None:
    """Every {label, text} item of the context list `key`, one paragraph each."""
    gb.tag(doc, f"for item in {key}")
    _numbered(doc, "{{ item.label }}", "{{ item.text }}")
    gb.tag(doc, "endfor")


def _third_level(doc: DocumentObject, key: str) -> None:
    """Every text of the context list `key` numbered 1．2．… (GB/T 9704 third level, full-width stop)."""
    gb.tag(doc, f"for line in {key}")
    gb.paragraph(doc, "{{ loop.index }}．{{ line }}", first_chars=2)
    gb.tag(doc, "endfor")


def _row_loop(doc: DocumentObject, widths: list[float], headers: list[str], loop: str, cells: list[str],
              centre: tuple[int, ...] = (), style: str = "Table Text") -> None:
    """Header row, then `cells` repeated by a {%tr for %} loop."""
    blank = [""] * (len(cells) - 1)
    rows = [headers, [f"{{%tr {loop} %}}", *blank], cells, ["{%tr endfor %}", *blank]]
    gb.table(doc, widths, rows, centre=centre, style=style)


def _optional(doc: DocumentObject, condition: str, text: str) -> None:
    """A body paragraph printed only when the context value `condition` is non-empty."""
    gb.tag(doc, f"if {condition}")
    gb.paragraph(doc, text, first_chars=2)
    gb.tag(doc, "endif")


# Landscape lists fill the 225 mm text width; at 5号 a character is 3.7 mm: 类别 holds 4, 时限 4 (每季度末).
LIST_COLUMNS = [11, 19, 100, 56, 21, 18]
ANNEX_COLUMNS = [11, 19, 113, 64, 18]
BREAKDOWN_COLUMNS = [11, 136, 22, 24, 32]


def _duty_list(doc: DocumentObject) -> None:
    gb.landscape(doc.sections[0])
    gb.title_from(doc, "title")
    gb.paragraph(doc, "{{ note }}", first_chars=2)
    gb.tag(doc, "for section in sections")
    gb.heading(doc, 1, "{{ section.heading }}")
    _row_loop(doc, LIST_COLUMNS, ["序号", "类别", "责任内容", "工作措施", "责任人", "时限"],
              "for row in section.rows",
              ["{{ row.no }}", "{{ row.category }}", "{{ row.content }}", "{{ row.measures }}",
               "{{ row.person }}", "{{ row.deadline }}"], centre=(0, 4, 5), style="List Text")
    gb.tag(doc, "endfor")
    gb.signoff(doc, gb.LANDSCAPE_WIDTH_MM)


def _signatures(doc: DocumentObject) -> None:
    """Two columns with room for the seals: heading, party, two blank lines, who signs, the date."""
    lines = ["{{ %s.heading }}", "{{ %s.name }}", "", "", "{{ %s.signer }}", "", "{{ %s.date }}"]
    gb.signature_table(doc, [line.replace("%s", "sign_a") for line in lines],
                       [line.replace("%s", "sign_b") for line in lines])


def _letter(doc: DocumentObject) -> None:
    gb.title_from(doc, "title")
    gb.flush_left(doc, "甲方：{{ party_a }}")
    gb.flush_left(doc, "乙方：{{ party_b }}")
    gb.paragraph(doc, "为压紧压实{{ subject }}责任，根据{{ basis }}等有关规定，按照“谁主管、谁负责”和“一岗双责”的要求，"
                      "经甲乙双方协商，特签订本责任书。", first_chars=2)
    for heading_text, key in (("一、责任目标", "goals"), ("二、责任内容", "duties"), ("三、考核办法", "assessment"),
                              ("四、奖惩与责任追究", "accountability")):
        gb.heading(doc, 1, heading_text)
        _items(doc, key)
    gb.heading(doc, 1, "五、附则")
    gb.paragraph(doc, "（一）本责任书有效期自{{ year }}年1月1日至{{ year }}年12月31日。", first_chars=2)
    gb.paragraph(doc, "（二）本责任书一式两份，双方各执一份，自签订之日起生效。", first_chars=2)
    # the last clause and the annex line go with the signatures to a new page rather than leave them alone there
    last = gb.paragraph(doc, "（三）附件所列责任清单是本责任书的组成部分，与本责任书具有同等效力。", first_chars=2)
    for para in (last, *gb.annex_line(doc, "{{ annex }}"), doc.add_paragraph()):
        gb.keep_with_next(para)
    _signatures(doc)
    gb.landscape_section(doc)
    gb.annex_heading(doc, "annex_title")
    _row_loop(doc, ANNEX_COLUMNS, ["序号", "类别", "责任内容", "工作措施", "时限"], "for row in annex_rows",
              ["{{ row.no }}", "{{ row.category }}", "{{ row.content }}", "{{ row.measures }}", "{{ row.deadline }}"],
              centre=(0, 4), style="List Text")


def _pledge(doc: DocumentObject) -> None:
    gb.title(doc, "廉政承诺书")
    gb.paragraph(doc, "{{ opening }}", first_chars=2)
    _third_level(doc, "promises")
    gb.paragraph(doc, "如有违反，自愿接受组织处理。", first_chars=2)
    doc.add_paragraph()
    gb.paragraph(doc, "承诺人（签字）：　　　　　　", jc="right", right_chars=2)
    gb.paragraph(doc, "{{ date }}", jc="right", right_chars=2)
    gb.paragraph(doc, "{{ note }}", first_chars=2)


def _leadership(doc: DocumentObject) -> None:
    gb.heading(doc, 2, "（一）加强组织领导")
    gb.tag(doc, "if lead.group")
    gb.paragraph(doc, "成立{{ unit }}{{ subject }}工作领导小组：", first_chars=2)
    gb.paragraph(doc, "组　长：{{ lead.leader }}", first_chars=2)
    _optional(doc, "lead.deputies", "副组长：{{ lead.deputies }}")
    _optional(doc, "lead.members", "成　员：{{ lead.members }}")
    gb.paragraph(doc, "领导小组统筹推进本方案实施，研究解决重大问题；领导小组下设办公室，负责日常工作。", first_chars=2)
    gb.tag(doc, "else")
    gb.paragraph(doc, "{{ lead.text }}", first_chars=2)
    gb.tag(doc, "endif")


def _plan(doc: DocumentObject) -> None:
    gb.title_from(doc, "title")
    gb.paragraph(doc, "为压紧压实{{ subject }}责任，根据《党委（党组）落实全面从严治党主体责任规定》等有关规定，"
                      "结合{{ unit }}实际，制定本方案。", first_chars=2)
    gb.heading(doc, 1, "一、指导思想和总体要求")
    gb.paragraph(doc, "坚持党要管党、全面从严治党，把{{ subject }}与业务工作同部署、同落实、同检查、同考核，"
                      "落实领导班子集体责任、书记第一责任人职责、班子其他成员“一岗双责”和监督责任，"
                      "做到责任清单化、任务具体化、落实常态化。", first_chars=2)
    gb.heading(doc, 1, "二、工作目标")
    _items(doc, "goals")
    gb.heading(doc, 1, "三、主要任务")
    gb.tag(doc, "for task in tasks")
    gb.heading(doc, 2, "{{ task.heading }}")
    gb.paragraph(doc, "{{ task.text }}", first_chars=2)
    gb.tag(doc, "endfor")
    gb.heading(doc, 1, "四、实施步骤")
    gb.tag(doc, "for step in steps")
    gb.heading(doc, 2, "{{ step.heading }}")
    gb.paragraph(doc, "{{ step.text }}", first_chars=2)
    gb.tag(doc, "endfor")
    gb.heading(doc, 1, "五、保障措施")
    _leadership(doc)
    gb.heading(doc, 2, "（二）压实工作责任")
    gb.paragraph(doc, "{{ responsibility }}", first_chars=2)
    gb.heading(doc, 2, "（三）严格考核问责")
    gb.paragraph(doc, "{{ assessment }}", first_chars=2)
    gb.annex_line(doc, "任务分解表")
    gb.signoff(doc)
    gb.landscape_section(doc)
    gb.annex_heading(doc, text="任务分解表")
    _row_loop(doc, BREAKDOWN_COLUMNS, ["序号", "任务", "牵头领导", "完成时限", "完成情况"], "for row in breakdown",
              ["{{ row.no }}", "{{ row.task }}", "{{ row.lead }}", "{{ row.deadline }}", ""], centre=(0, 2, 3),
              style="List Text")


def _scoring(doc: DocumentObject) -> None:
    gb.title_from(doc, "title")
    gb.paragraph(doc, "考核对象：{{ unit }}领导班子和班子成员", first_chars=2)
    _optional(doc, "methods", "考核方式：{{ methods }}")
    _row_loop(doc, [12, 26, 50, 14, 38, 16], ["序号", "考核项目", "考核内容", "分值", "评分标准", "得分"],
              "for row in rows",
              ["{{ row.no }}", "{{ row.title }}", "{{ row.text }}", "{{ row.points }}", "{{ row.deduction }}", ""],
              centre=(0, 3, 5))
    _optional(doc, "vetoes", "一票否决：{{ vetoes }}")
    _optional(doc, "bands", "等次划分：{{ bands }}")
    gb.paragraph(doc, "依据：{{ basis }}", first_chars=2)
    doc.add_paragraph()
    gb.paragraph(doc, "考核组成员（签字）：", first_chars=0, jc="left")
    gb.paragraph(doc, "考核日期：{{ blank_date }}", first_chars=0, jc="left")


def _evaluation(doc: DocumentObject) -> None:
    gb.title_from(doc, "title")
    gb.paragraph(doc, "测评等次及计分：{{ tiers }}", first_chars=2)
    _optional(doc, "rule", "{{ rule }}")
    _row_loop(doc, [12, 40, 38, 66], ["序号", "测评对象", "职务", "测评等次"], "for row in rows",
              ["{{ row.no }}", "{{ row.name }}", "{{ row.title }}", "{{ row.boxes }}"], centre=(0,))
    gb.paragraph(doc, "填表说明：在所选等次前的“□”内划“√”，每个测评对象只选一个等次；本表不署名。", first_chars=2)
    gb.paragraph(doc, "依据：{{ basis }}", first_chars=2)
    gb.paragraph(doc, "测评日期：{{ blank_date }}", first_chars=0, jc="left")


def _problems(doc: DocumentObject) -> None:
    gb.title_from(doc, "title")
    gb.paragraph(doc, "汇总日常检查、考核结果、述职查摆和领导点评中发现的问题，逐项明确整改措施、责任人和时限，"
                      "作为年度整改重点，整改到位后对账销号。", first_chars=2)
    _row_loop(doc, [12, 22, 38, 36, 18, 16, 14], ["序号", "问题来源", "问题表现", "整改措施", "责任人", "整改时限", "完成情况"],
              "for row in rows",
              ["{{ row.no }}", "", "", "", "{{ row.person }}", "", ""], centre=(0,))
    gb.paragraph(doc, "问题来源填写：日常检查、考核结果、述职查摆、领导点评或群众反映。", first_chars=2)
    gb.signoff(doc)


def _pledges(doc: DocumentObject) -> None:
    gb.title_from(doc, "title")
    gb.paragraph(doc, "结合责任清单和问题清单，把具体事项量化为可以检查的承诺，明确完成时限，年底对照兑现。",
                 first_chars=2)
    _row_loop(doc, [12, 20, 48, 28, 26, 22], ["序号", "承诺人", "承诺事项", "量化标准", "完成时限", "兑现情况"],
              "for row in rows",
              ["{{ row.no }}", "{{ row.person }}", "{{ row.task }}", "{{ row.measure }}", "{{ row.deadline }}", ""],
              centre=(0,))
    gb.signoff(doc)


def _report(doc: DocumentObject) -> None:
    gb.title_from(doc, "title")
    gb.flush_left(doc, "{{ upper }}：")
    gb.paragraph(doc, "根据《党委（党组）落实全面从严治党主体责任规定》第十九条，现将{{ unit }}{{ year }}年度"
                      "落实{{ subject }}责任情况报告如下：", first_chars=2)
    gb.heading(doc, 1, "一、履行主体责任情况")
    gb.tag(doc, "for part in parts")
    gb.heading(doc, 2, "{{ part.heading }}")
    _third_level(doc, "part.lines")
    gb.paragraph(doc, "（逐项写明完成情况、取得的成效和佐证材料。）", first_chars=2)
    gb.tag(doc, "endfor")
    gb.heading(doc, 1, "二、定期工作完成情况")
    _row_loop(doc, [12, 60, 24, 30, 30], ["序号", "事项", "责任人", "时限", "完成情况"], "for row in recurring",
              ["{{ row.no }}", "{{ row.task }}", "{{ row.person }}", "{{ row.deadline }}", ""], centre=(0,))
    gb.heading(doc, 1, "三、存在的主要问题及原因")
    gb.paragraph(doc, "（对照问题清单和考核、巡察、监督检查反馈的问题，写明问题表现和原因。）", first_chars=2)
    gb.heading(doc, 1, "四、下一步工作打算")
    gb.paragraph(doc, "（针对存在的问题提出整改措施，写明下一年度工作安排。）", first_chars=2)
    gb.signoff(doc)


# template file name → builder; the title in core properties is the name without ".docx"
TEMPLATES: dict[str, Callable[[DocumentObject], None]] = {
    "责任清单.docx": _duty_list,
    "责任书.docx": _letter,
    "廉政承诺书.docx": _pledge,
    "实施方案.docx": _plan,
    "考核评分表.docx": _scoring,
    "民主测评表.docx": _evaluation,
    "问题清单.docx": _problems,
    "承诺清单.docx": _pledges,
    "履责情况报告提纲.docx": _report,
}


def build_template(name: str) -> bytes:
    doc = gb.new_document()
    TEMPLATES[name](doc)
    gb.set_core_properties(doc, name.removesuffix(".docx"))
    return gb.document_bytes(doc)
