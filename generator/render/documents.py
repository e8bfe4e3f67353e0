"""The Word documents of a unit's pack: one context per document, built from the UnitPlan alone."""

from collections.abc import Iterable
from datetime import date

from ..compile.plan import (
    CHECKPOINT_NOTE,
    LETTER_DUTIES,
    Holder,
    Letter,
    ListRow,
    UnitPlan,
    deadline,
    holder_rows,
    responsibility_rows,
    subject,
)
from ..compile.schedule import describe
from ..filenames import file_name
from ..load.schema import Canonical
from ..vocabulary import CANONICAL_CATEGORIES, CATEGORY_TASKS, DUTY_NAMES
from ..wording import BLANK_DATE, cn_date, cn_number
from .fill import fill
from .gbt9704 import TITLE_CHARS, text_width, title_lines

# ---------------------------------------------------------------------------------------------
# Wording shared by the documents


def person(holder: Holder) -> str:
    return f"{holder.name}（{holder.title}）"


def by_category(duties: Iterable[Canonical]) -> dict[str, list[Canonical]]:
    groups: dict[str, list[Canonical]] = {}
    for duty in sorted(duties, key=lambda d: CANONICAL_CATEGORIES.index(d.category)):
        groups.setdefault(duty.category, []).append(duty)
    return groups


def labelled(texts: Iterable[str]) -> list[dict]:
    """（一）（二）… labels for body items."""
    return [{"label": f"（{cn_number(i)}）", "text": text} for i, text in enumerate(texts, 1)]


def titles(items) -> str:
    return "、".join(dict.fromkeys(item.title for item in items))


def oversees(holder: Holder) -> str:
    """The 分管 exactly as the profile writes it."""
    return "、".join(holder.oversees)


def duty_name(plan: UnitPlan, role: str) -> str:
    return DUTY_NAMES[role].replace("{纪委}", plan.words["纪委"])


def others(plan: UnitPlan) -> list[Holder]:
    return [h for h in plan.leaders if h.role != "first_responsible"]


def plan_date(plan: UnitPlan) -> date | None:
    return None if plan.blank or plan.profile.落款 is None else plan.profile.落款.日期


def signoff(issuer: str, day: str) -> dict:
    """GB/T 9704 7.3.5.1 (sealed): the date 4 characters in from the right, the issuer centred above it;
    an issuer too long to centre there is set flush right instead."""
    return {"issuer": issuer, "date": day, "centred": text_width(issuer) <= SIGNOFF_CENTRED_CHARS}


SIGNOFF_CENTRED_CHARS = 14  # the longest issuer centred over the date without passing the right margin


def common(plan: UnitPlan) -> dict:
    issuer = plan.profile.落款.机关 if plan.profile.落款 else plan.profile.单位
    day = cn_date(plan_date(plan))
    return {"unit": plan.profile.单位, "year": plan.year, "subject": plan.subject, "date": day,
            "blank_date": BLANK_DATE, "signoff": signoff(issuer, day)}


def unit_title(plan: UnitPlan, *parts: str, orientation: str = "portrait") -> str:
    """A document title that opens with the unit's name, in balanced lines."""
    return title_lines([plan.profile.单位, *parts], TITLE_CHARS[orientation])


# ---------------------------------------------------------------------------------------------
# 责任清单


def list_rows(rows: Iterable[ListRow]) -> list[dict]:
    return [{"no": i, "category": r.category, "content": r.content, "measures": r.measures, "person": r.holder,
             "deadline": r.deadline} for i, r in enumerate(rows, 1)]


def duty_list_context(plan: UnitPlan) -> dict:
    sections: dict[str, list[ListRow]] = {}
    for row in responsibility_rows(plan):
        sections.setdefault(row.section, []).append(row)
    return common(plan) | {
        "title": unit_title(plan, f"{plan.year}年度", plan.subject, "责任清单", orientation="landscape"),
        "note": CHECKPOINT_NOTE,
        "sections": [{"heading": f"{cn_number(i)}、{section}", "rows": list_rows(rows)}
                     for i, (section, rows) in enumerate(sections.items(), 1)],
    }


# ---------------------------------------------------------------------------------------------
# 责任书


def letter_goals(plan: UnitPlan, letter: Letter) -> list[str]:
    holder = letter.holder
    if letter.personal:
        role = duty_name(plan, holder.role)
        scope = f"对分管的{oversees(holder)}工作" if holder.oversees else ""
        goals = [f"全面履行{role}，{scope}做到守土有责、守土负责、守土尽责，把附件所列{len(holder.duties) + len(holder.risks)}项"
                 "责任逐项落实到位。"]
    else:
        goals = [f"全面履行领导班子集体责任和书记第一责任人职责，把附件所列{len(holder.duties)}项责任逐项落实到位，"
                 "做到守土有责、守土负责、守土尽责。"]
    recurring = [d for d in holder.duties if d.frequency]
    if recurring:
        goals.append(f"按时完成{len(recurring)}项定期工作，按时间节点对账销号。")
    if holder.risks:
        goals.append(f"分管的{oversees(holder)}工作中{len(holder.risks)}个廉政风险点防控措施落实到位。")
    if holder.contacts:
        points = "、".join(u.单位 for u in holder.contacts)
        goals.append(f"联系指导{points}，督促其落实责任书各项任务，做到压力传导到位。")
    goals.append("全年不发生违反中央八项规定精神问题，不发生因履责不力被问责的情形。")
    return goals


def letter_items(letter: Letter) -> list[str]:
    """The duties the letter states, in full; a member's last item is the risks of what they oversee."""
    holder = letter.holder
    if not holder.risks:
        return [d.text for d in letter.duties]
    risks = holder.risks[:3]
    steps = "、".join(dict.fromkeys(r.measures[0] for r in risks))
    return [d.text for d in letter.duties[:LETTER_DUTIES - 1]] + [
        f"在分管的{oversees(holder)}工作中，严防{titles(risks)}等廉政风险，落实{steps}等防控措施。"]


def letter_assessment(letter: Letter, bands: str) -> list[str]:
    terms = letter.terms
    items = ["甲方每年年中对乙方履行本责任书情况开展检查，年底组织考核。"]
    if terms.methods:
        items.append(f"考核{'，'.join(terms.methods)}，对照本责任书和附件所列责任清单逐项评价。")
    if bands:
        items.append(f"考核结果分为{bands}等次。")
    items.append("乙方每年年底向甲方述职述廉，接受民主测评。" if letter.personal
                 else "乙方每年年初向甲方书面报告上一年度履行本责任书情况。")
    return items


def letter_accountability(letter: Letter) -> list[str]:
    terms = letter.terms
    items = [f"考核结果{'，'.join(terms.uses)}。"] if terms.uses else []
    if terms.cases:
        items.append(f"乙方有{'、'.join(terms.cases)}等情形之一的，依规依纪追究责任。")
    else:
        items.append("乙方履行本责任书不力的，依规依纪追究责任。")
    if terms.forms:
        items.append(f"视情节轻重，给予{'、'.join(terms.forms)}等处理。")
    items += list(terms.further)
    return items


def letter_party(name: str, head: str) -> str:
    return f"{name}（负责人：{head}）" if head else name


def letter_signatures(letter: Letter, day: str) -> tuple[dict, dict]:
    """The two signature columns: a body seals and its head signs; a leader signs in person."""
    sealed_a = {"heading": "甲方（盖章）：", "name": letter.party_a, "signer": "负责人（签字）：", "date": day}
    if letter.personal:
        return sealed_a, {"heading": "乙方：", "name": letter.signer_b, "signer": "本人（签字）：", "date": day}
    return sealed_a, {"heading": "乙方（盖章）：", "name": letter.party_b, "signer": "负责人（签字）：", "date": day}


def annex_rows(letter: Letter) -> list[dict]:
    return list_rows(holder_rows(letter.holder, letter.party_b))


def letter_context(plan: UnitPlan, letter: Letter) -> dict:
    about = subject(letter.domains)
    day = cn_date(None if plan.blank else letter.day)
    sign_a, sign_b = letter_signatures(letter, day)
    annex = f"{letter.party_b}责任清单"
    return common(plan) | {
        "title": title_lines([f"{plan.year}年度", about, "责任书"]),
        "subject": about,
        "basis": "".join(letter.terms.rules) or "有关规定",
        "party_a": letter_party(letter.party_a, letter.signer_a),
        "party_b": letter.party_b if letter.personal else letter_party(letter.party_b, letter.signer_b),
        "goals": labelled(letter_goals(plan, letter)), "duties": labelled(letter_items(letter)),
        "assessment": labelled(letter_assessment(letter, plan.assessment.bands_text)),
        "accountability": labelled(letter_accountability(letter)),
        "sign_a": sign_a, "sign_b": sign_b,
        "annex": annex, "annex_title": title_lines([letter.party_b, "责任清单"], TITLE_CHARS["landscape"]),
        "annex_rows": annex_rows(letter),
    }


# ---------------------------------------------------------------------------------------------
# 廉政承诺书: one page, first person, positive commitments fitted to the role and the 分管

_COMMON_PLEDGES = (
    "严格遵守中央八项规定及其实施细则精神，带头改进作风，坚决反对“四风”。",
    "如实报告个人有关事项，管好配偶、子女和身边工作人员，树立良好家风。",
    "自觉接受组织和群众监督，如实述责述廉。",
)
MIN_PLEDGES = 5
# The page's 22 lines less the title (3), 如有违反 (1), a blank line, 承诺人 and the date (2): the opening,
# the promises and the closing note share the rest.
PLEDGE_LINES = 15
LINE_CHARS = 28


def _lines(text: str, lead: float = 2) -> int:
    """Lines a body paragraph takes: `lead` characters of indent and number, then the text."""
    return -(-int((lead + text_width(text)) * 2) // (LINE_CHARS * 2))


def role_pledges(plan: UnitPlan, holder: Holder) -> list[str]:
    words = plan.words
    if holder.role == "first_responsible":
        return ["履行第一责任人职责，重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要案件亲自督办。",
                "坚持民主集中制，“三重一大”事项集体决策，带头落实“五个不直接分管”。",
                f"支持{words['纪委']}履行监督责任，定期听取工作汇报，亲自督办重要案件。"]
    if holder.role == "discipline":
        return [f"聚焦监督第一职责，协助{words['党委']}落实全面从严治党主体责任，发现问题及时报告。",
                "依规依纪依法处置问题线索，做到秉公执纪、公正廉洁。"]
    scope = f"分管的{oversees(holder)}工作" if holder.oversees else "分管工作"
    pledges = [f"认真履行“一岗双责”，把{scope}与党风廉政建设同部署、同落实、同检查。"]
    if holder.risks:
        risks = holder.risks[:2]
        step = min((r.measures[0] for r in risks), key=len)
        pledges.append(f"严防{titles(risks)}等廉政风险，做到{step}。")
    pledges.append("加强分管领域干部教育管理监督，发现苗头性问题及时提醒纠正并向书记报告。")
    return pledges


def pledge_opening(plan: UnitPlan, holder: Holder) -> str:
    """本人…，现任… (the 职务 as the profile writes it, never joined to the unit's name)."""
    return (f"本人{holder.name}，现任{holder.title}。为做好{plan.profile.单位}{plan.year}年度{plan.subject}工作，"
            "郑重承诺：")


def fitted_pledges(opening: str, promises: list[str], note: str) -> list[str]:
    """As many promises, in order, as leave the 承诺书 on one page (never fewer than five)."""
    room = PLEDGE_LINES - _lines(opening) - _lines(note)
    kept = []
    for promise in promises:
        room -= _lines(promise, 3.5)
        if room < 0 and len(kept) >= MIN_PLEDGES:
            break
        kept.append(promise)
    return kept


def pledge_context(plan: UnitPlan, holder: Holder) -> dict:
    keeper = plan.profile.上级 if holder.role == "first_responsible" else plan.profile.单位
    opening, note = pledge_opening(plan, holder), f"本承诺书一式两份，本人和{keeper}各执一份。"
    promises = fitted_pledges(opening, role_pledges(plan, holder) + list(_COMMON_PLEDGES), note)
    return common(plan) | {"opening": opening, "promises": promises, "note": note}


# ---------------------------------------------------------------------------------------------
# 实施方案


def plan_goals(plan: UnitPlan) -> list[str]:
    holders = [plan.collective, *plan.leaders]
    counts = {role: sum(len(h.duties) for h in holders if h.role == role) for role in DUTY_NAMES}
    listed = "、".join(f"{duty_name(plan, role)}事项{n}项" for role, n in counts.items() if n)
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
    """One main task per category of the collective duties, in full, with who leads it."""
    collective = plan.collective
    tasks = []
    for i, (category, duties) in enumerate(by_category(collective.duties).items(), 1):
        leads = "、".join(dict.fromkeys(collective.lead(d) for d in duties))
        tasks.append({"heading": f"（{cn_number(i)}）{CATEGORY_TASKS[category]}",
                      "text": "".join(d.text for d in duties) + f"（牵头：{leads}）"})
    return tasks


def plan_steps(plan: UnitPlan) -> list[dict]:
    year = plan.year
    steps = [
        ("动员部署", f"{year}年3月31日前",
         f"召开专题会议研究部署，印发本方案和责任清单，签订责任书{len(plan.letters)}份、廉政承诺书{len(plan.leaders)}份。"),
        ("组织实施", f"{year}年4月1日至11月30日",
         f"按照责任清单和工作台账推进落实，全年{len(plan.occurrences)}个时间节点逐项对账销号，每季度末盘点一次进展。"),
        ("检查验收", f"{year}年12月31日前",
         "对照考核评分表开展自查和民主测评，总结全年工作，形成履责情况报告。"),
        ("报告总结", f"{year + 1}年1月31日前", f"向{plan.profile.上级}书面报告全年履责情况，同时报上级纪委。"),
    ]
    return [{"heading": f"（{cn_number(i)}）{name}（{period}）", "text": text}
            for i, (name, period, text) in enumerate(steps, 1)]


def leadership(plan: UnitPlan) -> dict:
    """A leading group from the profile; a village branch, whose committee is its few members, leads itself."""
    body = plan.words["党委"]
    if plan.profile.层级 == "村":
        tasks = "；".join(f"{h.name}负责{oversees(h)}工作" if h.oversees else f"{h.name}履行{duty_name(plan, h.role)}"
                         for h in others(plan))
        return {"group": False, "text": f"{body}对本方案实施负总责，书记{plan.secretary.name}是第一责任人；{tasks}。"}
    rest = others(plan)
    deputies = [h for h in rest if "副书记" in h.title or h.role == "discipline"]
    members = [h for h in rest if h not in deputies]
    return {"group": True, "leader": person(plan.secretary), "deputies": "、".join(map(person, deputies)),
            "members": "、".join(map(person, members))}


def breakdown_rows(plan: UnitPlan) -> list[dict]:
    """The 任务分解表: every collective duty with the leader who leads it."""
    collective = plan.collective
    rows = [{"task": d.text, "lead": collective.lead(d), "deadline": deadline(d)}
            for duties in by_category(collective.duties).values() for d in duties]
    return [{"no": i, **row} for i, row in enumerate(rows, 1)]


def plan_context(plan: UnitPlan) -> dict:
    methods = plan.letters[0].terms.methods  # the central rules' methods, as in the letter to the upper body
    assessment = f"将本方案落实情况{'，'.join(methods)}进行评价" if methods else "将本方案落实情况纳入年度考核"
    assessment += "；对履责不力的，依规依纪严肃问责。"
    responsibility = (f"领导班子成员按照责任清单履行职责，签订责任书{len(plan.letters)}份、"
                      f"廉政承诺书{len(plan.leaders)}份，定期工作按工作台账逐项对账销号。")
    return common(plan) | {
        "title": unit_title(plan, "关于", "落实", f"{plan.year}年度", plan.subject, "责任的", "实施方案"),
        "goals": labelled(plan_goals(plan)), "tasks": plan_tasks(plan), "steps": plan_steps(plan),
        "lead": leadership(plan), "responsibility": responsibility, "assessment": assessment,
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
    return common(plan) | {"title": unit_title(plan, f"{plan.year}年度", plan.subject, "责任制", "考核评分表"),
                           "methods": "；".join(form.methods), "rows": item_rows(plan),
                           "vetoes": "；".join(form.vetoes), "bands": form.bands_text, "basis": form.basis_text}


def evaluation_context(plan: UnitPlan) -> dict:
    form = plan.assessment
    tiers = form.tiers
    targets = [(f"{plan.profile.单位}领导班子", "领导班子"), *((h.name, h.title) for h in plan.leaders)]
    boxes = "　".join(f"□{t.grade}" for t in tiers)
    return common(plan) | {
        "title": unit_title(plan, f"{plan.year}年度", plan.subject, "责任制", "落实情况", "民主测评表"),
        "tiers": form.tiers_text, "rule": form.bad_vote_text,
        "rows": [{"no": n, "name": name, "title": title, "boxes": boxes} for n, (name, title) in enumerate(targets, 1)],
        "basis": form.basis_text,
    }


# ---------------------------------------------------------------------------------------------
# 问题清单, 承诺清单, 履责情况报告提纲

PROBLEM_ROWS_PER_LEADER = 2


def problems_context(plan: UnitPlan) -> dict:
    people = [h.name for h in plan.leaders for _ in range(PROBLEM_ROWS_PER_LEADER)]
    return common(plan) | {"title": unit_title(plan, f"{plan.year}年度", plan.subject, "问题清单"),
                           "rows": [{"no": i, "person": name} for i, name in enumerate(people, 1)]}


def commitments_context(plan: UnitPlan) -> dict:
    last_due = {(o.holder.key, o.duty.id): o.due for o in plan.occurrences}
    rows = []
    for holder in plan.leaders:
        rows += [{"person": holder.name, "task": d.title, "measure": describe(d.frequency),
                  "deadline": cn_date(last_due.get((holder.key, d.id)))}
                 for d in holder.duties if d.frequency]
        rows.append({"person": holder.name, "task": "", "measure": "", "deadline": ""})
    return common(plan) | {"title": unit_title(plan, f"{plan.year}年度", plan.subject, "承诺清单"),
                           "rows": [{"no": i, **row} for i, row in enumerate(rows, 1)]}


def report_lines(holder: Holder) -> list[str]:
    return [f"{category}：{titles(duties)}" for category, duties in by_category(holder.duties).items()]


def member_line(holder: Holder) -> str:
    parts = [f"分管{oversees(holder)}" if holder.oversees else "", f"{len(holder.duties)}项责任事项",
             f"{len(holder.risks)}个廉政风险点" if holder.risks else ""]
    return f"{person(holder)}：" + "，".join(filter(None, parts))


def report_context(plan: UnitPlan) -> dict:
    parts = [("履行领导班子集体责任", report_lines(plan.collective)),
             (f"{person(plan.secretary)}履行第一责任人职责", report_lines(plan.secretary))]
    members = [h for h in others(plan) if h.role == "member"]
    if members:
        parts.append(("班子其他成员履行“一岗双责”", [member_line(h) for h in members]))
    for holder in (h for h in others(plan) if h.role == "discipline"):
        parts.append((f"{person(holder)}履行{duty_name(plan, holder.role)}", report_lines(holder)))
    recurring = [(d, h) for h in [plan.collective, *plan.leaders] for d in h.duties if d.frequency]
    shared = common(plan)
    return shared | {
        "title": unit_title(plan, "关于", f"{plan.year}年度", "落实", plan.subject, "责任", "情况的", "报告", "（提纲）"),
        "upper": plan.profile.上级,
        "parts": [{"heading": f"（{cn_number(i)}）{h}", "lines": lines} for i, (h, lines) in enumerate(parts, 1)],
        "recurring": [{"no": i, "task": d.title, "person": "领导班子" if h.role == "collective" else h.name,
                       "deadline": deadline(d)} for i, (d, h) in enumerate(recurring, 1)],
        "signoff": signoff(shared["signoff"]["issuer"], BLANK_DATE),
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
            name = file_name(stem, f"-{seen[name]}.docx")
        result.append((name, template, context))
    return result


def render_docx(plan: UnitPlan) -> dict[str, bytes]:
    """File name → .docx bytes for every Word document of the unit's pack."""
    return {name: fill(template, context) for name, template, context in documents(plan)}
