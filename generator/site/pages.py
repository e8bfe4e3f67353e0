"""Markdown pages made from the knowledge base: one function per kind of page.

Every record gets a stable address built from its id (a page for each duty and scheme, an
anchor for the others), so links from outside the site keep working as content grows.
"""

import html
import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel

from ..compile.plan import in_words, unit_words
from ..compile.schedule import describe, due_dates
from ..load.content import KnowledgeBase
from ..load.schema import Canonical, Duty, Scheme
from ..vocabulary import (
    COLLECTION_LABELS,
    HOLDER_ROLES,
    LEVEL_LABELS,
    LEVELS,
    ROLE_LABELS,
    SEVERITIES,
    SOURCE_KIND_LABELS,
)
from ..wording import cn_date


@dataclass
class SitePages:
    pages: dict[str, str] = field(default_factory=dict)  # docs-relative path → markdown
    nav: list = field(default_factory=list)              # mkdocs `nav`, built alongside


def esc(text: str) -> str:
    """Content text as inert markdown: no accidental emphasis, links, tables or HTML."""
    text = html.escape(text, quote=False)
    for char in "\\`*_[]|#":
        text = text.replace(char, "\\" + char)
    return text


def link(here: str, target: str, text: str, anchor: str | None = None) -> str:
    href = posixpath.relpath(target, posixpath.dirname(here) or ".")
    return f"[{esc(text)}]({href}{'#' + anchor if anchor else ''})"


def record_address(collection: str, record: BaseModel) -> tuple[str, str | None]:
    """(page, anchor) where a record lives on the site."""
    if collection == "duties":
        return f"duties/{record.id}.md", None
    if collection == "schemes":
        return f"assessment/{record.id}.md", None
    if collection == "risks":
        return f"risks/{record.area}.md", record.id
    page = {"cases": "accountability/cases.md", "forms": "accountability/forms.md",
            "rules": "accountability/rules.md", "mechanisms": "mechanisms.md", "terms": "glossary.md"}[collection]
    return page, record.id


def record_title(collection: str, record: BaseModel) -> str:
    for name in ("title", "name", "term"):
        if hasattr(record, name):
            return getattr(record, name)
    raise AssertionError(collection)


def link_record(here: str, collection: str, record: BaseModel) -> str:
    page, anchor = record_address(collection, record)
    return link(here, page, record_title(collection, record), anchor)


def citation_label(kb: KnowledgeBase, citation: str) -> str:
    source_id, section_id = citation.split("/", 1)
    source = kb.sources[source_id]
    section = next(s for s in source.sections if s.id == section_id)
    return f"{source.short} · {section.title}"


def cite(here: str, kb: KnowledgeBase, citation: str) -> str:
    source_id, section_id = citation.split("/", 1)
    return link(here, f"sources/{source_id}.md", citation_label(kb, citation), section_anchor(section_id))


def section_anchor(section_id: str) -> str:
    return "s-" + section_id


def cites(here: str, kb: KnowledgeBase, citations: list[str]) -> str:
    return "；".join(cite(here, kb, c) for c in citations)


def bullet_list(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items) + "\n" if items else ""


def field_table(rows: list[tuple[str, str]]) -> str:
    lines = ["| 项目 | 内容 |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows if value]
    return "\n".join(lines) + "\n"


def frequency_text(duty: Duty | Canonical) -> str:
    return describe(duty.frequency) if duty.frequency else "无固定频次"


def duty_line(here: str, duty: Duty | Canonical) -> str:
    title = canonical_text(duty).title if isinstance(duty, Canonical) else duty.title
    return f"{link(here, f'duties/{duty.id}.md', title)}（{frequency_text(duty)}）"


# --- duties -----------------------------------------------------------------------------------------

def duty_page(kb: KnowledgeBase, duty: Duty, punished_by: list, mechanisms: list, home: list[Canonical]) -> str:
    here = f"duties/{duty.id}.md"
    rows = [
        ("编号", f"`{duty.id}`"),
        ("层级", "、".join(link(here, f"levels/{level}.md", LEVEL_LABELS[level]) for level in duty.levels)),
        ("责任主体", link(here, f"roles/{duty.role}.md", ROLE_LABELS[duty.role]) if duty.role in HOLDER_ROLES
         else ROLE_LABELS[duty.role]),
        ("具体主体", esc(duty.subject or "")),
        ("适用范围", esc(f"仅适用于{duty.scope}" if duty.scope else "")),
        ("类别", esc(duty.category)),
        ("领域", esc(duty.domain)),
        ("频次", esc(frequency_text(duty))),
        ("分管领域", "、".join(link(here, f"risks/{a}.md", kb.areas[a].name) for a in duty.areas)),
        ("工作措施", "；".join(map(esc, duty.measures))),
        ("佐证材料", "、".join(map(esc, duty.evidence))),
        ("依据", cites(here, kb, duty.sources)),
        ("标签", "、".join(map(esc, duty.tags))),
    ]
    parts = [f"# {esc(duty.title)}\n", f"{esc(duty.text)}\n", field_table(rows)]
    if home:
        parts.append("**各单位清单中的对应事项：** "
                     + "；".join(link(here, f"duties/{c.id}.md", f"{canonical_text(c).title}（{LEVEL_LABELS[c.level]}）")
                                for c in home) + "\n")
    if punished_by:
        parts.append("**未履行时可能被追责的情形：** "
                     + "；".join(link_record(here, "cases", c) for c in punished_by) + "\n")
    if mechanisms:
        parts.append("**相关工作机制：** " + "；".join(link_record(here, "mechanisms", m) for m in mechanisms) + "\n")
    return "\n".join(parts)


def canonical_text(duty: Canonical) -> Canonical:
    """A canonical duty in its level's usual words (乡镇, 村, 党组 …), as the site shows it."""
    return in_words(duty, unit_words(duty.level, ""))


def local_rhythms(kb: KnowledgeBase, duty: Canonical) -> list[str]:
    """Rhythms of consolidated records that differ from the duty's own: noted, never a second entry."""
    notes = []
    for record in (kb.duties[r] for r in duty.consolidates):
        if record.frequency and record.frequency != duty.frequency:
            source = kb.sources[record.sources[0].split("/", 1)[0]]
            notes.append(f"{source.short}：{describe(record.frequency)}")
    return list(dict.fromkeys(notes))


def canonical_page(kb: KnowledgeBase, duty: Canonical, punished_by: list) -> str:
    here = f"duties/{duty.id}.md"
    shown = canonical_text(duty)
    variants = local_rhythms(kb, duty)
    rows = [
        ("层级", link(here, f"levels/{duty.level}.md", LEVEL_LABELS[duty.level])),
        ("责任主体", link(here, f"roles/{duty.role}.md", ROLE_LABELS[duty.role])),
        ("类别", esc(duty.category)),
        ("领域", esc(duty.domain)),
        ("频次", esc(frequency_text(duty))),
        ("各地不同的频次", esc("；".join(variants))),
        ("分管领域", "、".join(link(here, f"risks/{a}.md", kb.areas[a].name) for a in duty.areas)),
        ("牵头", esc(f"分管{kb.areas[duty.lead].name}的班子成员" if duty.lead else "")),
        ("工作措施", "；".join(map(esc, shown.measures))),
        ("佐证材料", "、".join(map(esc, shown.evidence))),
        ("依据", cites(here, kb, kb.basis(duty))),
    ]
    parts = [f"# {esc(shown.title)}\n", f"{esc(shown.text)}\n", field_table(rows)]
    if punished_by:
        parts.append("**未履行时可能被追责的情形：** "
                     + "；".join(link_record(here, "cases", c) for c in punished_by) + "\n")
    parts.append("## 各依据文件的原文要点 {#sources}\n")
    parts.append(bullet_list([f"{link(here, f'duties/{r.id}.md', r.title)}：{esc(r.text)}（{cites(here, kb, r.sources)}）"
                              for r in (kb.duties[i] for i in duty.consolidates)]))
    return "\n".join(parts)


def duty_pages(kb: KnowledgeBase, out: SitePages) -> None:
    punished: dict[str, list] = defaultdict(list)
    for case in kb.cases.values():
        for duty_id in case.duties:
            punished[duty_id].append(case)
    created: dict[str, list] = defaultdict(list)
    for mechanism in kb.mechanisms.values():
        for duty_id in mechanism.duties:
            created[duty_id].append(mechanism)
    homes = kb.consolidated_by()
    for duty in kb.duties.values():
        home = [c for level in duty.levels for c in homes.get((duty.id, level), [])]
        out.pages[f"duties/{duty.id}.md"] = duty_page(kb, duty, punished[duty.id], created[duty.id], home)
    for duty in kb.canonical.values():
        cases = list({c.id: c for r in duty.consolidates for c in punished[r]}.values())
        out.pages[f"duties/{duty.id}.md"] = canonical_page(kb, duty, cases)


def _grouped_pages(kb: KnowledgeBase, out: SitePages, *, folder: str, outer: tuple, inner: tuple,
                   labels: tuple[dict, dict], nav: str, intro: str, holds) -> None:
    """One page per `outer` key (a role or a level) listing its duties grouped by the `inner` key."""
    outer_labels, inner_labels = labels
    entries = [{"总览": f"{folder}/index.md"}]
    index = [f"# {nav}查看\n", f"{intro}\n"]
    for key in outer:
        here = f"{folder}/{key}.md"
        duties = [d for d in kb.canonical.values() if holds(d, key)]
        parts = [f"# {outer_labels[key]}\n", f"共 {len(duties)} 项责任事项。\n"]
        for sub in inner:
            chosen = [d for d in duties if holds(d, sub)]
            if chosen:
                parts.append(f"## {inner_labels[sub]} {{#{sub}}}\n")
                parts.append(bullet_list([duty_line(here, d) for d in chosen]))
        out.pages[here] = "\n".join(parts)
        entries.append({outer_labels[key]: here})
        index.append(f"- {link(f'{folder}/index.md', here, outer_labels[key])}：{len(duties)} 项")
    out.pages[f"{folder}/index.md"] = "\n".join(index) + "\n"
    out.nav.append({nav: entries})


def _holds(duty: Canonical, key: str) -> bool:
    """Whether a duty belongs under a role or level key (the two vocabularies share no key)."""
    return duty.role == key or duty.level == key


def role_pages(kb: KnowledgeBase, out: SitePages) -> None:
    _grouped_pages(kb, out, folder="roles", outer=HOLDER_ROLES, inner=LEVELS, labels=(ROLE_LABELS, LEVEL_LABELS),
                   nav="按责任主体", intro="每个责任主体在各层级承担的责任事项（各单位清单所用的标准责任事项）。", holds=_holds)


def level_pages(kb: KnowledgeBase, out: SitePages) -> None:
    _grouped_pages(kb, out, folder="levels", outer=LEVELS, inner=HOLDER_ROLES, labels=(LEVEL_LABELS, ROLE_LABELS),
                   nav="按层级", intro="县、部门、乡镇、村各层级的责任事项，按责任主体列出。", holds=_holds)


# --- accountability ---------------------------------------------------------------------------------

def grouped(records, key) -> dict[str, list]:
    groups: dict[str, list] = defaultdict(list)
    for record in records:
        groups[key(record)].append(record)
    return groups


def accountability_pages(kb: KnowledgeBase, out: SitePages) -> None:
    here = "accountability/cases.md"
    parts = ["# 追责情形\n", "各文件规定的应当追究责任的情形，以及每种情形对应的、被疏于履行的责任事项。\n"]
    for group, cases in grouped(kb.cases.values(), lambda c: c.group).items():
        parts.append(f"## {esc(group)}\n")
        for case in cases:
            parts.append(f"### {esc(case.title)} {{#{case.id}}}\n")
            parts.append(f"{esc(case.text)}\n")
            duties = [kb.duties[d] for d in case.duties]
            if duties:
                parts.append("对应的责任事项：\n\n" + bullet_list([duty_line(here, d) for d in duties]))
            parts.append(f"依据：{cites(here, kb, case.sources)}\n")
    out.pages[here] = "\n".join(parts)

    here = "accountability/forms.md"
    parts = ["# 问责方式\n", "按情节轻重和适用对象列出的问责、处理方式。\n"]
    for group, forms in grouped(kb.forms.values(), lambda f: f.group).items():
        parts.append(f"## {esc(group)}\n")
        for form in forms:
            severity = f"（情节{form.severity}）" if form.severity else ""
            parts.append(f"### {esc(form.name)}{severity} {{#{form.id}}}\n")
            parts.append(f"类型：{esc(form.kind)}\n")
            if form.text:
                parts.append(f"{esc(form.text)}\n")
            parts.append(f"依据：{cites(here, kb, form.sources)}\n")
    out.pages[here] = "\n".join(parts)

    here = "accountability/rules.md"
    parts = ["# 认定与追究规则\n", "一案双查、尽职免责、集体责任与个人责任、主要与重要领导责任等认定规则。"
             "中央规定有变化的，分别列出并注明日期。\n"]
    for rule in kb.rules.values():
        parts.append(f"### {esc(rule.title)} {{#{rule.id}}}\n")
        parts.append(f"{esc(rule.text)}\n")
        if rule.effective:
            parts.append(f"施行日期：{cn_date(rule.effective)}\n")
        if rule.superseded_by:
            parts.append(f"已被 {link_record(here, 'rules', kb.rules[rule.superseded_by])} 取代。\n")
        parts.append(f"依据：{cites(here, kb, rule.sources)}\n")
    out.pages[here] = "\n".join(parts)

    here = "accountability/index.md"
    parts = ["# 责任追究\n",
             f"- {link(here, 'accountability/cases.md', '追责情形')}：{len(kb.cases)} 种，每种链接到它所追究的责任事项",
             f"- {link(here, 'accountability/forms.md', '问责方式')}：{len(kb.forms)} 种",
             f"- {link(here, 'accountability/rules.md', '认定与追究规则')}：{len(kb.rules)} 条\n",
             "## 问责方式按情节轻重 {#severity}\n"]
    by_severity = grouped([f for f in kb.forms.values() if f.severity], lambda f: f.severity)
    parts.append("| 情节 | 问责方式 |\n|---|---|")
    parts += [f"| {s} | {'、'.join(link_record(here, 'forms', f) for f in by_severity[s])} |"
              for s in SEVERITIES if by_severity.get(s)]
    parts.append("\n## 重要规则 {#key-rules}\n")
    parts.append(bullet_list([link_record(here, "rules", r) for r in kb.rules.values()]))
    out.pages[here] = "\n".join(parts)
    out.nav.append({"责任追究": [{"总览": "accountability/index.md"}, {"追责情形": "accountability/cases.md"},
                             {"问责方式": "accountability/forms.md"}, {"认定与追究规则": "accountability/rules.md"}]})


# --- assessment -------------------------------------------------------------------------------------

def points_text(points: float | None) -> str:
    if points is None:
        return ""
    return f"{points:g} 分"


def scheme_page(kb: KnowledgeBase, scheme: Scheme) -> str:
    here = f"assessment/{scheme.id}.md"
    parts = [f"# {esc(scheme.title)}\n", field_table([
        ("考核对象", esc(scheme.subject)),
        ("适用层级", "、".join(link(here, f"levels/{lv}.md", LEVEL_LABELS[lv]) for lv in scheme.levels)),
        ("目的", esc(scheme.purpose or "")),
        ("依据", cites(here, kb, scheme.sources)),
    ])]
    for heading, anchor, items in (("考核原则", "principles", scheme.principles),
                                   ("考核内容", "content", scheme.content),
                                   ("考核方法", "methods", scheme.methods)):
        if items:
            parts.append(f"## {heading} {{#{anchor}}}\n\n" + bullet_list(list(map(esc, items))))
    if scheme.items:
        total = sum(i.points or 0 for i in scheme.items)
        parts.append("## 考核项目与分值 {#items}\n")
        if total:
            parts.append(f"合计 {total:g} 分。\n")
        parts.append("| 类别 | 项目 | 分值 | 内容与扣分办法 |\n|---|---|---|---|")
        parts += [f"| {esc(i.category or '')} | {esc(i.title)} | {points_text(i.points)} | "
                  f"{esc('；'.join(t for t in (i.text, i.deduction) if t))} |" for i in scheme.items]
        parts.append("")
    if scheme.vetoes:
        parts.append("## 一票否决 {#vetoes}\n\n有下列情形之一的，考核实行一票否决：\n\n" + bullet_list(list(map(esc, scheme.vetoes))))
    if scheme.bands:
        parts.append("## 考核等次 {#bands}\n\n| 等次 | 分数 |\n|---|---|")
        parts += [f"| {esc(b.grade)} | {b.min:g} 分" + (f"至 {b.max:g} 分 |" if b.max is not None else "及以上 |")
                  for b in scheme.bands]
        parts.append("")
    if scheme.evaluation:
        evaluation = scheme.evaluation
        parts.append("## 民主测评 {#evaluation}\n\n| 测评等次 | 折算分 |\n|---|---|")
        parts += [f"| {esc(t.grade)} | {t.score:g} |" for t in evaluation.tiers]
        parts.append("")
        if evaluation.bad_vote_ratio:
            grade = evaluation.bad_grade or "差"
            parts.append(f"“{esc(grade)}”票达到 {evaluation.bad_vote_ratio:.0%} 及以上的，测评等次直接确定为“{esc(grade)}”。\n")
        if evaluation.text:
            parts.append(f"{esc(evaluation.text)}\n")
    if scheme.results_use:
        parts.append("## 结果运用 {#results}\n\n" + bullet_list(list(map(esc, scheme.results_use))))
    return "\n".join(parts)


def assessment_pages(kb: KnowledgeBase, out: SitePages) -> None:
    entries = [{"总览": "assessment/index.md"}]
    index = ["# 考核评价\n", "各地考核办法：考核内容、分值（百分制）、一票否决、等次划分和民主测评规则。\n"]
    for scheme in kb.schemes.values():
        here = f"assessment/{scheme.id}.md"
        out.pages[here] = scheme_page(kb, scheme)
        entries.append({scheme.title: here})
        index.append(f"- {link('assessment/index.md', here, scheme.title)}：{esc(scheme.subject)}")
    out.pages["assessment/index.md"] = "\n".join(index) + "\n"
    out.nav.append({"考核评价": entries})


# --- mechanisms, risks ------------------------------------------------------------------------------

def mechanisms_page(kb: KnowledgeBase, out: SitePages) -> None:
    here = "mechanisms.md"
    parts = ["# 工作机制\n", "落实责任制的工作机制，按类别列出，每项链接到它所产生的责任事项。\n"]
    for category, mechanisms in grouped(kb.mechanisms.values(), lambda m: m.category).items():
        parts.append(f"## {esc(category)}\n")
        for mechanism in mechanisms:
            parts.append(f"### {esc(mechanism.name)} {{#{mechanism.id}}}\n")
            parts.append(f"{esc(mechanism.text)}\n")
            if mechanism.frequency:
                parts.append(f"频次：{esc(describe(mechanism.frequency))}\n")
            if mechanism.levels:
                parts.append("适用层级：" + "、".join(LEVEL_LABELS[lv] for lv in mechanism.levels) + "\n")
            parts.append(bullet_list([f"**{esc(p.title)}**：{esc(p.text)}" for p in mechanism.points]))
            duties = [kb.duties[d] for d in mechanism.duties]
            if duties:
                parts.append("产生的责任事项：" + "；".join(duty_line(here, d) for d in duties) + "\n")
            parts.append(f"依据：{cites(here, kb, mechanism.sources)}\n")
    out.pages[here] = "\n".join(parts)
    out.nav.append({"工作机制": here})


def risk_pages(kb: KnowledgeBase, out: SitePages) -> None:
    entries = [{"总览": "risks/index.md"}]
    index = ["# 廉政风险点\n", "按分管领域列出的廉政风险点和防控措施。单位档案中班子成员的“分管”按下列名称或别名匹配。\n",
             "| 分管领域 | 也可写作 | 风险点 |\n|---|---|---|"]
    for area in kb.areas.values():
        here = f"risks/{area.id}.md"
        risks = [r for r in kb.risks.values() if r.area == area.id]
        parts = [f"# {esc(area.name)}\n"]
        if area.aliases:
            parts.append(f"分管名称也可写作：{esc('、'.join(area.aliases))}\n")
        parts.append("## 风险点与防控措施 {#risks}\n")
        for risk in risks:
            parts.append(f"### {esc(risk.title)} {{#{risk.id}}}\n")
            parts.append(f"{esc(risk.text)}\n")
            if risk.levels:
                parts.append("层级：" + "、".join(LEVEL_LABELS[lv] for lv in risk.levels) + "\n")
            if risk.posts:
                parts.append(f"重点岗位：{esc('、'.join(risk.posts))}\n")
            parts.append("防控措施：\n\n" + bullet_list(list(map(esc, risk.measures))))
            parts.append(f"依据：{cites(here, kb, risk.sources)}\n")
        duties = [d for d in kb.duties.values() if area.id in d.areas]
        if duties:
            parts.append("## 分管该领域的班子成员责任 {#duties}\n")
            parts.append(bullet_list([duty_line(here, d) for d in duties]))
        out.pages[here] = "\n".join(parts)
        entries.append({area.name: here})
        index.append(f"| {link('risks/index.md', here, area.name)} | {esc('、'.join(area.aliases))} | {len(risks)} |")
    out.pages["risks/index.md"] = "\n".join(index) + "\n"
    out.nav.append({"廉政风险点": entries})


# --- calendar, glossary, sources --------------------------------------------------------------------

def calendar_page(kb: KnowledgeBase, out: SitePages, year: int) -> None:
    here = "calendar.md"
    recurring = [d for d in kb.canonical.values() if d.frequency]
    monthly = [d for d in recurring if d.frequency.per == "month"]
    by_month: dict[int, list[tuple[date, Canonical]]] = defaultdict(list)
    for duty in recurring:
        if duty.frequency.per != "month":
            for due in due_dates(duty.frequency, year):
                by_month[due.month].append((due, duty))
    parts = ["# 年度工作日历\n",
             f"有固定频次的责任事项按月排列（以 {year} 年为例，日期为最迟完成时间）。"
             "各单位的日历随文书包生成（年度工作日历 .ics）。\n"]

    def row(due: str, duty: Canonical) -> str:
        return (f"| {due} | {link(here, f'duties/{duty.id}.md', canonical_text(duty).title)} | "
                f"{ROLE_LABELS[duty.role]} | {LEVEL_LABELS[duty.level]} | {esc(frequency_text(duty))} |")

    header = "| 时间 | 事项 | 责任主体 | 层级 | 频次 |\n|---|---|---|---|---|"
    if monthly:
        parts += ["## 每月 {#monthly}\n", header, *(row("每月", d) for d in monthly), ""]
    for month in range(1, 13):
        entries = sorted(by_month[month], key=lambda e: (e[0], e[1].id))
        if entries:
            parts += [f"## {month}月 {{#m{month}}}\n", header,
                      *(row(f"{due.month}月{due.day}日前", d) for due, d in entries), ""]
    out.pages[here] = "\n".join(parts)
    out.nav.append({"年度工作日历": here})


def glossary_page(kb: KnowledgeBase, out: SitePages) -> None:
    here = "glossary.md"
    parts = ["# 术语\n", "责任制中的固定提法和简称，每条附定义、出处和用到它的地方。\n"]
    if not kb.terms:
        parts.append("术语正在整理中。\n")
    records = {r.id: (c, r) for c, r in kb.cited_records()}
    term_uses = kb.term_uses()
    for term in sorted(kb.terms.values(), key=lambda t: t.term):
        parts.append(f"## {esc(term.term)} {{#{term.id}}}\n")
        if term.aliases:
            parts.append(f"又称：{esc('、'.join(term.aliases))}\n")
        parts.append(f"{esc(term.definition)}\n")
        if term.related:
            parts.append("相关术语：" + "、".join(link_record(here, "terms", kb.terms[r]) for r in term.related) + "\n")
        parts.append(f"出处：{cites(here, kb, term.sources)}\n")
        uses = [records[rid] for rid in term_uses[term.id]]
        if uses:
            parts.append("用到的地方：\n\n" + bullet_list([f"{COLLECTION_LABELS[c]}：{link_record(here, c, r)}" for c, r in uses]))
    out.pages[here] = "\n".join(parts)
    out.nav.append({"术语": here})


def source_pages(kb: KnowledgeBase, out: SitePages) -> None:
    cited: dict[tuple[str, str], list[tuple[str, BaseModel]]] = defaultdict(list)
    for collection, record in kb.cited_records():
        for citation in record.sources:
            source_id, section_id = citation.split("/", 1)
            cited[(source_id, section_id)].append((collection, record))
    entries = [{"总览": "sources/index.md"}]
    index = ["# 依据文件\n", "每份依据文件及其各章节被哪些条目引用。中央党内法规有变化的，以施行日期在后者为准。\n",
             "| 文件 | 发布机关 | 时间 | 性质 |\n|---|---|---|---|"]
    for source in kb.sources.values():
        here = f"sources/{source.id}.md"
        when = cn_date(source.date) if source.date else (f"{source.year}年" if source.year else "")
        parts = [f"# {esc(source.title)}\n", field_table([
            ("简称", esc(source.short)), ("发布机关", esc(source.issuer or "")), ("时间", when),
            ("性质", SOURCE_KIND_LABELS[source.kind]), ("说明", esc(source.note or "")),
        ])]
        for section in source.sections:
            parts.append(f"## {esc(section.title)} {{#{section_anchor(section.id)}}}\n")
            records = cited.get((source.id, section.id), [])
            parts.append(bullet_list([f"{COLLECTION_LABELS[c]}：{link_record(here, c, r)}" for c, r in records])
                         or "（暂无条目引用本节）\n")
        out.pages[here] = "\n".join(parts)
        entries.append({source.short: here})
        index.append(f"| {link('sources/index.md', here, source.title)} | {esc(source.issuer or '')} | {when} | "
                     f"{SOURCE_KIND_LABELS[source.kind]} |")
    out.pages["sources/index.md"] = "\n".join(index) + "\n"
    out.nav.append({"依据文件": entries})


def downloads_page(out: SitePages, files: list[str]) -> None:
    here = "downloads.md"
    parts = ["# 空白模板下载\n"]
    if files:
        parts.append("下列空白模板可直接下载，用 Word、WPS 或 Excel 打开填写：\n")
        parts.append(bullet_list([link(here, f"downloads/{name}", name) for name in files]))
    else:
        parts.append("空白模板（责任清单、责任书、廉政承诺书、实施方案、工作台账等）由命令 `zerentian templates` 生成，"
                     "生成网站时一并放入本页即可下载。按单位填好的文书请用 `zerentian pack 单位档案.yaml` 生成，"
                     f"见{link(here, 'guide.md', '单位档案与文书包')}。\n")
    out.pages[here] = "\n".join(parts)


def checklist_page(out: SitePages) -> None:
    """The builder's shell; assets/checklist.js fills it from the data export."""
    out.pages["checklist.md"] = """# 责任清单生成器

选择层级和责任，一岗双责再选分管领域，即得适用的责任事项、频次、佐证材料和依据，可直接打印（A4）。
选择会记在网址中，复制网址即可分享。

<div id="zt-checklist" class="zt-checklist" markdown="0">
<noscript>此页需要浏览器启用 JavaScript。</noscript>
</div>

<script src="assets/zerentian/checklist-data.js"></script>
<script src="assets/zerentian/checklist.js"></script>
"""


def site_pages(kb: KnowledgeBase, year: int, downloads: list[str]) -> SitePages:
    """Every generated page and the navigation; hand-written pages (docs/) are added by build.py."""
    out = SitePages(nav=[{"首页": "index.md"}, {"责任清单生成器": "checklist.md"}])
    checklist_page(out)
    duty_pages(kb, out)
    role_pages(kb, out)
    level_pages(kb, out)
    accountability_pages(kb, out)
    assessment_pages(kb, out)
    mechanisms_page(kb, out)
    risk_pages(kb, out)
    calendar_page(kb, out, year)
    glossary_page(kb, out)
    source_pages(kb, out)
    downloads_page(out, downloads)
    out.nav += [{"单位档案与文书包": "guide.md"}, {"空白模板下载": "downloads.md"}]
    return out
