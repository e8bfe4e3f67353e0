"""Stage 2: from a unit profile and the knowledge base, what applies to whom and when.

The document renderers get the UnitPlan made here and nothing else: no YAML, no knowledge base.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..load.content import KnowledgeBase
from ..load.profile import Leader, Profile, Subunit
from ..load.schema import TOKEN, Area, Band, Canonical, Case, Risk, Scheme, Tier
from ..vocabulary import (
    BODY_WORDS,
    CANONICAL_CATEGORIES,
    DOMAINS,
    LEVEL_TYPES,
    LEVELS,
    PROFILE_DUTIES,
    PROFILE_LEVELS,
    SOURCE_STANDING,
)
from .schedule import CHECKPOINTS, describe, due_dates, due_words


def select_duties(kb: KnowledgeBase, level: str, role: str, areas: list[str] = (),
                  domains: list[str] = DOMAINS, subunits: bool = True) -> list[Canonical]:
    """The canonical duties of `role` at `level`: a member's area-specific ones only for the areas they oversee,
    and duties about subordinate units only for units that have them.

    The site's checklist builder repeats this rule in JavaScript, for a unit that has subordinate units;
    a test keeps the two equal.
    """
    return [
        duty for duty in kb.canonical.values()
        if duty.level == level and duty.role == role and duty.domain in domains
        and (not duty.areas or set(duty.areas) & set(areas)) and (subunits or duty.when is None)
    ]


def unit_type(level: str, name: str, declared: str | None = None) -> str:
    """The kind of unit (乡镇 or 街道, 村 or 社区, 党组 or 党委): as the profile says, else from the unit's name."""
    if declared:
        return declared
    types = LEVEL_TYPES[level]
    return next((t for t in types[1:] if t in name), types[0])


def unit_words(level: str, name: str, declared: str | None = None) -> dict[str, str]:
    """What a unit calls its own bodies, for the {党委}/{会议}/{纪委}… of canonical texts."""
    words = dict(BODY_WORDS[unit_type(level, name, declared)])
    if level == "village" and "总支" in name:  # a general branch (党总支) calls itself so
        words["党委"] = "党总支"
    return words


def in_words(duty: Canonical, words: dict[str, str]) -> Canonical:
    """The duty as the unit reads it: every {token} replaced by the unit's own word."""
    def say(text: str) -> str:
        return TOKEN.sub(lambda m: words.get(m.group(1), m.group(0)), text)

    if not any("{" in text for text in (duty.title, duty.text, *duty.measures, *duty.evidence)):
        return duty
    return duty.model_copy(update={"title": say(duty.title), "text": say(duty.text),
                                   "measures": [say(m) for m in duty.measures],
                                   "evidence": [say(e) for e in duty.evidence]})


def leader_areas(kb: KnowledgeBase, leader: Leader) -> list[str]:
    return list(dict.fromkeys(a.id for name in leader.分管 for a in kb.areas_for(name)))


def lead_of(kb: KnowledgeBase, area_id: str | None, leaders: list[Leader]) -> Leader | None:
    """Who leads a collective duty of an area: the member overseeing it, else one whose post holds it by default
    (组织委员, 村委会主任 …); None when nobody does (the secretary leads)."""
    if area_id is None:
        return None
    overseer = next((m for m in leaders if area_id in leader_areas(kb, m)), None)
    posts = kb.areas[area_id].posts
    return overseer or next((m for m in leaders if any(post in m.职务 for post in posts)), None)


PRINCIPAL = "主要负责人"


def a_members_risk(risk: Risk) -> bool:
    """A generic risk a deputy can run: not one sector's, not one only the principal runs (一把手直接分管…)."""
    return risk.scope is None and not (risk.posts and all(PRINCIPAL in post for post in risk.posts))


def select_risks(kb: KnowledgeBase, level: str, areas: list[str]) -> list[Risk]:
    """The risks of the areas a member oversees, at the member's level.

    The site's lists repeat this rule in JavaScript (given only the risks `a_members_risk` allows); a test keeps
    the two equal.
    """
    return [risk for risk in kb.risks.values()
            if risk.area in areas and (not risk.levels or level in risk.levels) and a_members_risk(risk)]


@dataclass(frozen=True)
class Holder:
    """Whoever carries a set of duties: the leading group, or one leader."""

    key: str          # stable within a year: used in occurrence ids
    label: str        # 责任主体 as printed: 领导班子 / 第一责任人 / 一岗双责 / 监督责任
    name: str         # 责任人 as printed
    title: str        # 职务
    role: str         # content role key
    duties: tuple[Canonical, ...]   # in the unit's own words
    areas: tuple[Area, ...] = ()
    risks: tuple[Risk, ...] = ()
    contacts: tuple[Subunit, ...] = ()
    oversees: tuple[str, ...] = ()   # 分管 exactly as the profile writes it
    area_words: dict[str, str] = field(default_factory=dict)  # area id → the 分管 words it was read from
    leads: dict[str, str] = field(default_factory=dict)  # collective duty id → the leader who leads it

    def lead(self, duty: Canonical) -> str:
        """Who answers for a duty: the leader named for it, else the holder (for the group: the secretary)."""
        return self.leads.get(duty.id, self.name)


@dataclass(frozen=True)
class Occurrence:
    id: str
    due: date
    duty: Canonical
    holder: Holder


LETTER_UPPER, LETTER_MEMBER, LETTER_SUBUNIT = "上级-本单位", "书记-班子成员", "本单位-下属单位"


@dataclass(frozen=True)
class Terms:
    """What a letter says about assessment and accountability: the central rules governing its party B."""

    rules: tuple[str, ...]     # 《…》 the clauses follow, for the preamble
    methods: tuple[str, ...]   # how results are assessed
    uses: tuple[str, ...]      # what results are used for
    cases: tuple[str, ...]     # 情形 held to account
    forms: tuple[str, ...]     # 问责 forms, each once
    further: tuple[str, ...]   # what else the rules provide (移送司法机关, 减发绩效补贴), as they say it


@dataclass(frozen=True)
class Letter:
    """A 责任书 between two parties; party A sets the duties party B undertakes.

    Built from the two parties alone, so a letter between two units packed together is the same in both packs.
    """

    kind: str
    party_a: str
    signer_a: str
    party_b: str
    signer_b: str
    holder: Holder    # whose duties the attached list holds
    duties: tuple[Canonical, ...]   # the 5–12 the letter itself states
    terms: Terms
    domains: tuple[str, ...]
    day: date | None  # the date both sign: party A's 落款 date where known

    @property
    def personal(self) -> bool:
        """Signed by two leaders in person, not by two bodies under seal."""
        return self.kind == LETTER_MEMBER


LETTER_DUTIES = 12


def letter_duties(duties: tuple[Canonical, ...], limit: int = LETTER_DUTIES) -> tuple[Canonical, ...]:
    """The duties a letter states: one of each category (a dated one where there is), then the other dated
    ones, then the rest, at most `limit`, in category order."""
    order = {d.id: i for i, d in enumerate(duties)}
    ranked = sorted(duties, key=lambda d: (d.frequency is None, order[d.id]))
    chosen: dict[str, Canonical] = {}
    for duty in ranked:
        if duty.category not in {c.category for c in chosen.values()}:
            chosen[duty.id] = duty
    for duty in ranked:
        chosen.setdefault(duty.id, duty)
    picked = list(chosen.values())[:limit]
    return tuple(sorted(picked, key=lambda d: (CANONICAL_CATEGORIES.index(d.category), order[d.id])))


def cases_for(kb: KnowledgeBase, duties: list[Canonical]) -> list[Case]:
    """The accountability cases punishing the neglect of these duties (through the records they stand for),
    central rules first."""
    records = {r for d in duties for r in d.consolidates}
    cases = [c for c in kb.cases.values() if records & set(c.duties)]
    return sorted(cases, key=lambda c: SOURCE_STANDING.index(kb.source_of(c).kind))


def _central(kb: KnowledgeBase, record) -> bool:
    return kb.source_of(record).kind == "central"


def letter_terms(kb: KnowledgeBase, level: str, holder: Holder) -> Terms:
    """The clauses for a party B of `level` holding `holder`'s duties: the central scheme that applies at every
    level, the central 情形 linked to those duties, and the forms central rules set for that level's cadres."""
    general = [s for s in kb.schemes.values() if (not s.levels or set(s.levels) == set(LEVELS)) and _central(kb, s)]
    cases = [c for c in cases_for(kb, holder.duties) if _central(kb, c)]
    forms = [f for f in kb.forms.values() if level in f.levels and _central(kb, f)]
    cited = [c.split("/", 1)[0] for record in (*general, *cases, *forms) for c in record.sources]
    return Terms(
        rules=tuple(dict.fromkeys(f"《{kb.sources[s].title}》" for s in cited)),
        methods=tuple(dict.fromkeys(m for s in general for m in s.methods)),
        uses=tuple(dict.fromkeys(u for s in general for u in s.results_use)),
        cases=tuple(dict.fromkeys(c.title for c in cases)),
        forms=tuple(dict.fromkeys(f.name for f in forms if f.kind in ACCOUNTABILITY_KINDS)),
        further=tuple(dict.fromkeys(f.text or f.name for f in forms if f.kind not in ACCOUNTABILITY_KINDS)),
    )


ACCOUNTABILITY_KINDS = ("问责", "组织处理", "纪律处分")


@dataclass(frozen=True)
class ScoreItem:
    """One line of the 考核评分表: a category of the unit's duties, its points and how they are lost."""

    category: str     # 考核项目
    content: str      # 考核内容: the duties of the category, by title
    points: int       # 分值
    standard: str     # 评分标准


@dataclass(frozen=True)
class AssessmentForm:
    """What a unit's 考核评分表 and 民主测评表 print.

    No source scheme fitting a generic unit gives points, so the items are the unit's own canonical duties by
    category, with a reference allocation of 100 points (参考分值) in proportion to how many duties each holds.
    Bands, evaluation tiers and the bad-vote rule are the sources' own numbers; methods, uses and 依据 come
    from the central rules that fit the level (from the level's other rules only where no central one does).
    """

    items: tuple[ScoreItem, ...]
    vetoes: tuple[str, ...]
    bands: tuple[Band, ...]
    tiers: tuple[Tier, ...]
    bad_vote_ratio: float | None
    bad_grade: str | None
    methods: tuple[str, ...]
    results_use: tuple[str, ...]
    basis: tuple[str, ...]   # the rules the form follows, as printed: 《…》第二十一条

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
        rules = "、".join(self.basis)
        return (f"{rules}。" if rules else "") + REFERENCE_POINTS


REFERENCE_POINTS = "表中分值为参考分值，按本单位责任清单各类事项的多少折算，考核单位可以调整。"


def bands_text(bands) -> str:
    """优秀（95分以上）、良好（80—94分）…"""
    parts = []
    for band in bands:
        span = f"{band.min:g}—{band.max:g}分" if band.max is not None else f"{band.min:g}分以上"
        parts.append(f"{band.grade}（{span}）")
    return "、".join(parts)


def _first(schemes: list[Scheme], has) -> Scheme | None:
    return next((s for s in schemes if has(s)), None)


def allocate(counts: list[int], total: int = 100) -> list[int]:
    """Whole points in proportion to `counts`, adding up to `total` (largest remainders get the odd points)."""
    whole = sum(counts)
    shares = [total * c / whole for c in counts]
    points = [int(s) for s in shares]
    for i in sorted(range(len(counts)), key=lambda i: shares[i] - points[i], reverse=True)[:total - sum(points)]:
        points[i] += 1
    return points


def _points(value: float) -> str:
    """2, 2.5, 1.25, 1.67: as many decimals as the value needs, at most two."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _standard(points: int, duties: int) -> str:
    per = points / duties
    return (f"对照责任清单逐项检查{duties}项：未落实的每项扣{_points(per)}分，落实不到位的每项扣{_points(per / 2)}分，"
            "扣完为止")


def score_items(duties: list[Canonical]) -> tuple[ScoreItem, ...]:
    by_category: dict[str, list[Canonical]] = {}
    for duty in duties:
        by_category.setdefault(duty.category, []).append(duty)
    groups = sorted(by_category.items(), key=lambda g: CANONICAL_CATEGORIES.index(g[0]))
    points = allocate([len(group) for _, group in groups])
    return tuple(ScoreItem(category, "、".join(dict.fromkeys(d.title for d in group)), share, _standard(share, len(group)))
                 for (category, group), share in zip(groups, points, strict=True))


def _rule(kb: KnowledgeBase, scheme: Scheme) -> str:
    source_id, section = scheme.sources[0].split("/", 1)
    return f"《{kb.sources[source_id].title}》{section}"


def assessment_form(kb: KnowledgeBase, level: str, duties: list[Canonical]) -> AssessmentForm:
    fitting = [s for s in kb.schemes.values() if s.scope is None and (not s.levels or level in s.levels)]
    central = [s for s in fitting if _central(kb, s)]
    ruling = central or fitting
    every = list(kb.schemes.values())
    banded = _first(every, lambda s: s.bands)
    tiered = _first(every, lambda s: s.evaluation and len(s.evaluation.tiers) > 1)
    ratio = _first(every, lambda s: s.evaluation and s.evaluation.bad_vote_ratio)
    return AssessmentForm(
        items=score_items(duties),
        # a veto that defers to an attachment the source did not include cannot be applied
        vetoes=tuple(dict.fromkeys(v for s in fitting for v in s.vetoes if "附件" not in v)),
        bands=tuple(banded.bands) if banded else (),
        tiers=tuple(tiered.evaluation.tiers) if tiered else (),
        bad_vote_ratio=ratio.evaluation.bad_vote_ratio if ratio else None,
        bad_grade=ratio.evaluation.bad_grade if ratio else None,
        methods=tuple(dict.fromkeys(m for s in ruling for m in s.methods)),
        results_use=tuple(dict.fromkeys(u for s in ruling for u in s.results_use)),
        basis=tuple(_rule(kb, s) for s in central),
    )


@dataclass
class UnitPlan:
    """What one unit's pack holds. `blank` plans come from a synthetic profile: print fill-in lines."""

    profile: Profile
    year: int
    domains: tuple[str, ...]
    words: dict[str, str]     # what the unit calls its own bodies ({党委}, {纪委} …)
    collective: Holder
    leaders: list[Holder]
    letters: list[Letter]
    occurrences: list[Occurrence]
    assessment: AssessmentForm
    blank: bool = False

    @property
    def secretary(self) -> Holder:
        return next(h for h in self.leaders if h.role == "first_responsible")

    @property
    def subject(self) -> str:
        return subject(self.domains)


OVERALL = "全面从严治党"


def document_title(plan: "UnitPlan", name: str) -> str:
    """中共青石镇委员会2026年度全面从严治党责任清单: the same in a Word document and its workbook."""
    return f"{plan.profile.单位}{plan.year}年度{plan.subject}{name}"


def subject(domains: tuple[str, ...]) -> str:
    """What a unit's documents are about: one domain by name, all of them together as 全面从严治党."""
    return domains[0] if len(domains) == 1 else OVERALL


def _key(*parts: str) -> str:
    """A short id stable across regenerations: two leaders named 张伟 differ by duty or title."""
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:6]


@dataclass(frozen=True)
class Setting:
    """What selects and words a unit's duties: its level, domains, own words, and whether it has subunits."""

    level: str
    domains: tuple[str, ...]
    words: dict[str, str]
    subunits: bool

    def duties(self, kb: KnowledgeBase, role: str, areas: list[str] = ()) -> tuple[Canonical, ...]:
        return tuple(in_words(d, self.words) for d in select_duties(kb, self.level, role, areas, self.domains,
                                                                      self.subunits))


def _leader_holder(kb: KnowledgeBase, leader: Leader, setting: Setting, subunits, twin: int) -> Holder:
    """`twin` counts earlier leaders with the same duty, name and title, so even they get distinct keys."""
    role = PROFILE_DUTIES[leader.责任]
    area_ids = leader_areas(kb, leader)
    return Holder(
        key=_key(leader.责任, leader.姓名, leader.职务, str(twin)), label=leader.责任, name=leader.姓名, title=leader.职务, role=role,
        duties=setting.duties(kb, role, area_ids),
        areas=tuple(kb.areas[i] for i in area_ids), risks=tuple(select_risks(kb, setting.level, area_ids)),
        contacts=tuple(u for u in subunits if u.单位 in leader.联系点), oversees=tuple(leader.分管),
        area_words={i: "、".join(w for w in leader.分管 if any(a.id == i for a in kb.areas_for(w))) for i in area_ids},
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


@dataclass(frozen=True)
class Relatives:
    """The profiles of a unit's upper body and of its subunits, where they are packed together: the letters
    between two units then name each party as its own profile does, and read the same in both packs."""

    upper: Profile | None = None
    subunits: dict[str, Profile] = field(default_factory=dict)  # the subunit's name in this profile → its profile


def _is_profile_of(upper: Profile, subunit: Subunit, candidate: Profile) -> bool:
    """Whether `candidate` is the own profile of `subunit` of `upper`: it names `upper` as its 上级, for the
    same year, and has the subunit's name or the subunit's head as its secretary."""
    return (candidate.上级 == upper.单位 and candidate.年度 == upper.年度 and candidate.层级 == subunit.层级
            and (candidate.单位 == subunit.单位 or candidate.secretary.姓名 == subunit.负责人))


def relatives(profile: Profile, profiles: list[Profile]) -> Relatives:
    upper = next((p for p in profiles if p.单位 == profile.上级 and p.年度 == profile.年度
                  and any(_is_profile_of(p, s, profile) for s in p.下属单位)), None)
    subunits = {}
    for subunit in profile.下属单位:
        own = [p for p in profiles if _is_profile_of(profile, subunit, p)]
        if len(own) == 1:
            subunits[subunit.单位] = own[0]
    return Relatives(upper, subunits)


@dataclass(frozen=True)
class Party:
    """One side of a letter between two units."""

    name: str
    head: str                 # who signs for it: "" where not known
    day: date | None          # its 落款 date
    setting: Setting | None = None   # how it words its duties (needed for party B only)


def profile_setting(profile: Profile) -> Setting:
    level = PROFILE_LEVELS[profile.层级]
    return Setting(level, tuple(profile.领域 or DOMAINS), unit_words(level, profile.单位, profile.类型),
                   bool(profile.下属单位))


def own_party(profile: Profile) -> Party:
    return Party(profile.单位, profile.secretary.姓名, profile.落款.日期 if profile.落款 else None,
                 profile_setting(profile))


def subunit_party(unit: Subunit, own: Profile | None, upper: Setting) -> Party:
    if own is not None:
        return own_party(own)
    level = PROFILE_LEVELS[unit.层级]
    return Party(unit.单位, unit.负责人, None, Setting(level, upper.domains, unit_words(level, unit.单位), False))


def unit_letter(kb: KnowledgeBase, kind: str, upper: Party, lower: Party) -> Letter:
    """The letter between a body and the unit under it: the unit's collective and secretary's duties."""
    setting = lower.setting
    holder = Holder(key=_key(lower.name), label="本单位", name=lower.head, title="", role="collective",
                    duties=setting.duties(kb, "collective") + setting.duties(kb, "first_responsible"))
    return Letter(kind, upper.name, upper.head, lower.name, lower.head, holder, letter_duties(holder.duties),
                  letter_terms(kb, setting.level, holder), setting.domains, upper.day or lower.day)


def compile_unit(kb: KnowledgeBase, profile: Profile, related: Relatives = Relatives()) -> UnitPlan:
    """`related`: the profiles of the upper body and subunits packed along, if any (see `relatives`)."""
    me = own_party(profile)
    setting = me.setting
    secretary = profile.secretary
    duties = setting.duties(kb, "collective")
    leads = {d.id: lead.姓名 for d in duties if (lead := lead_of(kb, d.lead, profile.班子成员))}
    collective = Holder(key="group", label="领导班子", name=secretary.姓名, title="领导班子", role="collective",
                        duties=duties, leads=leads)
    seen: Counter = Counter()
    leaders = []
    for leader in profile.班子成员:
        identity = (leader.责任, leader.姓名, leader.职务)
        leaders.append(_leader_holder(kb, leader, setting, profile.下属单位, seen[identity]))
        seen[identity] += 1
    first = next(h for h in leaders if h.role == "first_responsible")
    upper = own_party(related.upper) if related.upper else Party(profile.上级, "", None)
    letters = [unit_letter(kb, LETTER_UPPER, upper, me)]
    letters += [Letter(LETTER_MEMBER, profile.单位, secretary.姓名, f"{h.name}（{h.title}）", h.name, h,
                       letter_duties(h.duties), letter_terms(kb, setting.level, h), setting.domains, me.day)
                for h in leaders if h is not first]
    letters += [unit_letter(kb, LETTER_SUBUNIT, me, subunit_party(unit, related.subunits.get(unit.单位), setting))
                for unit in profile.下属单位]
    return UnitPlan(
        profile=profile, year=profile.年度, domains=setting.domains, words=setting.words,
        collective=collective, leaders=leaders, letters=letters,
        occurrences=occurrences_for([collective, *leaders], profile.年度),
        assessment=assessment_form(kb, setting.level, list({d.id: d for h in [collective, *leaders] for d in h.duties}.values())),
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
CHECKPOINT_NOTE = "时限：定期工作为依据规定的时间；经常性工作为检查落实情况的时间节点。"


def rhythm(duty: Canonical) -> str:
    """How often a duty recurs, as its sources say: 每季度至少1次; 全年 for standing duties."""
    return describe(duty.frequency) if duty.frequency else ALL_YEAR


def deadline(duty: Canonical) -> str:
    """The 时限 a list prints: when the duty is due, or for a standing duty when the list checks it."""
    return due_words(duty.frequency or CHECKPOINTS[duty.category])


RISK_CATEGORY = "廉政风险防控"


def risk_deadline() -> str:
    """The 时限 a list prints for a risk control: when the list checks it."""
    return due_words(CHECKPOINTS[RISK_CATEGORY])


def _duty_row(section: str, duty: Canonical, holder: str) -> ListRow:
    return ListRow(section, duty.category, duty.text, "；".join(duty.measures), holder, deadline(duty))


def _risk_row(section: str, risk: Risk, area: str, holder: str) -> ListRow:
    return ListRow(section, f"{RISK_CATEGORY}（{area}）", f"{risk.title}：{risk.text}", "；".join(risk.measures),
                   holder, risk_deadline())


def holder_rows(holder: Holder, section: str) -> list[ListRow]:
    def who(duty: Canonical | None = None) -> str:
        return f"{holder.lead(duty)}牵头" if holder.role == "collective" and duty else holder.name

    rows = [_duty_row(section, duty, who(duty)) for duty in holder.duties]
    rows += [_risk_row(section, risk, holder.area_words.get(risk.area, risk.area), who()) for risk in holder.risks]
    return rows


def responsibility_rows(plan: UnitPlan) -> list[ListRow]:
    """The unit's 责任清单: the collective first, then each leader in profile order."""
    rows = holder_rows(plan.collective, "集体责任")
    for holder in plan.leaders:
        scope = f"，分管{'、'.join(holder.oversees)}" if holder.oversees else ""
        rows += holder_rows(holder, f"{holder.label}（{holder.name}{scope}）")
    return rows
