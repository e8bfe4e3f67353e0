"""Every enumeration and its Chinese label, in one place.

Content keys are English and stable; what users read comes from here.
"""

from typing import Literal, get_args

Level = Literal["county", "department", "township", "village"]
Role = Literal["collective", "first_responsible", "member", "discipline", "functional"]
Domain = Literal["党风廉政建设", "基层党建", "意识形态"]
Period = Literal["year", "half", "quarter", "month"]
Window = Literal["年初", "年中", "年底"]
Severity = Literal["较轻", "较重", "严重"]
SourceKind = Literal["central", "local", "practice"]

LEVEL_LABELS: dict[str, str] = {
    "county": "县级(市、县、区)党委",
    "department": "部门/单位党组(党委)",
    "township": "乡镇(街道)党委(党工委)",
    "village": "村(社区)党支部(总支)",
}
ROLE_LABELS: dict[str, str] = {
    "collective": "领导班子集体责任",
    "first_responsible": "主要负责人第一责任",
    "member": "班子其他成员一岗双责",
    "discipline": "纪委(纪检组、纪检委员)监督责任",
    "functional": "职能部门责任",
}
PERIOD_LABELS: dict[str, str] = {"year": "每年", "half": "每半年", "quarter": "每季度", "month": "每月"}
SOURCE_KIND_LABELS: dict[str, str] = {
    "central": "中央党内法规",
    "local": "地方文件",
    "practice": "实践材料",
}

# The unit profile (单位档案) is filled by users in Chinese; these map its values to content keys.
PROFILE_LEVELS: dict[str, str] = {"县级": "county", "部门": "department", "乡镇": "township", "村": "village"}
PROFILE_DUTIES: dict[str, str] = {"第一责任人": "first_responsible", "一岗双责": "member", "监督责任": "discipline"}
ProfileLevel = Literal[tuple(PROFILE_LEVELS)]  # type: ignore[valid-type]
ProfileDuty = Literal[tuple(PROFILE_DUTIES)]  # type: ignore[valid-type]

DOMAINS: tuple[str, ...] = get_args(Domain)
LEVELS: tuple[str, ...] = get_args(Level)
ROLES: tuple[str, ...] = get_args(Role)

SEVERITIES: tuple[str, ...] = get_args(Severity)

# What one record of each content collection is called, wherever records are counted or listed.
COLLECTION_LABELS: dict[str, str] = {
    "duties": "责任事项", "mechanisms": "工作机制", "cases": "追责情形", "forms": "问责方式", "rules": "认定规则",
    "schemes": "考核办法", "risks": "廉政风险点", "terms": "术语", "sources": "依据", "areas": "分管领域",
}
