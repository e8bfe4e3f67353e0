"""The Word documents of a unit's pack: one context per document, built from the UnitPlan alone."""

from collections.abc import Iterable

from ..compile.plan import (
    ALL_YEAR,
    LETTER_SUBUNIT,
    Holder,
    Letter,
    ListRow,
    UnitPlan,
    deadline,
    holder_rows,
    responsibility_rows,
)
from ..compile.schedule import describe
from ..filenames import file_name
from ..load.schema import Canonical
from ..vocabulary import ROLE_LABELS
from ..wording import BLANK_DATE, cn_date, cn_number
from .fill import fill

# ---------------------------------------------------------------------------------------------
# Wording shared by the documents


def subject(plan: UnitPlan) -> str:
    """What the documents are about: one domain by name, all of them as 全面从严治党."""
    return plan.domains[0] if len(plan.domains) == 1 else "全面从严治党"


def person(holder: Holder) -> str:
    return f"{holder.name}（{holder.title}）"


def by_category(duties: Iterable[Canonical]) -> dict[str, list[Canonical]]:
    groups: dict[str, list[Canonical]] = {}
    for duty in duties:
        groups.setdefault(duty.category, []).append(duty)
    return groups


def labelled(texts: Iterable[str]) -> list[dict]:
    """（一）（二）… labels for body items."""
    return [{"label": f"（{cn_number(i)}）", "text": text} for i, text in enumerate(texts, 1)]


def titles(duties: Iterable[Canonical]) -> str:
    return "、".join(dict.fromkeys(d.title for d in duties))


def area_names(holder: Holder) -> str:
    return "、".join(area.name for area in holder.areas)


def others(plan: UnitPlan) -> list[Holder]:
    return [h for h in plan.leaders if h.role != "first_responsible"]


def common(plan: UnitPlan) -> dict:
    signoff = plan.profile.落款
    return {
        "unit": plan.profile.单位, "year": plan.year, "subject": subject(plan),
        "issuer": signoff.机关 if signoff else plan.profile.单位,
        "date": cn_date(None if plan.blank or signoff is None else signoff.日期),
        "blank_date": BLANK_DATE,
    }


# ---------------------------------------------------------------------------------------------
# 责任清单


def list_rows(rows: Iterable[ListRow]) -> list[dict]:
    return [{"no": i, "category": r.category, "content": r.content, "measures": r.measures, "person": r.holder,
             "deadline": r.deadline} for i, r in enumerate(rows, 1)]


def duty_list_context(plan: UnitPlan) -> dict:
    sections: dict[str, list[ListRow]] = {}
    for row in responsibility_rows(plan):
        sections.setdefault(row.section, []).append(row)
    return common(plan) | {"sections": [{"heading": f"{cn_number(i)}、{section}", "rows": list_rows(rows)}
                                        for i, (section, rows) in enumerate(sections.items(), 1)]}


# ---------------------------------------------------------------------------------------------
# 责任书


def letter_goals(holder: Holder) -> list[str]:
    recurring = [d for d in holder.duties if d.frequency]
    goals = [f"全面履行{ROLE_LABELS.get(holder.role, holder.label)}，"
             f"把附件所列{len(holder.duties)}项责任逐项落实到位，做到守土有责、守土负责、守土尽责。"]
    if recurring:
        goals.append(f"按时完成{titles(recurring)}等{len(recurring)}项定期工作，按时间节点对账销号。")
    if holder.risks:
        goals.append(f"分管的{area_names(holder)}领域{len(holder.risks)}个廉政风险点防控措施落实到位。")
    if holder.contacts:
        points = "、".join(u.单位 for u in holder.contacts)
        goals.append(f"联系指导{points}，督促其落实责任书各项任务，做到压力传导到位。")
    goals.append("全年不发生违反中央八项规定精神问题，不发生因履责不力被问责的情形。")
    return goals


def letter_duties(holder: Holder) -> list[dict]:
    items = []
    for i, (category, duties) in enumerate(by_category(holder.duties).items(), 1):
        items.append({"label": f"（{cn_number(i)}）{category}。", "text": f"{titles(duties)}。"})
    if holder.risks:
        label = f"（{cn_number(len(items) + 1)}）廉政风险防控。"
        items.append({"label": label, "text": f"防范{titles(holder.risks)}等风险。"})
    return items


def scheme_methods(plan: UnitPlan, limit: int = 4) -> list[str]:
    return list(plan.assessment.methods[:limit])


def letter_assessment(plan: UnitPlan) -> list[str]:
    items = ["甲方年中对乙方履行本责任书情况开展检查，年底组织考核，考核结果作为评价乙方工作实绩的重要依据。"]
    methods = scheme_methods(plan)
    if methods:
        items.append(f"考核采取{'；'.join(methods)}等方式。")
    if plan.assessment.bands:
        items.append(f"考核结果分为{plan.assessment.bands_text}等次。")
    return items


ACCOUNTABILITY_KINDS = ("问责", "组织处理", "纪律处分")


def accountability(plan: UnitPlan, holder: Holder) -> list[str]:
    ids = {record for d in holder.duties for record in d.consolidates}
    cases = [c for c in plan.cases if ids & set(c.duties)]
    uses = plan.assessment.results_use[:3]
    items = []
    if uses:
        items.append(f"考核结果{'；'.join(uses)}。")
    if cases:
        items.append(f"乙方有{titles(cases)}等情形之一的，依规依纪追究责任。")
    forms = list(dict.fromkeys(f.name for f in plan.forms if f.severity and f.kind in ACCOUNTABILITY_KINDS))
    if forms:
        items.append(f"视情节轻重，采取{'、'.join(forms)}等方式问责；实行“一案双查”，既追究直接责任，也追究领导责任。")
    return items


def letter_parties(letter: Letter) -> tuple[dict, dict]:
    """The two signature columns: units seal and their heads sign; a leader signs in person."""

    def side(party: str, signer: str, seal: bool) -> dict:
        role = "（盖章）" if seal else ""
        return {"party": f"{party}{role}", "signer": f"负责人（签字）：{signer}" if seal else "本人（签字）："}

    personal = letter.personal
    return (side(letter.party_a, letter.signer_a, True),
            side(letter.holder.name if personal else letter.party_b, letter.signer_b, not personal))


def letter_context(plan: UnitPlan, letter: Letter) -> dict:
    holder = letter.holder
    party_b = letter.party_b if letter.kind != LETTER_SUBUNIT else f"{letter.party_b}（负责人：{letter.signer_b}）"
    sign_a, sign_b = letter_parties(letter)
    return common(plan) | {
        "party_a": letter.party_a if not letter.signer_a else f"{letter.party_a}（负责人：{letter.signer_a}）",
        "party_b": party_b,
        "goals": labelled(letter_goals(holder)), "duties": letter_duties(holder),
        "assessment": labelled(letter_assessment(plan)), "accountability": labelled(accountability(plan, holder)),
        "sign_a": sign_a, "sign_b": sign_b,
        "annex_title": f"{letter.party_b}责任清单",
        "annex": list_rows(holder_rows(holder, letter.party_b)),
    }


# ---------------------------------------------------------------------------------------------
# 廉政承诺书

_PLEDGE_FORMULAS = (
    "严格遵守中央八项规定及其实施细则精神，坚决反对“四风”，不违规收送礼品礼金，不违规操办婚丧喜庆事宜。",
    "严格执行领导干部个人有关事项报告制度，管好配偶、子女和身边工作人员，不利用职务影响为亲友谋取利益。",
    "自觉接受组织和群众监督，如实参加述责述廉和民主测评。",
)


def pledges(holder: Holder) -> list[str]:
    bans = [d for d in holder.duties if d.text.startswith("不")]
    tasks = [d for d in holder.duties if d not in bans][:6]
    promises = [f"认真履行{ROLE_LABELS[holder.role]}，抓好{titles(tasks)}等责任事项。"]
    promises += [d.text for d in bans[:4]]
    for area in holder.areas:
        risks = [r for r in holder.risks if r.area == area.id]
        if risks:
            steps = "、".join(dict.fromkeys(m for r in risks for m in r.measures[:1]))
            promises.append(f"在分管的{area.name}工作中，严防{titles(risks)}等风险，做到{steps}。")
    return promises + list(_PLEDGE_FORMULAS)


def pledge_context(plan: UnitPlan, holder: Holder) -> dict:
    opening = (f"本人{holder.name}，任{plan.profile.单位}{holder.title}，承担{ROLE_LABELS[holder.role]}。"
               f"为做好{plan.year}年度{subject(plan)}工作，做到清正廉洁、履职尽责，现向组织作出承诺。")
    keeper = plan.profile.上级 if holder.role == "first_responsible" else plan.profile.单位
    return common(plan) | {"opening": opening, "promises": pledges(holder), "title": holder.title, "keeper": keeper}


# ---------------------------------------------------------------------------------------------
# 实施方案


def plan_goals(plan: UnitPlan) -> list[str]:
    holders = [plan.collective, *plan.leaders]
    counts = {role: sum(len(h.duties) for h in holders if h.role == role) for role in ROLE_LABELS}
    listed = "、".join(f"{ROLE_LABELS[role]}事项{n}项" for role, n in counts.items() if n)
    goals = [f"明确{listed}，逐项落实到人。"]
    if plan.occurrences:
        goals.append(f"全年{len(plan.occurrences)}个工作时间节点按时完成、对账销号。")
    risks = sum(len(h.risks) for h in plan.leaders)
    if risks:
        goals.append(f"班子成员分管领域{risks}个廉政风险点防控措施落实到位。")
    if plan.profile.下属单位:
        goals.append(f"与{len(plan.profile.下属单位)}个下属单位签订责任书，压力逐级传导到基层。")
    return goals


def plan_tasks(plan: UnitPlan) -> list[dict]:
    domains: dict[str, list[Canonical]] = {}
    for duty in plan.collective.duties:
        domains.setdefault(duty.domain, []).append(duty)
    return [{"label": f"（{cn_number(i)}）", "name": domain,
             "entries": [{"category": c, "text": f"{titles(ds)}。"} for c, ds in by_category(duties).items()]}
            for i, (domain, duties) in enumerate(domains.items(), 1)]


def plan_steps(plan: UnitPlan) -> list[dict]:
    year = plan.year
    letters, pledges_count = len(plan.letters), len(plan.leaders)
    steps = [
        ("动员部署", f"{year}年1月—2月",
         f"召开专题会议研究部署，印发本方案和责任清单，签订责任书{letters}份、廉政承诺书{pledges_count}份。"),
        ("组织实施", f"{year}年3月—11月",
         f"按照责任清单和工作台账推进落实，全年{len(plan.occurrences)}个时间节点逐项对账销号，每季度盘点一次进展。"),
        ("检查验收", f"{year}年12月",
         "对照考核评分表开展自查和民主测评，总结全年工作，于次年年初向上级党组织书面报告履责情况。"),
    ]
    return [{"label": f"（{cn_number(i)}）", "name": n, "period": p, "text": t} for i, (n, p, t) in enumerate(steps, 1)]


def leading_group(plan: UnitPlan) -> dict:
    rest = others(plan)
    deputies = [h for h in rest if "副书记" in h.title or h.role == "discipline"]
    members = [h for h in rest if h not in deputies]
    return {"leader": person(plan.secretary), "deputies": "、".join(map(person, deputies)),
            "members": "、".join(map(person, members))}


def breakdown_rows(plan: UnitPlan) -> list[dict]:
    unit = plan.profile.单位
    rows = [{"task": f"{d.title}：{d.text}", "lead": plan.secretary.name, "unit": unit, "deadline": deadline(d)}
            for d in plan.collective.duties if d.frequency]
    for holder in plan.leaders:
        scope = area_names(holder) or unit
        rows += [{"task": f"{d.title}：{d.text}", "lead": holder.name, "unit": scope, "deadline": deadline(d)}
                 for d in holder.duties if d.frequency]
        rows += [{"task": f"{area.name}领域廉政风险防控：{titles(r for r in holder.risks if r.area == area.id)}",
                  "lead": holder.name, "unit": area.name, "deadline": ALL_YEAR}
                 for area in holder.areas if any(r.area == area.id for r in holder.risks)]
    return [{"no": i, **row} for i, row in enumerate(rows, 1)]


def plan_context(plan: UnitPlan) -> dict:
    methods = scheme_methods(plan)
    assessment = "将本方案落实情况纳入年度考核"
    assessment += f"，采取{'；'.join(methods)}等方式" if methods else ""
    assessment += "；对履责不力的，依规依纪严肃问责，实行“一案双查”。"
    responsibility = (f"领导班子成员按照责任清单履行职责，签订责任书{len(plan.letters)}份、"
                      f"廉政承诺书{len(plan.leaders)}份，定期工作按工作台账逐项对账销号。")
    return common(plan) | {
        "goals": labelled(plan_goals(plan)), "tasks": plan_tasks(plan), "steps": plan_steps(plan),
        "group": leading_group(plan), "responsibility": responsibility, "assessment": assessment,
        "breakdown": breakdown_rows(plan),
    }


# ---------------------------------------------------------------------------------------------
# 考核评分表, 民主测评表


def item_rows(plan: UnitPlan) -> list[dict]:
    items = plan.assessment.items
    rows = [{"no": i, "title": item.category, "text": item.content, "points": str(item.points),
             "deduction": item.standard} for i, item in enumerate(items, 1)]
    rows.append({"no": "", "title": "合计", "text": "", "points": str(sum(item.points for item in items)),
                 "deduction": ""})
    return rows


def scoring_context(plan: UnitPlan) -> dict:
    form = plan.assessment
    return common(plan) | {"methods": "；".join(form.methods), "rows": item_rows(plan),
                           "vetoes": "；".join(form.vetoes), "bands": form.bands_text, "basis": form.basis_text}


def evaluation_context(plan: UnitPlan) -> dict:
    form = plan.assessment
    tiers = form.tiers
    targets = [(f"{plan.profile.单位}领导班子", "领导班子"), *((h.name, h.title) for h in plan.leaders)]
    boxes = "　".join(f"□{t.grade}" for t in tiers)
    return common(plan) | {
        "tiers": form.tiers_text, "rule": form.bad_vote_text,
        "rows": [{"no": n, "name": name, "title": title, "boxes": boxes} for n, (name, title) in enumerate(targets, 1)],
        "basis": form.basis_text,
    }


# ---------------------------------------------------------------------------------------------
# 问题清单, 承诺清单, 履责情况报告提纲

PROBLEM_ROWS_PER_LEADER = 2


def problems_context(plan: UnitPlan) -> dict:
    people = [h.name for h in plan.leaders for _ in range(PROBLEM_ROWS_PER_LEADER)]
    return common(plan) | {"rows": [{"no": i, "person": name} for i, name in enumerate(people, 1)]}


def commitments_context(plan: UnitPlan) -> dict:
    last_due = {(o.holder.key, o.duty.id): o.due for o in plan.occurrences}
    rows = []
    for holder in plan.leaders:
        rows += [{"person": holder.name, "task": d.title, "measure": describe(d.frequency),
                  "deadline": cn_date(last_due.get((holder.key, d.id)))}
                 for d in holder.duties if d.frequency]
        rows.append({"person": holder.name, "task": "", "measure": "", "deadline": ""})
    return common(plan) | {"rows": [{"no": i, **row} for i, row in enumerate(rows, 1)]}


def report_lines(holder: Holder) -> list[str]:
    return [f"{category}：{titles(duties)}" for category, duties in by_category(holder.duties).items()]


def report_context(plan: UnitPlan) -> dict:
    parts = [("履行领导班子集体责任", report_lines(plan.collective)),
             (f"书记履行第一责任人责任（{person(plan.secretary)}）", report_lines(plan.secretary))]
    members = [h for h in others(plan) if h.role == "member"]
    if members:
        parts.append(("班子其他成员履行“一岗双责”",
                      [f"{person(h)}：" + (f"分管{area_names(h)}，" if h.areas else "") +
                       f"{len(h.duties)}项责任事项" + (f"、{len(h.risks)}个廉政风险点" if h.risks else "")
                       for h in members]))
    for holder in (h for h in others(plan) if h.role == "discipline"):
        parts.append((f"支持和保障监督责任落实（{person(holder)}）", report_lines(holder)))
    recurring = [(d, h) for h in [plan.collective, *plan.leaders] for d in h.duties if d.frequency]
    return common(plan) | {
        "upper": plan.profile.上级,
        "parts": [{"label": f"（{cn_number(i)}）", "heading": h, "lines": lines}
                  for i, (h, lines) in enumerate(parts, 1)],
        "recurring": [{"no": i, "task": d.title, "person": "领导班子" if h.role == "collective" else h.name,
                       "deadline": deadline(d)} for i, (d, h) in enumerate(recurring, 1)],
    }


# ---------------------------------------------------------------------------------------------
# The pack


def _letter_name(plan: UnitPlan, letter: Letter) -> str:
    if plan.blank:
        return f"书记-{letter.holder.label}" if letter.personal else letter.kind
    if letter.personal:
        return f"{letter.signer_a}与{letter.signer_b}"
    return f"{letter.party_a}与{letter.party_b}"


def documents(plan: UnitPlan) -> list[tuple[str, str, dict]]:
    """(file name, template, context) for every Word document of the pack, in pack order."""
    docs = [("01-责任清单", "责任清单.docx", duty_list_context(plan))]
    docs += [(f"02-责任书-{_letter_name(plan, letter)}", "责任书.docx", letter_context(plan, letter))
             for letter in plan.letters]
    docs += [(f"03-廉政承诺书-{h.label if plan.blank else h.name}", "廉政承诺书.docx",
              pledge_context(plan, h)) for h in plan.leaders]
    docs.append(("04-实施方案", "实施方案.docx", plan_context(plan)))
    docs.append(("06-考核评分表", "考核评分表.docx", scoring_context(plan)))
    if plan.assessment.tiers:
        docs.append(("06-民主测评表", "民主测评表.docx", evaluation_context(plan)))
    docs += [("07-问题清单", "问题清单.docx", problems_context(plan)),
             ("07-承诺清单", "承诺清单.docx", commitments_context(plan)),
             ("08-履责情况报告提纲", "履责情况报告提纲.docx", report_context(plan))]
    return _unique(docs)


def _unique(docs: list[tuple[str, str, dict]]) -> list[tuple[str, str, dict]]:
    """Two leaders with one name still get two files: 03-廉政承诺书-张三, 03-廉政承诺书-张三-2."""
    seen: dict[str, int] = {}
    result = []
    for stem, template, context in docs:
        name = file_name(stem, ".docx")
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name = file_name(f"{stem[:60]}-{seen[name]}", ".docx")
        result.append((name, template, context))
    return result


def render_docx(plan: UnitPlan) -> dict[str, bytes]:
    """File name → .docx bytes for every Word document of the unit's pack."""
    return {name: fill(template, context) for name, template, context in documents(plan)}


