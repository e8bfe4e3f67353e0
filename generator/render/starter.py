"""The commented starter profile `zerentian new` writes: it passes `check` once names are filled in."""


# 层级 → (example unit, upper body, secretary title, member title, supervisor title, subunit level)
LEVEL_EXAMPLES: dict[str, tuple[str, str, str, str, str, str | None]] = {
    "县级": ("中共某某县委", "中共某某市委", "县委书记", "县委副书记、县长", "县委常委、县纪委书记", "乡镇"),
    "部门": ("中共某某县某某局党组", "中共某某县委", "党组书记、局长", "党组成员、副局长", "派驻纪检组组长", None),
    "乡镇": ("中共某某镇委员会", "中共某某县委", "党委书记", "党委副书记、镇长", "党委委员、纪委书记", "村"),
    "村": ("中共某某村支部委员会", "中共某某镇委员会", "党支部书记", "党支部副书记、村委会主任", "党支部纪检委员", None),
}

_TEMPLATE = """\
# 单位档案（{level}）：按注释填写，保存为 UTF-8。
# 填好后运行 zerentian check 本文件 检查；再运行 zerentian pack 本文件 生成文书。
# 冒号用英文半角“:”，冒号后留一个空格；同一层的内容左边对齐，只用空格缩进。

单位: {unit}        # 必填：单位全称，按打印在文书上的写法
层级: {level}        # 必填：县级 | 部门 | 乡镇 | 村
上级: {upper}        # 必填：上级党组织，即责任书的甲方
年度: {year}         # 必填：年度，如 {year}
# 领域: [党风廉政建设]  # 选填：党风廉政建设、基层党建、意识形态；不填则全部

班子成员:            # 必填：至少一人，且只能有一位“第一责任人”
  - 姓名: 请填写姓名
    职务: {secretary}
    责任: 第一责任人   # 第一责任人 | 一岗双责 | 监督责任
  - 姓名: 请填写姓名
    职务: {member}
    责任: 一岗双责
    分管: [财务, 工程建设]   # 选填：分管工作，用于列出对应的廉政风险点
{contact}  - 姓名: 请填写姓名
    职务: {supervisor}
    责任: 监督责任
{subunits}
# 落款:               # 选填：文书落款
#   机关: {unit}
#   日期: {year}-02-15
"""

_SUBUNITS = """\
下属单位:            # 选填：与本单位签订责任书的下属单位
  - 单位: 请填写下属单位名称
    层级: {sublevel}
    负责人: 请填写姓名
    职务: 党组织书记
"""


def starter_text(level: str, year: int) -> str:
    unit, upper, secretary, member, supervisor, sublevel = LEVEL_EXAMPLES[level]
    contact = "    联系点: [请填写下属单位名称]   # 选填：必须是下面“下属单位”中的名称\n" if sublevel else ""
    subunits = _SUBUNITS.format(sublevel=sublevel) if sublevel else ""
    return _TEMPLATE.format(level=level, unit=unit, upper=upper, year=year, secretary=secretary,
                            member=member, supervisor=supervisor, contact=contact, subunits=subunits)
