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

from ..compile.catalog import canonical_text, grouped
from ..compile.plan import cases_for, deadline, select_duties
from ..compile.schedule import describe, due_dates
from ..load.content import KnowledgeBase
from ..load.schema import Canonical, Duty, Scheme
from ..vocabulary import (
    COLLECTION_LABELS,
    DOMAINS,
    HOLDER_ROLES,
    LEVEL_LABELS,
    LEVELS,
    LIST_ROLES,
    READERS,
    ROLE_LABELS,
    SEVERITIES,
    SOURCE_KIND_LABELS,
    SOURCE_STANDING,
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


def page_link(here: str, target: str, text: str, fragment: str) -> str:
    """A link whose fragment is not an anchor but a page's state (`#level=…&role=…` of the builder and 本月):
    written as HTML, because mkdocs would check it as a heading anchor."""
    href = posixpath.relpath(target, posixpath.dirname(here) or ".").removesuffix(".md") + ".html"
    return f'<a href="{html.escape(href)}#{html.escape(fragment)}">{html.escape(text)}</a>'


def list_fragment(level: str, role: str) -> str:
    return f"level={level}&role={role}"


def link_record(here: str, collection: str, record: BaseModel) -> str:
    page, anchor = record_address(collection, record)
    return link(here, page, record_title(collection, record), anchor)


def citation_label(kb: KnowledgeBase, citation: str) -> str:
    """How a citation reads: reference material (lectures, model essays) says that it is one."""
    source_id, section_id = citation.split("/", 1)
    source = kb.sources[source_id]
    section = next(s for s in source.sections if s.id == section_id)
    standing = f"（{SOURCE_KIND_LABELS['reference']}）" if source.kind == "reference" else ""
    return f"{source.short} · {section.title}{standing}"


def cite(here: str, kb: KnowledgeBase, citation: str) -> str:
    source_id, section_id = citation.split("/", 1)
    return link(here, f"sources/{source_id}.md", citation_label(kb, citation), section_anchor(section_id))


def section_anchor(section_id: str) -> str:
    return "s-" + section_id


def cites(here: str, kb: KnowledgeBase, citations: list[str]) -> str:
    return "；".join(cite(here, kb, c) for c in citations)


def bullet_list(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items) + "\n" if items else ""


def label(text: str) -> str:
    """A table heading or field name: shown, but kept out of the search index, so that excerpts
    in search results show what a page says, not the names of its fields."""
    return f'<span data-search-exclude>{text}</span>'


def table_head(*names: str) -> str:
    return "| " + " | ".join(map(label, names)) + " |\n|" + "---|" * len(names)


# Fields every duty page has, in the same few words (乡镇(街道)党委, 领导班子集体责任 …): searching them finds
# hundreds of pages alike, so they stay out of the search index.
UNSEARCHED_FIELDS = {"层级", "责任主体", "领域"}


def field_table(rows: list[tuple[str, str]]) -> str:
    lines = [table_head("项目", "内容")]
    lines += [f"| {label(name)} | {label(value) if name in UNSEARCHED_FIELDS else value} |" for name, value in rows if value]
    return "\n".join(lines) + "\n"


def menu(kind: str) -> str:
    """Front matter choosing a duty page's menu (overrides/main.html): `short` or `none`."""
    return f"---\nmenu: {kind}\n---\n\n"


def frequency_text(duty: Duty | Canonical) -> str:
    return describe(duty.frequency) if duty.frequency else "无固定频次"


def duty_line(here: str, duty: Duty | Canonical) -> str:
    title = canonical_text(duty).title if isinstance(duty, Canonical) else duty.title
    return f"{link(here, f'duties/{duty.id}.md', title)}（{frequency_text(duty)}）"


# --- duties -----------------------------------------------------------------------------------------

def duty_page(kb: KnowledgeBase, duty: Duty, punished_by: list, mechanisms: list, home: list[Canonical]) -> str:
    here = f"duties/{duty.id}.md"
    rows = [
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
    parts = [menu("none") + f"# {esc(duty.title)}\n", f"{esc(duty.text)}\n", field_table(rows)]
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


def list_duties(kb: KnowledgeBase, level: str, role: str, areas: list[str] = (),
                domains: list[str] = DOMAINS) -> list[Canonical]:
    """The duties of one choice of the checklist builder (a list role may hold several holder roles: 书记)."""
    return [d for holder in LIST_ROLES[role][1] for d in select_duties(kb, level, holder, areas, domains)]


def local_rhythms(kb: KnowledgeBase, duty: Canonical) -> list[str]:
    """Rhythms of consolidated records that differ from the duty's own: noted, never a second entry."""
    notes = []
    for record in (kb.duties[r] for r in duty.consolidates):
        if record.frequency and record.frequency != duty.frequency:
            source = kb.source_of(record)
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
    parts = [menu("short") + f"# {esc(shown.title)}\n", f"{esc(shown.text)}\n", field_table(rows)]
    if punished_by:
        parts.append("**未履行时可能被追责的情形：** "
                     + "；".join(link_record(here, "cases", c) for c in punished_by) + "\n")
    # the records' own pages are searched for these words: here they would only double the search index
    parts.append("## 各依据文件的原文要点 {#sources data-search-exclude}\n")
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

def forms_by_severity(kb: KnowledgeBase) -> dict[str, list]:
    """Severity → the forms the sources give for it, each form (by name) once: under the lightest severity
    that names it, in the order the sources list them."""
    table: dict[str, list] = {}
    seen: set[str] = set()
    for severity in SEVERITIES:
        for form in kb.forms.values():
            if form.severity == severity and form.name not in seen:
                seen.add(form.name)
                table.setdefault(severity, []).append(form)
    return table


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
    parts.append("各文件按情节轻重规定的问责方式，每种方式只列一次，按文件所列的先后次序。\n")
    parts.append(table_head("情节", "问责方式"))
    parts += [f"| 情节{severity} | {'、'.join(link_record(here, 'forms', f) for f in forms)} |"
              for severity, forms in forms_by_severity(kb).items()]
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
    parts = [f"# {esc(scheme.title)}\n"]
    if not is_central(kb, scheme):
        parts.append(f"!!! note \"{example_label(kb, scheme)}\"\n    {esc(example_note(kb, scheme))}\n")
    parts += [field_table([
        ("考核对象", esc(scheme.subject)),
        ("适用层级", "、".join(link(here, f"levels/{lv}.md", LEVEL_LABELS[lv]) for lv in scheme.levels)),
        ("目的", esc(scheme.purpose or "")),
        ("适用范围", esc(f"仅适用于{scheme.scope}" if scheme.scope else "")),
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
        parts.append(table_head("类别", "项目", "分值", "内容与扣分办法"))
        parts += [f"| {esc(i.category or '')} | {esc(i.title)} | {points_text(i.points)} | "
                  f"{esc('；'.join(t for t in (i.text, i.deduction) if t))} |" for i in scheme.items]
        parts.append("")
    if scheme.vetoes:
        parts.append("## 一票否决 {#vetoes}\n\n有下列情形之一的，考核实行一票否决：\n\n" + bullet_list(list(map(esc, scheme.vetoes))))
    if scheme.bands:
        parts.append("## 考核等次 {#bands}\n\n" + table_head("等次", "分数"))
        parts += [f"| {esc(b.grade)} | {b.min:g} 分" + (f"至 {b.max:g} 分 |" if b.max is not None else "及以上 |")
                  for b in scheme.bands]
        parts.append("")
    if scheme.evaluation:
        evaluation = scheme.evaluation
        parts.append("## 民主测评 {#evaluation}\n\n" + table_head("测评等次", "折算分"))
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


def is_central(kb: KnowledgeBase, scheme: Scheme) -> bool:
    return kb.source_of(scheme).kind == "central"


def example_label(kb: KnowledgeBase, scheme: Scheme) -> str:
    return "外地做法示例" if kb.source_of(scheme).kind == "local" else f"{SOURCE_KIND_LABELS['reference']}示例"


def example_note(kb: KnowledgeBase, scheme: Scheme) -> str:
    source = kb.source_of(scheme)
    where = f"{source.issuer}的" if source.issuer else ""
    return (f"这是{where}考核做法（{source.short}，{SOURCE_KIND_LABELS[source.kind]}），供制定本地考核办法时参考，"
            "不是中央党内法规的规定，也不是本地的考核办法。")


def assessment_pages(kb: KnowledgeBase, out: SitePages) -> None:
    here = "assessment/index.md"
    index = ["# 考核评价\n",
             "中央党内法规规定的考核，和各地的考核办法（考核内容、分值、一票否决、等次划分、民主测评）。"
             "各地办法是做法示例，供参考。\n"]
    for scheme in kb.schemes.values():
        out.pages[f"assessment/{scheme.id}.md"] = scheme_page(kb, scheme)
    for level in LEVELS:
        schemes = sorted((s for s in kb.schemes.values() if level in s.levels or not s.levels),
                         key=lambda s: SOURCE_STANDING.index(kb.source_of(s).kind))
        if not schemes:
            continue
        index.append(f"## {LEVEL_LABELS[level]} {{#{level}}}\n")
        index.append(bullet_list([
            f"{link(here, f'assessment/{s.id}.md', s.title)}：{esc(s.subject)}"
            + ("" if is_central(kb, s) else f"（{example_label(kb, s)}：{esc(kb.source_of(s).short)}"
               + (f"，{esc(s.scope)}" if s.scope else "") + "）")
            for s in schemes]))
    out.pages[here] = "\n".join(index)
    out.nav.append({"考核评价": here})


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
             table_head("分管领域", "也可写作", "风险点")]
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

    header = table_head("时间", "事项", "责任主体", "层级", "频次")
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


SOURCE_STANDING_NOTES = {
    "central": "党中央和中央办公厅印发的党内法规，是责任事项的首要依据。有变化的，以施行日期在后者为准。",
    "local": "各地党委、部门制定的办法和方案，是当地的规定，对其他地方是做法示例。",
    "reference": "讲稿、范文、调研文章等，不是规定：只在没有党内法规或地方制度涉及时作为参考。",
}


def source_pages(kb: KnowledgeBase, out: SitePages) -> None:
    cited: dict[tuple[str, str], list[tuple[str, BaseModel]]] = defaultdict(list)
    for collection, record in kb.cited_records():
        for citation in record.sources:
            source_id, section_id = citation.split("/", 1)
            cited[(source_id, section_id)].append((collection, record))
    index = ["# 依据文件\n", "每份依据文件及其各章节被哪些条目引用，按效力排列：中央党内法规在前，地方制度其次，参考材料最后。\n"]
    for source in kb.sources.values():
        here = f"sources/{source.id}.md"
        parts = [f"# {esc(source.title)}\n", field_table([
            ("简称", esc(source.short)), ("发布机关", esc(source.issuer or "")), ("时间", source_when(source)),
            ("性质", SOURCE_KIND_LABELS[source.kind]), ("说明", esc(source.note or "")),
        ])]
        if source.kind == "reference":
            parts.append(f"!!! note \"{SOURCE_KIND_LABELS['reference']}\"\n    {SOURCE_STANDING_NOTES['reference']}\n")
        for section in source.sections:
            parts.append(f"## {esc(section.title)} {{#{section_anchor(section.id)}}}\n")
            records = cited.get((source.id, section.id), [])
            parts.append(bullet_list([f"{COLLECTION_LABELS[c]}：{link_record(here, c, r)}" for c, r in records])
                         or "（暂无条目引用本节）\n")
        out.pages[here] = "\n".join(parts)
    for kind in SOURCE_STANDING:
        sources = [s for s in kb.sources.values() if s.kind == kind]
        if sources:
            index += [f"## {SOURCE_KIND_LABELS[kind]} {{#{kind}}}\n", f"{SOURCE_STANDING_NOTES[kind]}\n",
                      table_head("文件", "发布机关", "时间"),
                      *(f"| {link('sources/index.md', f'sources/{s.id}.md', s.title)} | {esc(s.issuer or '')} | "
                        f"{source_when(s)} |" for s in sources), ""]
    out.pages["sources/index.md"] = "\n".join(index) + "\n"
    out.nav.append({"依据文件": "sources/index.md"})


def source_when(source) -> str:
    return cn_date(source.date) if source.date else (f"{source.year}年" if source.year else "")


# --- readers: the home page, who you are, this month --------------------------------------------

def reader_path(reader: str) -> str:
    return f"you/{reader}.md"


def list_heading(level: str, role: str) -> str:
    return f"{LEVEL_LABELS[level]} · {LIST_ROLES[role][0]}"


def reader_list(here: str, by_holder: dict[str, list[Canonical]]) -> str:
    """One list of a reader's page: each duty with its rhythm and what it leaves on file, by holder role."""
    parts = []
    for holder, duties in by_holder.items():
        if len(by_holder) > 1:
            parts.append(f"**{ROLE_LABELS[holder]}**（{len(duties)} 项）\n")
        parts.append(table_head("责任事项", "什么时候做", "留下的材料"))
        for duty in duties:
            shown = canonical_text(duty)
            parts.append(f"| {link(here, f'duties/{duty.id}.md', shown.title)} | {esc(deadline(duty))} | "
                         f"{esc('、'.join(shown.evidence))} |")
        parts.append("")
    return "\n".join(parts)


READER_INTROS = {
    "village-secretary": "写给村党组织书记（村支书、社区党组织书记）。村党支部（总支）的集体责任由书记牵头，"
                         "书记本人还是第一责任人：两份清单都在下面。",
    "township-secretary": "写给乡镇党委书记、街道党工委书记。党委（党工委）的集体责任由书记牵头，"
                          "书记本人还是第一责任人：两份清单都在下面。",
    "member": "写给领导班子的其他成员：抓好分管工作的同时抓好分管领域的党风廉政建设，即“一岗双责”。"
              "先找到自己所在的层级。",
    "discipline": "写给乡镇（街道）纪委书记、村（社区）纪检委员、部门纪检组长和县纪委：协助党委抓党风廉政建设，"
                  "监督同级党组织和班子成员履责。先找到自己所在的层级。",
    "department": "写给县直部门（单位）党组（党委）书记和办公室的同志：党组的集体责任由书记牵头，书记本人还是第一责任人。",
}
# Where a reader's page sends them next: (page, anchor, text).
READER_SEE_ALSO = {
    "member": [("risks/index.md", None, "分管领域的廉政风险点和防控措施")],
    "department": [("you/member.md", "department", "部门班子成员的一岗双责"),
                   ("you/discipline.md", "department", "部门纪检组的监督责任")],
}


def reader_page(kb: KnowledgeBase, reader: str) -> str:
    here = reader_path(reader)
    title, lists = READERS[reader]
    parts = [f"# {esc(title)}\n", f"{esc(READER_INTROS[reader])}\n"]
    if reader in READER_SEE_ALSO:
        parts.append("另见：" + "；".join(link(here, page, text, anchor) for page, anchor, text in READER_SEE_ALSO[reader])
                     + "。\n")
    if len(lists) > 1:
        parts.append("我在：" + " · ".join(f"[{LEVEL_LABELS[level]}](#{level})" for level, _ in lists) + "\n")
    duties: list[Canonical] = []
    for level, role in lists:
        by_holder = {holder: select_duties(kb, level, holder) for holder in LIST_ROLES[role][1]}
        chosen = [duty for found in by_holder.values() for duty in found]
        duties += chosen
        anchor = f" {{#{level}}}" if len(lists) > 1 else " {#list}"
        parts.append(f"## {esc(list_heading(level, role))}{anchor}\n")
        parts.append(f"共 {len(chosen)} 项。"
                     + page_link(here, "checklist.md", "打印或下载这份清单（Word、Excel）", list_fragment(level, role))
                     + " · " + page_link(here, "month.md", "本月要做什么", list_fragment(level, role)) + "\n")
        parts.append(reader_list(here, by_holder))
    cases = cases_for(kb, duties)
    parts.append("## 没做到会怎样 {#consequences}\n")
    parts.append(f"上面的责任没有履行或履行不力，可能按下列 {len(cases)} 种情形被追究责任"
                 f"（问责方式按情节轻重见{link(here, 'accountability/index.md', '责任追究', 'severity')}）：\n")
    parts.append(bullet_list([f"{link_record(here, 'cases', c)}：{esc(c.text)}（{cites(here, kb, c.sources[:1])}）"
                              for c in cases]))
    return "\n".join(parts)


def reader_pages(kb: KnowledgeBase, out: SitePages) -> None:
    for reader in READERS:
        out.pages[reader_path(reader)] = reader_page(kb, reader)
    out.nav.append({"我的责任": [{READERS[r][0]: reader_path(r)} for r in READERS]})


def home_page(out: SitePages) -> None:
    here = "index.md"
    readers = "\n".join(f'<a class="zt-reader" href="{reader_path(r).removesuffix(".md")}.html">{esc(READERS[r][0])}</a>'
                        for r in READERS)
    out.pages[here] = f"""# 责任田 · 党风廉政建设责任制知识库

本站把党风廉政建设责任制（全面从严治党主体责任）的有关规定和各地做法，整理成一条条**有出处的责任事项**：
谁负责、做什么、多久做一次、留下什么佐证材料、依据哪份文件哪一条。

## 我是 {{#readers}}

<div class="zt-readers" markdown="0">
{readers}
</div>

点进去就是您的责任清单、每项多久做一次，以及没做到会被怎样追责。

- {link(here, "month.md", "本月要做什么")}：选层级和责任，看这个月和这个季度要完成的事项。
- {link(here, "checklist.md", "责任清单生成器")}：选层级和责任，打印清单，或下载 Word、Excel 文件。

## 从哪里看起 {{#start}}

- {link(here, "roles/index.md", "按责任主体")}：领导班子集体责任、主要负责人第一责任、班子其他成员“一岗双责”、纪委监督责任。
- {link(here, "levels/index.md", "按层级")}：县级党委、部门党组（党委）、乡镇（街道）党委、村（社区）党组织。
- {link(here, "calendar.md", "年度工作日历")}：有固定频次的责任事项按月排列。
- {link(here, "accountability/index.md", "责任追究")}：追责情形（每种情形链接到被疏于履行的责任事项）、问责方式、一案双查、尽职免责等规则。
- {link(here, "assessment/index.md", "考核评价")}：考核内容与分值、一票否决、等次划分、民主测评规则。
- {link(here, "mechanisms.md", "工作机制")}、{link(here, "risks/index.md", "廉政风险点")}（按分管领域）、{link(here, "glossary.md", "术语")}、{link(here, "sources/index.md", "依据文件")}。
- {link(here, "downloads.md", "空白模板下载")}：责任清单、责任书、廉政承诺书等空白文书（Word、Excel）和学习手册。

## 搜索 {{#search}}

右上角的搜索框可以搜整词（如“一岗双责”）、词的一部分（如“执照”“销号”）、不加空格的一句话
（如“约谈下级主要负责人”），也认得常用的说法（如“村支书”“红白喜事”“一把手”）。搜索在本机完成，不连接互联网。

## 离线使用 {{#offline}}

本站不引用任何外部资源：可以放在内网服务器上，也可以把整个文件夹复制到共享盘，直接双击 `index.html` 打开，搜索照常可用。
每一页都可以直接打印（A4，不打印导航栏，带页码）。
"""


def month_page(out: SitePages) -> None:
    """The shell of 本月要做什么; assets/zerentian/month.js fills it from the data export."""
    out.pages["month.md"] = """# 本月要做什么

选择层级和责任，下面列出本月和本季度到期的责任事项（按各项的频次推算，日期为最迟完成时间）。
月份按本机日期自动选择，也可以改选其他月份。

<div id="zt-month" markdown="0">
<noscript>此页需要浏览器允许运行脚本。</noscript>
</div>

<script src="assets/zerentian/duties-data.js"></script>
<script src="assets/zerentian/lists.js"></script>
<script src="assets/zerentian/month.js"></script>
"""
    out.nav.append({"本月要做什么": "month.md"})


def downloads_page(out: SitePages, files: list[str]) -> None:
    here = "downloads.md"
    parts = ["# 空白模板下载\n"]
    documents = [name for name in files if not name.endswith(".yaml")]
    if documents:
        parts.append("下列文件可直接下载。Word 文档（.docx）用 Word 或 WPS 打开；压缩包（.zip）先解压，"
                     "里面是一个层级全套的空白文书（Word、Excel），填写后打印。\n")
        parts.append(bullet_list([link(here, f"downloads/{name}", name) for name in documents]))
    else:
        parts.append("空白模板（责任清单、责任书、廉政承诺书、实施方案、工作台账等）由管理员生成后放在本页下载，"
                     f"见{link(here, 'guide.md', '单位档案与文书包')}。\n")
    parts.append(f"只要一份责任清单，用{link(here, 'checklist.md', '责任清单生成器')}：选好层级和责任即可打印或下载。\n")
    out.pages[here] = "\n".join(parts)
    out.nav.append({"空白模板下载": here})


def profiles_page(out: SitePages, files: list[str]) -> None:
    """Under 管理员: the starter profiles (YAML) the pack command takes."""
    here = "profiles.md"
    parts = ["# 单位档案模板\n",
             f"生成单位文书包的同志用：每个层级一份带注释的单位档案（YAML 文本文件），填写方法见"
             f"{link(here, 'guide.md', '单位档案与文书包')}。用记事本等文本编辑器打开，不要用 Word 打开。\n"]
    profiles = [name for name in files if name.endswith(".yaml")]
    parts.append(bullet_list([link(here, f"downloads/{name}", name) for name in profiles])
                 or "单位档案模板由命令 `zerentian new` 生成。\n")
    out.pages[here] = "\n".join(parts)


def not_found_page(out: SitePages) -> None:
    """404.md: built as a page, so its links are relative and it works opened from a folder
    (mkdocs builds the theme's own 404 with links from the server's root)."""
    out.pages["404.md"] = """---
search:
  exclude: true
---

# 没有找到这一页

这个网址没有对应的页面，可能是输入有误，或者页面已经调整。

- [回到首页](index.md)
- [按身份查看我的责任](index.md#readers)
- [责任清单生成器](checklist.md)
- 也可以用右上角的搜索框查找。
"""


def checklist_page(out: SitePages, downloads: bool) -> None:
    """The builder's shell; assets/zerentian/checklist.js fills it from the data export. The Word and Excel
    downloads need the pack's blank list as their template (checklist-files.js), which comes with the downloads."""
    files = ('<script src="assets/zerentian/vendor/fflate-0.8.3.js"></script>\n'
             '<script src="assets/zerentian/checklist-files.js"></script>\n') if downloads else ""
    out.pages["checklist.md"] = f"""# 责任清单生成器

先选“我是谁”，或者自己选层级和责任；一岗双责可再选分管领域。得到适用的责任事项、频次、佐证材料和依据，
可以直接打印（A4），也可以下载 Word、Excel 文件修改后使用。
{{ .zt-no-print }}

<div id="zt-checklist" markdown="0">
<noscript>此页需要浏览器允许运行脚本。</noscript>
</div>

{files}<script src="assets/zerentian/duties-data.js"></script>
<script src="assets/zerentian/lists.js"></script>
<script src="assets/zerentian/checklist.js"></script>
"""
    out.nav.append({"责任清单生成器": "checklist.md"})


def site_pages(kb: KnowledgeBase, year: int, downloads: list[str], list_files: bool) -> SitePages:
    """Every page and the navigation; docs/ adds the hand-written guide. `list_files`: the builder can offer
    its selection as Word and Excel files (their templates came with the downloads)."""
    out = SitePages(nav=[{"首页": "index.md"}])
    home_page(out)
    reader_pages(kb, out)
    month_page(out)
    checklist_page(out, list_files)
    duty_pages(kb, out)
    role_pages(kb, out)
    level_pages(kb, out)
    calendar_page(kb, out, year)
    accountability_pages(kb, out)
    assessment_pages(kb, out)
    mechanisms_page(kb, out)
    risk_pages(kb, out)
    glossary_page(kb, out)
    source_pages(kb, out)
    downloads_page(out, downloads)
    profiles_page(out, downloads)
    not_found_page(out)
    out.nav.append({"管理员": [{"单位档案与文书包": "guide.md"}, {"单位档案模板": "profiles.md"}]})
    return out
