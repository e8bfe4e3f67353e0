"""Stage 2: from a unit profile and the knowledge base, what applies to whom and when.

The document renderers get the UnitPlan made here and nothing else: no YAML, no knowledge base.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..load.content import KnowledgeBase
from ..load.profile import Leader, Profile, Subunit
from ..load.schema import Area, Band, Case, Duty, Form, Item, Risk, Scheme, Tier
from ..vocabulary import DOMAINS, PROFILE_DUTIES, PROFILE_LEVELS
from .schedule import describe, due_dates


def select_duties(kb: KnowledgeBase, level: str, role: str, areas: list[str] = (),
                  domains: list[str] = DOMAINS) -> list[Duty]:
    """Duties of `role` at `level`; a member's area-specific duties only for the areas they oversee.

    The site's checklist builder repeats this rule in JavaScript; a test keeps the two equal.
    """
    return [
        duty for duty in kb.duties.values()
        if level in duty.levels and duty.role == role and duty.domain in domains and duty.scope is None
        and (not duty.areas or set(duty.areas) & set(areas))
    ]


def select_risks(kb: KnowledgeBase, level: str, areas: list[str]) -> list[Risk]:
    return [risk for risk in kb.risks.values()
            if risk.area in areas and (not risk.levels or level in risk.levels)]


@dataclass(frozen=True)
class Holder:
    """Whoever carries a set of duties: the leading group, or one leader."""

    key: str          # stable within a year: used in occurrence ids
    label: str        # 责任主体 as printed: 领导班子 / 第一责任人 / 一岗双责 / 监督责任
    name: str         # 责任人 as printed
    title: str        # 职务
    role: str         # content role key
    duties: tuple[Duty, ...]
    areas: tuple[Area, ...] = ()
    risks: tuple[Risk, ...] = ()
    contacts: tuple[Subunit, ...] = ()


@dataclass(frozen=True)
class Occurrence:
    id: str
    due: date
    duty: Duty
    holder: Holder


LETTER_UPPER, LETTER_MEMBER, LETTER_SUBUNIT = "上级-本单位", "书记-班子成员", "本单位-下属单位"


@dataclass(frozen=True)
class Letter:
    """A 责任书 between two parties; party A sets the duties party B undertakes."""

    kind: str
    party_a: str
    signer_a: str
    party_b: str
    signer_b: str
    holder: Holder    # whose duties the letter lists

    @property
    def personal(self) -> bool:
        """Signed by two leaders in person, not by two bodies under seal."""
        return self.kind == LETTER_MEMBER


@dataclass(frozen=True)
class AssessmentForm:
    """What a unit's 考核评分表 and 民主测评表 print, with the schemes each rule comes from.

    Items come from the schemes for the unit's level; the grade bands, evaluation tiers and the
    bad-vote rule are the sources' own numbers, taken from whichever scheme states them.
    """

    items: tuple[Item, ...]
    vetoes: tuple[str, ...]
    bands: tuple[Band, ...]
    tiers: tuple[Tier, ...]
    bad_vote_ratio: float | None
    bad_grade: str | None
    methods: tuple[str, ...]
    results_use: tuple[str, ...]
    basis: tuple[Scheme, ...]

    # The wording of each rule, the same in the Word and the Excel forms.
    @property
    def bands_text(self) -> str:
        return bands_text(self.bands)

    @property
    def tiers_text(self) -> str:
        return "、".join(f"{t.grade}（{t.score:g}分）" for t in self.tiers)

    @property
    def bad_vote_text(self) -> str:
        if not (self.bad_vote_ratio and self.bad_grade):
            return ""
        return f"“{self.bad_grade}”票达到{self.bad_vote_ratio:.0%}及以上的，评定为“{self.bad_grade}”。"

    @property
    def basis_text(self) -> str:
        return "、".join(f"《{s.title}》" for s in self.basis)


def bands_text(bands) -> str:
    """优秀（95分以上）、良好（80—94分）…"""
    parts = []
    for band in bands:
        span = f"{band.min:g}—{band.max:g}分" if band.max is not None else f"{band.min:g}分以上"
        parts.append(f"{band.grade}（{span}）")
    return "、".join(parts)


def _first(schemes: list[Scheme], has) -> Scheme | None:
    return next((s for s in schemes if has(s)), None)


def assessment_form(kb: KnowledgeBase, level: str) -> AssessmentForm:
    own = [s for s in kb.schemes.values() if s.scope is None and (not s.levels or level in s.levels)]
    every = list(kb.schemes.values())
    banded = _first(every, lambda s: s.bands)
    tiered = _first(every, lambda s: s.evaluation and len(s.evaluation.tiers) > 1)
    ratio = _first(every, lambda s: s.evaluation and s.evaluation.bad_vote_ratio)
    used = {s.id: s for s in [*own, banded, tiered, ratio] if s}
    return AssessmentForm(
        items=tuple(item for s in own for item in s.items),
        vetoes=tuple(dict.fromkeys(v for s in own for v in s.vetoes)),
        bands=tuple(banded.bands) if banded else (),
        tiers=tuple(tiered.evaluation.tiers) if tiered else (),
        bad_vote_ratio=ratio.evaluation.bad_vote_ratio if ratio else None,
        bad_grade=ratio.evaluation.bad_grade if ratio else None,
        methods=tuple(dict.fromkeys(m for s in own for m in s.methods)),
        results_use=tuple(dict.fromkeys(u for s in own for u in s.results_use)),
        basis=tuple(used.values()),
    )


@dataclass
class UnitPlan:
    """What one unit's pack holds. `blank` plans come from a synthetic profile: print fill-in lines."""

    profile: Profile
    year: int
    domains: tuple[str, ...]
    collective: Holder
    leaders: list[Holder]
    letters: list[Letter]
    occurrences: list[Occurrence]
    assessment: AssessmentForm
    cases: list[Case]
    forms: list[Form]
    blank: bool = False

    @property
    def secretary(self) -> Holder:
        return next(h for h in self.leaders if h.role == "first_responsible")


def _key(*parts: str) -> str:
    """A short id stable across regenerations: two leaders named 张伟 differ by duty or title."""
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:6]


def _leader_holder(kb: KnowledgeBase, leader: Leader, level: str, domains, subunits, twin: int) -> Holder:
    """`twin` counts earlier leaders with the same duty, name and title, so even they get distinct keys."""
    role = PROFILE_DUTIES[leader.责任]
    area_ids = list(dict.fromkeys(a.id for name in leader.分管 for a in kb.areas_for(name)))
    areas = tuple(kb.areas[i] for i in area_ids)
    return Holder(
        key=_key(leader.责任, leader.姓名, leader.职务, str(twin)), label=leader.责任, name=leader.姓名, title=leader.职务, role=role,
        duties=tuple(select_duties(kb, level, role, area_ids, domains)),
        areas=areas, risks=tuple(select_risks(kb, level, area_ids)),
        contacts=tuple(u for u in subunits if u.单位 in leader.联系点),
    )


def occurrences_for(holders: list[Holder], year: int) -> list[Occurrence]:
    result = []
    for holder in holders:
        for duty in holder.duties:
            if duty.frequency is None:
                continue
            for number, due in enumerate(due_dates(duty.frequency, year), 1):
                result.append(Occurrence(f"{year}-{duty.id}-{holder.key}-{number:02d}", due, duty, holder))
    result.sort(key=lambda o: (o.due, o.holder.key, o.duty.id))
    return result


BLANK = "＿＿＿＿＿＿"
_BLANK_SUBUNIT_LEVEL = {"县级": "乡镇", "乡镇": "村"}


def blank_profile(level: str, year: int) -> Profile:
    """A profile with fill-in lines for every name: one leader of each responsibility, one subunit."""
    sublevel = _BLANK_SUBUNIT_LEVEL.get(level)
    subunits = [{"单位": f"{BLANK}（下属单位）", "层级": sublevel, "负责人": BLANK, "职务": BLANK}] if sublevel else []
    leaders = [{"姓名": BLANK, "职务": BLANK, "责任": duty} for duty in ("第一责任人", "一岗双责", "监督责任")]
    return Profile.model_validate({"单位": BLANK, "层级": level, "上级": BLANK, "年度": year,
                                   "班子成员": leaders, "下属单位": subunits})


def compile_blank(kb: KnowledgeBase, level: str, year: int) -> UnitPlan:
    plan = compile_unit(kb, blank_profile(level, year))
    plan.blank = True
    return plan


def compile_unit(kb: KnowledgeBase, profile: Profile) -> UnitPlan:
    level = PROFILE_LEVELS[profile.层级]
    domains = tuple(profile.领域 or DOMAINS)
    secretary = profile.secretary
    collective = Holder(key="group", label="领导班子", name=secretary.姓名, title="领导班子", role="collective",
                        duties=tuple(select_duties(kb, level, "collective", [], domains)))
    seen: Counter = Counter()
    leaders = []
    for leader in profile.班子成员:
        identity = (leader.责任, leader.姓名, leader.职务)
        leaders.append(_leader_holder(kb, leader, level, domains, profile.下属单位, seen[identity]))
        seen[identity] += 1
    first = next(h for h in leaders if h.role == "first_responsible")
    letters = [Letter(LETTER_UPPER, profile.上级, "", profile.单位, secretary.姓名, collective)]
    letters += [Letter(LETTER_MEMBER, profile.单位, secretary.姓名, f"{h.name}（{h.title}）", h.name, h)
                for h in leaders if h is not first]
    for unit in profile.下属单位:
        sub_level = PROFILE_LEVELS[unit.层级]
        holder = Holder(key=_key(unit.单位), label="下属单位", name=unit.负责人, title=unit.职务, role="collective",
                        duties=tuple(select_duties(kb, sub_level, "collective", [], domains)
                                     + select_duties(kb, sub_level, "first_responsible", [], domains)))
        letters.append(Letter(LETTER_SUBUNIT, profile.单位, secretary.姓名, unit.单位, unit.负责人, holder))
    return UnitPlan(
        profile=profile, year=profile.年度, domains=domains,
        collective=collective, leaders=leaders, letters=letters,
        occurrences=occurrences_for([collective, *leaders], profile.年度),
        assessment=assessment_form(kb, level),
        cases=list(kb.cases.values()), forms=list(kb.forms.values()),
    )


@dataclass(frozen=True)
class ListRow:
    """One line of the 责任清单, the same in Word and Excel."""

    section: str      # 集体责任 / 第一责任人 / 一岗双责 / 监督责任
    category: str
    content: str
    measures: str
    holder: str
    deadline: str


ALL_YEAR = "全年"


def deadline(duty: Duty) -> str:
    """The 时限 a list prints for a duty: its rhythm, or the whole year."""
    return describe(duty.frequency) if duty.frequency else ALL_YEAR


def _duty_row(section: str, duty: Duty, holder: str) -> ListRow:
    return ListRow(section, duty.category, duty.text, "；".join(duty.measures), holder, deadline(duty))


def _risk_row(section: str, risk: Risk, area: str, holder: str) -> ListRow:
    return ListRow(section, f"廉政风险防控（{area}）", f"{risk.title}：{risk.text}", "；".join(risk.measures),
                   holder, ALL_YEAR)


def holder_rows(holder: Holder, section: str) -> list[ListRow]:
    who = holder.name if holder.role != "collective" else f"领导班子（{holder.name}牵头）"
    rows = [_duty_row(section, duty, who) for duty in holder.duties]
    names = {a.id: a.name for a in holder.areas}
    rows += [_risk_row(section, risk, names[risk.area], who) for risk in holder.risks]
    return rows


def responsibility_rows(plan: UnitPlan) -> list[ListRow]:
    """The unit's 责任清单: the collective first, then each leader in profile order."""
    rows = holder_rows(plan.collective, "集体责任")
    for holder in plan.leaders:
        rows += holder_rows(holder, f"{holder.label}（{holder.name}）")
    return rows
