"""The knowledge base schema: every record in content/ is one of these models.

Models are strict: a YAML value of the wrong type (a bare `no` read as a boolean, a number
where text belongs) is an error, never silently converted.
"""

import re
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from ..vocabulary import (
    BODY_WORDS,
    LEVEL_TYPES,
    CanonicalCategory,
    Condition,
    Domain,
    HolderRole,
    Level,
    Period,
    Role,
    Severity,
    SourceKind,
    Window,
)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(min_length=1)]
# "source-id/section-id", e.g. "reg2020/第八条"
Citation = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*/[^/\s]+$")]
MonthDay = Annotated[str, StringConstraints(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]
LaxDate = Annotated[date, Field(strict=False)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Cited(Record):
    id: Id
    sources: list[Citation] = Field(min_length=1)


def _real_day(month_day: str) -> bool:
    try:
        date(2001, *map(int, month_day.split("-")))  # a common year: 02-29 is not every year's
    except ValueError:
        return False
    return True


class Frequency(Record):
    """A rhythm: `times` occurrences every `per`; optionally in a window or on fixed dates."""

    per: Period
    times: int = Field(default=1, ge=1, le=31)
    window: Window | None = None
    dates: list[MonthDay] = []

    @model_validator(mode="after")
    def _consistent(self):
        if self.dates and len(self.dates) != self.times:
            raise ValueError(f"dates 列出了 {len(self.dates)} 个日期，但 times 是 {self.times}：两者应相等")
        for month_day in self.dates:
            if month_day == "02-29" or not _real_day(month_day):
                raise ValueError(f"日期 {month_day} 不是每年都有的日子：请改为该月实际存在的日期（2月写 02-28）")
        if self.dates and self.per != "year":
            raise ValueError("dates 只用于 per: year（写出全年各次的月-日）")
        if self.window and self.per != "year":
            raise ValueError("window（年初/年中/年底）只用于 per: year")
        return self


class Duty(Cited):
    levels: list[Level] = Field(min_length=1)
    role: Role
    subject: Text | None = None
    # A narrower kind of unit the duty is written for (企业, 团组织, 检察机关…): shown on the site,
    # left out of the generic packs and checklists.
    scope: Text | None = None
    category: Text
    domain: Domain
    title: Text
    text: Text
    measures: list[Text] = []
    frequency: Frequency | None = None
    evidence: list[Text] = []
    tags: list[Text] = []
    areas: list[Id] = []


TOKEN = re.compile(r"\{([^{}]*)\}")  # a {党委}-style token of a canonical text


class Canonical(Record):
    """A canonical duty (标准责任事项): one distinct duty of one role at one level, in that level's words.

    Packs, checklists, calendars and role pages use these; the source duty records it `consolidates`
    stay as the fidelity trail, and its 依据 is derived from theirs (central rules first).
    """

    id: Id
    level: Level
    role: HolderRole
    category: CanonicalCategory
    domain: Domain
    title: Text
    text: Text            # action + object + rhythm; {党委}/{会议}/{纪委}… become the unit's own words
    measures: list[Text] = Field(min_length=1, max_length=3)   # 工作措施
    frequency: Frequency | None = None
    evidence: list[Text] = []
    lead: Id | None = None    # for collective duties: the 分管 area whose leader leads it (else the secretary)
    areas: list[Id] = []      # for member duties: only for members overseeing one of these areas
    when: Condition | None = None
    consolidates: list[Id] = Field(min_length=1)

    @model_validator(mode="after")
    def _words_of_its_level(self):
        allowed = set.intersection(*(set(BODY_WORDS[t]) for t in LEVEL_TYPES[self.level]))
        for text in (self.title, self.text, *self.measures, *self.evidence):
            for token in TOKEN.findall(text):
                if token not in allowed:
                    raise ValueError(f"“{{{token}}}”不是本层级可用的机构称谓：可用 "
                                     + "、".join(f"{{{t}}}" for t in sorted(allowed)))
        if self.areas and self.role != "member":
            raise ValueError("areas 只用于 role: member（按分管领域细化的一岗双责）")
        if self.lead and self.role != "collective":
            raise ValueError("lead 只用于 role: collective（集体责任由哪位分管领导牵头）")
        return self


class Exclusion(Record):
    """A source duty record that no canonical duty of these levels stands for, and why (one line)."""

    record: Id
    levels: list[Level] = Field(min_length=1)
    reason: Text


class Case(Cited):
    group: Text
    title: Text
    text: Text
    duties: list[Id] = []


class Form(Cited):
    group: Text
    name: Text
    kind: Text
    severity: Severity | None = None
    text: Text | None = None
    # The levels whose cadres a central rule sets these forms for: a 责任书 with a unit of that level
    # prints them. Forms of local rules and reference material leave it empty.
    levels: list[Level] = []


class Rule(Cited):
    title: Text
    text: Text
    effective: LaxDate | None = None
    superseded_by: Id | None = None


class Item(Record):
    id: Id
    category: Text | None = None
    title: Text
    points: float | None = Field(default=None, ge=0)
    text: Text | None = None
    deduction: Text | None = None


class Band(Record):
    grade: Text
    min: float = Field(ge=0)
    max: float | None = None


class Tier(Record):
    grade: Text
    score: float = Field(ge=0)


class Evaluation(Record):
    tiers: list[Tier] = Field(min_length=1)
    bad_vote_ratio: float | None = Field(default=None, gt=0, le=1)
    bad_grade: Text | None = None
    text: Text | None = None


class Scheme(Cited):
    title: Text
    subject: Text
    scope: Text | None = None  # as Duty.scope: a scheme written for a narrower kind of unit
    levels: list[Level] = []
    purpose: Text | None = None
    principles: list[Text] = []
    content: list[Text] = []
    methods: list[Text] = []
    items: list[Item] = []
    vetoes: list[Text] = []
    bands: list[Band] = []
    evaluation: Evaluation | None = None
    results_use: list[Text] = []


class Point(Record):
    title: Text
    text: Text


class Mechanism(Cited):
    name: Text
    category: Text
    text: Text
    levels: list[Level] = []
    points: list[Point] = []
    frequency: Frequency | None = None
    duties: list[Id] = []


class Area(Record):
    """A 分管 area: the names people write for it, and the posts (职务 words) that hold it by default."""

    id: Id
    name: Text
    aliases: list[Text] = []
    posts: list[Text] = []


class Risk(Cited):
    area: Id
    title: Text
    text: Text
    levels: list[Level] = []
    scope: Text | None = None  # as Duty.scope: a risk of one sector, left out of generic packs
    posts: list[Text] = []
    measures: list[Text] = Field(min_length=1)


class Term(Cited):
    term: Text
    aliases: list[Text] = []
    definition: Text
    related: list[Id] = []


class Synonym(Record):
    """Words people type for one thing (村支书, 村党组织书记): the site's search finds any of them by each."""

    id: Id
    words: list[Text] = Field(min_length=2)

    @field_validator("words")
    @classmethod
    def _distinct(cls, words: list[str]) -> list[str]:
        repeated = sorted({w for w in words if words.count(w) > 1})
        if repeated:
            raise ValueError(f"“{'、'.join(repeated)}”在本组中重复：每个词只写一次")
        return words


class Section(Record):
    id: Annotated[str, StringConstraints(pattern=r"^[^/\s]+$")]
    title: Text


class Source(Record):
    id: Id
    title: Text
    short: Text
    issuer: Text | None = None
    date: LaxDate | None = None
    year: int | None = None
    kind: SourceKind
    file: Text | None = None
    note: Text | None = None
    sections: list[Section] = Field(min_length=1)


class ContentFile(Record):
    """One YAML file in content/: any of the collections, each a list of records."""

    sources: list[Source] = []
    duties: list[Duty] = []
    cases: list[Case] = []
    forms: list[Form] = []
    rules: list[Rule] = []
    schemes: list[Scheme] = []
    mechanisms: list[Mechanism] = []
    areas: list[Area] = []
    risks: list[Risk] = []
    terms: list[Term] = []
    canonical: list[Canonical] = []
    excluded: list[Exclusion] = []
    synonyms: list[Synonym] = []


COLLECTIONS: tuple[str, ...] = tuple(ContentFile.model_fields)
