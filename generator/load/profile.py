"""The unit profile (单位档案): a user-filled YAML file with Chinese keys, validated like content."""

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from ..limits import LIST_ITEMS, MEMBERS, PROFILE_BYTES, SUBUNITS, TEXT_CHARS
from ..problems import Problem, ProblemsFound, display_path
from ..vocabulary import Domain, ProfileDuty, ProfileLevel
from .content import KnowledgeBase
from .validation import validate
from .yamlsource import UNPRINTABLE, YamlDocument, read_yaml, unprintable_message

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
    path: Path
    profile: Profile
    notes: list[Problem]  # hints that do not stop generation


def load_profile(path: Path, kb: KnowledgeBase) -> LoadedProfile:
    """Read and validate one profile; raise ProblemsFound if it cannot be used."""
    try:
        return _load_profile(path, kb)
    except ProblemsFound:
        raise
    except Exception as exc:  # a defect must not cost the other profiles of a batch their turn
        raise ProblemsFound([Problem(display_path(path), 1, 1, f"读取失败（程序内部错误 {type(exc).__name__}）："
                                                               "其他档案不受影响，请把本档案和这条信息报给维护人员")]) from exc


def _load_profile(path: Path, kb: KnowledgeBase) -> LoadedProfile:
    doc = read_yaml(path, PROFILE_BYTES)
    if not isinstance(doc.data, dict):
        raise ProblemsFound([doc.problem((), "单位档案应为“键: 值”的表，第一行通常是“单位: …”")])
    profile, problems = validate(doc, Profile)
    if profile is None:
        raise ProblemsFound(problems)
    problems = _semantic_problems(doc, profile)
    if problems:
        raise ProblemsFound(problems)
    return LoadedProfile(path, profile, _area_hints(doc, profile, kb))


PLACEHOLDER = "请填写"


def _placeholders(doc: YamlDocument, value=None, loc: tuple = ()) -> list[Problem]:
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


def _semantic_problems(doc: YamlDocument, profile: Profile) -> list[Problem]:
    problems = _placeholders(doc)
    firsts = [i for i, m in enumerate(profile.班子成员) if m.责任 == "第一责任人"]
    if not firsts:
        problems.append(doc.problem(("班子成员",), "班子成员中没有“责任: 第一责任人”：请指定书记（主要负责人）为第一责任人",
                                    key=True))
    for i in firsts[1:]:
        first = profile.班子成员[firsts[0]].姓名
        problems.append(doc.problem(("班子成员", i, "责任"),
                                    f"第一责任人只能有一位（已有“{first}”）：请把这一位改为“一岗双责”或“监督责任”"))
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


def _area_hints(doc: YamlDocument, profile: Profile, kb: KnowledgeBase) -> list[Problem]:
    hints = []
    for i, leader in enumerate(profile.班子成员):
        for j, name in enumerate(leader.分管):
            if not kb.areas_for(name):
                hints.append(doc.problem(("班子成员", i, "分管", j),
                                         f"分管“{name}”在知识库中没有对应的廉政风险点，清单中只列通用的一岗双责",
                                         hint=True))
    return hints
