"""The workbooks' shared vocabulary: what the pack writes and `collect` reads back.

Sheet kinds, the column headings `collect` finds its columns by (wherever a clerk moves them),
the drop-down values and the custom properties that say whose file a workbook is.
"""

# The kinds of workbook, stored in each file's properties and as its sheet name.
DUTY_LIST, LEDGER, SCORES, VOTES = "责任清单", "工作台账", "考核评分表", "民主测评表"

# Headings `collect` finds its columns by, wherever a clerk moves them.
ID, DUE, STATUS_COLUMN, COMPLETED, RECONCILE = "编号", "时间节点", "完成情况", "完成日期", "对账销号"
NUMBER, CATEGORY, ITEM, SCORE, VETO = "序号", "类别", "考核项目", "得分", "一票否决"
SUBJECT, TITLE = "测评对象", "职务"

# The clerk reads what to do first; the occurrence id `collect` matches rows by comes last. Ledgers written
# before had it first: `collect` finds every column by its heading, so both layouts read back.
LEDGER_COLUMNS = ("责任主体", "责任人", "事项", DUE, "佐证材料", STATUS_COLUMN, COMPLETED, RECONCILE, "备注", ID)
LEDGER_WIDTHS = (12, 10, 50, 14, 24, 10, 14, 10, 16, 24)
STATUS = ("未开始", "进行中", "已完成")
RECONCILED = ("未销号", "已销号")
DATE_FORMAT = 'yyyy"年"m"月"d"日"'

# Custom document properties survive Excel and WPS saves: `collect` reads them to know whose file it is.
PROPERTY_UNIT, PROPERTY_YEAR, PROPERTY_KIND = "单位", "年度", "文书"
