"""Every enumeration and its Chinese label, in one place.

Content keys are English and stable; what users read comes from here.
"""

from typing import Literal, get_args

Level = Literal["county", "department", "township", "village"]
Role = Literal["collective", "first_responsible", "member", "discipline", "functional"]
# The roles a unit's leading group holds: every canonical duty has one of these.
HolderRole = Literal["collective", "first_responsible", "member", "discipline"]
Domain = Literal["党风廉政建设", "基层党建", "意识形态"]
Period = Literal["year", "half", "quarter", "month"]
Window = Literal["年初", "年中", "年底"]
Severity = Literal["较轻", "较重", "严重"]
SourceKind = Literal["central", "local", "reference"]

LEVEL_LABELS: dict[str, str] = {
    "county": "县级（市、县、区）党委",
    "department": "部门（单位）党组（党委）",
    "township": "乡镇（街道）党委（党工委）",
    "village": "村（社区）党支部（总支）",
}
ROLE_LABELS: dict[str, str] = {
    "collective": "领导班子集体责任",
    "first_responsible": "主要负责人第一责任",
    "member": "班子其他成员一岗双责",
    "discipline": "纪委（纪检组、纪检委员）监督责任",
    "functional": "职能部门责任",
}
# A holder's duty as a document names it, in the unit's own words ({纪委} → 纪委, 派驻纪检监察组, 纪检委员).
DUTY_NAMES: dict[str, str] = {
    "collective": "领导班子集体责任",
    "first_responsible": "第一责任人职责",
    "member": "“一岗双责”",
    "discipline": "{纪委}监督责任",
}
PERIOD_LABELS: dict[str, str] = {"year": "每年", "half": "每半年", "quarter": "每季度", "month": "每月"}
# A source's standing: what a document may print as 依据. 参考材料 (lectures, model essays, research)
# is cited only where no regulation covers a duty.
SOURCE_KIND_LABELS: dict[str, str] = {
    "central": "中央党内法规",
    "local": "地方制度",
    "reference": "参考材料",
}
SOURCE_STANDING: tuple[str, ...] = ("central", "local", "reference")  # strongest first

# Canonical duties (标准责任事项) are grouped by these categories, the same at every level.
CanonicalCategory = Literal["组织领导", "学习教育", "责任落实", "基层组织建设", "选人用人", "作风建设", "纪律建设",
                            "意识形态", "民主管理", "廉政风险防控", "监督检查", "考核问责", "履责报告", "表率作用"]
CANONICAL_CATEGORIES: tuple[str, ...] = get_args(CanonicalCategory)
# The 主要任务 of an implementation plan, one per category of the unit's duties.
CATEGORY_TASKS: dict[str, str] = {
    "组织领导": "加强组织领导", "学习教育": "抓好学习教育", "责任落实": "压实工作责任", "基层组织建设": "建强基层组织",
    "选人用人": "严格选人用人", "作风建设": "持续改进作风", "纪律建设": "严明纪律规矩", "意识形态": "落实意识形态工作责任制",
    "民主管理": "推进民主管理", "廉政风险防控": "强化廉政风险防控", "监督检查": "强化监督检查", "考核问责": "严格考核问责",
    "履责报告": "如实报告履责情况", "表率作用": "发挥示范表率作用",
}
assert set(CATEGORY_TASKS) == set(CANONICAL_CATEGORIES)

# What a unit calls its own bodies, by unit type (the profile's 类型, or derived from its name).
# Canonical duty texts write {党委}, {会议}, {纪委}, {乡镇}, {村}, {村委会}; a unit's pack reads its own words.
BODY_WORDS: dict[str, dict[str, str]] = {
    "县委": {"党委": "县委", "会议": "县委常委会会议", "纪委": "县纪委监委"},
    "党组": {"党委": "党组", "会议": "党组会议", "纪委": "派驻纪检监察组"},
    "党委": {"党委": "党委", "会议": "党委会议", "纪委": "纪委"},
    "乡镇": {"党委": "党委", "会议": "党委会议", "纪委": "纪委", "乡镇": "乡镇"},
    "街道": {"党委": "党工委", "会议": "党工委会议", "纪委": "纪工委", "乡镇": "街道"},
    "村": {"党委": "党支部", "会议": "支委会", "纪委": "纪检委员", "村": "村", "村委会": "村委会"},
    "社区": {"党委": "党支部", "会议": "支委会", "纪委": "纪检委员", "村": "社区", "村委会": "居委会"},
}
# Unit types of each level, the usual one first (the site and blank documents use it).
LEVEL_TYPES: dict[str, tuple[str, ...]] = {
    "county": ("县委",), "department": ("党组", "党委"), "township": ("乡镇", "街道"), "village": ("村", "社区"),
}
UnitType = Literal[tuple(BODY_WORDS)]  # type: ignore[valid-type]
# Conditions a canonical duty may carry: it applies only to units that have what it names.
Condition = Literal["有下属单位"]

# The unit profile (单位档案) is filled by users in Chinese; these map its values to content keys.
PROFILE_LEVELS: dict[str, str] = {"县级": "county", "部门": "department", "乡镇": "township", "村": "village"}
PROFILE_DUTIES: dict[str, str] = {"第一责任人": "first_responsible", "一岗双责": "member", "监督责任": "discipline"}
ProfileLevel = Literal[tuple(PROFILE_LEVELS)]  # type: ignore[valid-type]
ProfileDuty = Literal[tuple(PROFILE_DUTIES)]  # type: ignore[valid-type]

# What the checklist builder and 本月要做什么 offer to choose, with the holder roles each lists: the group's
# collective duty, the profile's three 责任, and 书记, who leads the group and is its first responsible person.
LIST_ROLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "secretary": ("书记", ("collective", "first_responsible")),
    "collective": ("集体责任", ("collective",)),
    "first_responsible": ("第一责任人", ("first_responsible",)),
    "member": ("一岗双责", ("member",)),
    "discipline": ("监督责任", ("discipline",)),
}
# Who the home page starts from: the reader's words for themselves, and the lists (层级, list role) that are theirs.
READERS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "village-secretary": ("村（社区）党组织书记", (("village", "secretary"),)),
    "township-secretary": ("乡镇（街道）党委书记", (("township", "secretary"),)),
    "member": ("班子成员", (("township", "member"), ("village", "member"), ("department", "member"),
                           ("county", "member"))),
    "discipline": ("纪委书记 / 纪检委员", (("township", "discipline"), ("village", "discipline"),
                                        ("department", "discipline"), ("county", "discipline"))),
    "department": ("县直部门", (("department", "secretary"),)),
}

DOMAINS: tuple[str, ...] = get_args(Domain)
LEVELS: tuple[str, ...] = get_args(Level)
ROLES: tuple[str, ...] = get_args(Role)
HOLDER_ROLES: tuple[str, ...] = get_args(HolderRole)

SEVERITIES: tuple[str, ...] = get_args(Severity)

# What one record of each content collection is called, wherever records are counted or listed.
COLLECTION_LABELS: dict[str, str] = {
    "duties": "责任事项", "mechanisms": "工作机制", "cases": "追责情形", "forms": "问责方式", "rules": "认定规则",
    "schemes": "考核办法", "risks": "廉政风险点", "terms": "术语", "sources": "依据", "areas": "分管领域",
}
