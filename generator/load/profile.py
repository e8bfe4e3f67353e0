"""The unit profile (单位档案): a user-filled YAML file with Chinese keys, validated like content.

A roster's row is validated here too (load/roster.py builds the same data from its cells).
"""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Protocol

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from ..limits import LIST_ITEMS, MEMBERS, PROFILE_BYTES, SUBUNITS, TEXT_CHARS
from ..problems import Place, Problem, ProblemsFound
from ..vocabulary import LEVEL_TYPES, PROFILE_LEVELS, Domain, ProfileDuty, ProfileLevel, UnitType
from .content import KnowledgeBase
from .validation import validate
from .yamlsource import UNPRINTABLE, read_yaml, unprintable_message

_LINE_BREAK = re.compile("[\t\n\r\x85\u2028\u2029]")


def _printable_line(text: str) -> str:
    """Names and titles go into file names, table cells, calendar lines and XML: one printable line."""
    unprintable = UNPRINTABLE.search(text)
    if unprintable:
        raise ValueError(unprintable_message(unprintable.group()))
    if _LINE_BREAK.search(text):
        raise ValueError("不能换行，也不能有 Tab：请写在一行内")
    return text


Text = Annotated[str, StringConstraints(min_length=1, max_length=TEXT_CHARS, strip_whitespace=True),
                 AfterValidator(_printable_line)]
Items = Annotated[list[Text], Field(max_length=LIST_ITEMS)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Leader(_Strict):
    姓名: Text
    职务: Text
    责任: ProfileDuty
    分管: Items = []
    联系点: Items = []


class Subunit(_Strict):
    单位: Text
    层级: ProfileLevel
    负责人: Text
    职务: Text


class Signoff(_Strict):
    机关: Text
    日期: Annotated[date, Field(strict=False)]


class Profile(_Strict):
    单位: Text
    层级: ProfileLevel
    类型: UnitType | None = None  # 乡镇|街道, 村|社区, 党组|党委: else read from the unit's name
    上级: Text
    年度: int = Field(ge=2000, le=2100)
    领域: Annotated[list[Domain], Field(max_length=LIST_ITEMS)] | None = None
    班子成员: list[Leader] = Field(min_length=1, max_length=MEMBERS)
    下属单位: Annotated[list[Subunit], Field(max_length=SUBUNITS)] = []
    落款: Signoff | None = None

    @property
    def secretary(self) -> Leader:
        return next(m for m in self.班子成员 if m.责任 == "第一责任人")


@dataclass(frozen=True)
class LoadedProfile:
    place: Place  # where the unit is: its file, or its row of a roster
    profile: Profile
    notes: list[Problem]  # hints that do not stop generation


@dataclass
class UnitRead:
    """One unit as read from a profile or a roster's row, or an input that gave no usable unit."""

    place: Place
    loaded: LoadedProfile | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.loaded is not None


class ProfileDocument(Protocol):
    """What validation needs of a unit's source: a YAML document, or a roster's row with its cells."""

    data: Any
    place: Place

    def spot(self, loc: tuple, *, key: bool = False) -> Any: ...  # has .raw: the YAML text of a misread value

    def problem(self, loc: tuple, message: str, *, key: bool = False, hint: bool = False) -> Problem: ...


def load_profile(path: Path, kb: KnowledgeBase) -> LoadedProfile:
    """Read and validate one profile; raise ProblemsFound if it cannot be used."""
    return validate_profile(read_yaml(path, PROFILE_BYTES), kb)


def validate_profile(doc: ProfileDocument, kb: KnowledgeBase) -> LoadedProfile:
    """Validate one unit's data; raise ProblemsFound, placed in the document, if it cannot be used."""
    if not isinstance(doc.data, dict):
        raise ProblemsFound([doc.problem((), "单位档案应为“键: 值”的表，第一行通常是“单位: …”")])
    profile, problems = validate(doc, Profile)
    if profile is None:
        raise ProblemsFound(problems)
    problems = _semantic_problems(doc, profile)
    if problems:
        raise ProblemsFound(problems)
    return LoadedProfile(doc.place, profile, _area_hints(doc, profile, kb))


PLACEHOLDER = "请填写"


def _placeholders(doc: ProfileDocument, value=None, loc: tuple = ()) -> list[Problem]:
    """Values still holding the starter's placeholder text: they would be printed on signed letters."""
    value = doc.data if not loc else value
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _placeholders(doc, v, (*loc, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _placeholders(doc, v, (*loc, i))]
    if isinstance(value, str) and PLACEHOLDER in value:
        label = next(part for part in reversed(loc) if isinstance(part, str))
        return [doc.problem(loc, f"“{label}”还没有填写（仍是“{value}”）：请填上实际内容")]
    return []


def _semantic_problems(doc: ProfileDocument, profile: Profile) -> list[Problem]:
    problems = _placeholders(doc)
    firsts = [i for i, m in enumerate(profile.班子成员) if m.责任 == "第一责任人"]
    if not firsts:
        problems.append(doc.problem(("班子成员",), "班子成员中没有“责任: 第一责任人”：请指定书记（主要负责人）为第一责任人",
                                    key=True))
    for i in firsts[1:]:
        first = profile.班子成员[firsts[0]].姓名
        problems.append(doc.problem(("班子成员", i, "责任"),
                                    f"第一责任人只能有一位（已有“{first}”）：请把这一位改为“一岗双责”或“监督责任”"))
    types = LEVEL_TYPES[PROFILE_LEVELS[profile.层级]]
    if profile.类型 and profile.类型 not in types:
        problems.append(doc.problem(("类型",), f"类型“{profile.类型}”与层级“{profile.层级}”不符：{profile.层级}可填 "
                                              + "、".join(types) + "，或删去此行"))
    names = [u.单位 for u in profile.下属单位]
    for i, leader in enumerate(profile.班子成员):
        for j, point in enumerate(leader.联系点):
            if point not in names:
                known = "、".join(names) if names else "（尚未填写下属单位）"
                problems.append(doc.problem(("班子成员", i, "联系点", j),
                                            f"联系点“{point}”不在“下属单位”中：请写下属单位里的名称之一：{known}"))
    seen: dict[str, int] = {}
    for i, unit in enumerate(profile.下属单位):
        if unit.单位 in seen:
            problems.append(doc.problem(("下属单位", i, "单位"), f"下属单位“{unit.单位}”重复：删掉其中一处"))
        seen.setdefault(unit.单位, i)
    return problems


def _area_hints(doc: ProfileDocument, profile: Profile, kb: KnowledgeBase) -> list[Problem]:
    hints = []
    for i, leader in enumerate(profile.班子成员):
        for j, name in enumerate(leader.分管):
            if not kb.areas_for(name):
                hints.append(doc.problem(("班子成员", i, "分管", j),
                                         f"分管“{name}”在知识库中没有对应的廉政风险点，清单中只列通用的一岗双责",
                                         hint=True))
    return hints
