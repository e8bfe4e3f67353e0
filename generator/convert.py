"""A roster from profiles and profiles from a roster: `zerentian new 名册.xlsx --from 档案目录/` and back.

Every unit converts or none does: a unit left behind for its mistakes would silently be missing from
the other side. Converting one way and back gives the same profiles.
"""

from .filenames import file_name
from .load.content import KnowledgeBase
from .load.profile import Profile, UnitRead
from .problems import Problem, ProblemsFound
from .render.roster import profile_yaml, render_roster
from .sheets import LEADER_COLUMNS, LIST_COLUMNS, LIST_SEPARATORS


def blank_roster(kb: KnowledgeBase) -> bytes:
    return render_roster([], _areas(kb))


def roster_from_profiles(kb: KnowledgeBase, units: list[UnitRead]) -> bytes:
    """One roster holding every unit; ProblemsFound if any unit cannot be used or would not read back the same."""
    _all_usable(units)
    problems, seen = [], {}
    for unit in units:
        profile = unit.loaded.profile
        if profile.单位 in seen:
            problems.append(unit.place.problem(f"单位“{profile.单位}”与 {seen[profile.单位]} 重名："
                                               "名册按单位名称对应各表的行，请确认是否重复"))
        seen.setdefault(profile.单位, unit.place)
        problems.extend(unit.place.problem(message) for message in _unsplittable(profile))
    if problems:
        raise ProblemsFound(problems)
    return render_roster((unit.loaded.profile for unit in units), _areas(kb))


def profiles_from_roster(units: list[UnitRead], origin: str) -> dict[str, bytes]:
    """One YAML file per unit, named after it; ProblemsFound if any unit cannot be used."""
    _all_usable(units)
    files: dict[str, bytes] = {}
    owners: dict[str, UnitRead] = {}
    problems = []
    for unit in units:
        profile = unit.loaded.profile
        name = file_name(profile.单位, ".yaml")
        if name in owners:
            problems.append(unit.place.problem(f"单位“{profile.单位}”与 {owners[name].place} 的档案文件名相同（{name}）："
                                               "请改用不同的单位名称"))
        owners.setdefault(name, unit)
        files[name] = profile_yaml(profile, origin).encode("utf-8")
    if problems:
        raise ProblemsFound(problems)
    return files


def _all_usable(units: list[UnitRead]) -> None:
    problems: list[Problem] = [p for unit in units for p in unit.problems]
    if problems:
        raise ProblemsFound(problems)


def _unsplittable(profile: Profile) -> list[str]:
    """List items that hold a separator: the roster's cell would read back as more items than were written."""
    items = [("领域", value) for value in profile.领域 or ()]
    for member in profile.班子成员:
        items += [(f"{member.姓名}的{heading}", value) for heading in LEADER_COLUMNS if heading in LIST_COLUMNS
                  for value in getattr(member, heading)]
    return [f"{what}“{value}”含有分隔符：名册的一格中用“、”等分隔多项，请把它拆成几项或去掉分隔符"
            for what, value in items if any(sep in value for sep in LIST_SEPARATORS)]


def _areas(kb: KnowledgeBase) -> list[str]:
    return [area.name for area in kb.areas.values()]
