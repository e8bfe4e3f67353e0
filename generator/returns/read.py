"""Read returned ledgers and score sheets back: what clerks filled in, checked against the unit's plan.

Tolerates what clerks do (rows sorted, columns added, blank lines, dates typed as text); refuses
what breaks meaning (another unit's or year's file, unknown or repeated ids, impossible dates,
scores and votes out of range, people who are not in the profile, formulas saved without results).
A refused workbook is refused whole, and the others are still read.
"""

import math
from dataclasses import dataclass, field
from pathlib import Path

from ..compile.plan import UnitPlan
from ..limits import MAX_VOTES
from ..load.xlsxsource import Opened, Uncalculated, open_workbook, sheet_rows
from ..problems import Place, Problem, ProblemsFound, clipped, display_path, internal_error
from ..sheets import (
    CATEGORY,
    COMPLETED,
    ID,
    ITEM,
    LEDGER,
    NUMBER,
    PROPERTY_KIND,
    PROPERTY_UNIT,
    PROPERTY_YEAR,
    RECONCILE,
    RECONCILED,
    SCORE,
    SCORES,
    STATUS,
    STATUS_COLUMN,
    SUBJECT,
    TOTAL,
    VETO,
    VOTES,
    parse_date,
)

DONE = {STATUS[-1], "完成"}
TICKS = {"√", "✓", "✔", "v", "V"}
VETO_MARKS = {"是", "发生", *TICKS}
NOT_VETOED = {"否", "未发生", "无"}
SCALE = 100  # 百分制: a score sheet's points add up to 100


@dataclass(frozen=True)
class LedgerEntry:
    done: bool
    reconciled: bool


@dataclass
class Returned:
    """One returned workbook: whose it is, and what was filled in."""

    path: Path
    unit: str
    year: int
    kind: str
    entries: dict[str, LedgerEntry] = field(default_factory=dict)       # ledger: occurrence id → state
    scores: list[tuple[str, float]] = field(default_factory=list)       # score sheet: (item, points) per row
    vetoed: list[str] = field(default_factory=list)                     # score sheet: 一票否决 items marked
    votes: dict[str, dict[str, int]] = field(default_factory=dict)      # evaluation: subject → grade → votes


class Refused(ProblemsFound):
    """A workbook of a unit we know that cannot be counted: the unit's figures say it was sent back."""

    def __init__(self, unit: str, problems: list[Problem]):
        super().__init__(problems)
        self.unit = unit


def read_returned(path: Path, plans: dict[str, UnitPlan]) -> Returned | None:
    """Parse one workbook against the plan of the unit it belongs to; None for workbooks that are
    not returns (e.g. a 责任清单). ProblemsFound (Refused, once the unit is known) when it cannot be counted."""
    book = open_workbook(path)
    try:
        return _read(path, book, plans)
    finally:
        book.close()


def _read(path: Path, book: Opened, plans: dict[str, UnitPlan]) -> Returned | None:
    name = display_path(path)
    props = {p.name: p.value for p in book.values.custom_doc_props}
    kind, unit, year = props.get(PROPERTY_KIND), props.get(PROPERTY_UNIT), props.get(PROPERTY_YEAR)
    if kind not in (LEDGER, SCORES, VOTES):
        return None
    if not isinstance(unit, str) or not unit or not isinstance(year, int):
        raise ProblemsFound([Problem(name, 1, 1, "文件缺少单位或年度信息：请使用责任田生成的表格填写后报送")])
    plan = plans.get(unit)
    if plan is None:
        raise ProblemsFound([Problem(name, 1, 1, f"这是“{clipped(unit)}”的{kind}，但所给单位档案中没有这个单位："
                                                 "请确认报送单位，或一并给出该单位的档案")])
    if year != plan.year:
        raise Refused(unit, [Problem(name, 1, 1, f"这是 {clipped(year)} 年度的{kind}，而“{unit}”的档案是 "
                                                 f"{plan.year} 年度：请报送本年度的表格")])
    returned = Returned(path, unit, year, kind)
    sheet = kind if kind in book.values.sheetnames else book.values.sheetnames[0]
    rows = sheet_rows(book, sheet)
    reader = {LEDGER: _read_ledger, SCORES: _read_scores, VOTES: _read_votes}[kind]
    problems = reader(_Sheet(name, rows), returned, plan)
    if problems:
        raise Refused(unit, problems)
    return returned


@dataclass
class _Sheet:
    name: str
    rows: list[tuple[int, tuple]]
    columns: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def find_header(self, required: tuple[str, ...]) -> list[tuple[int, tuple]]:
        """The data rows below the header row (wherever the clerk moved it); each column found by its heading."""
        for index, (_, row) in enumerate(self.rows[:10]):
            columns = {str(v).strip(): i for i, v in enumerate(row) if v is not None and not isinstance(v, Uncalculated)}
            if all(r in columns for r in required):
                self.columns = columns
                return self.rows[index + 1:]
        raise ProblemsFound([Problem(self.name, 1, 1, f"找不到表头（应含“{'”“'.join(required)}”列）：请不要删除或改动表头")])

    def cell(self, row: tuple, heading: str):
        index = self.columns.get(heading)
        return row[index] if index is not None and index < len(row) else None

    def report(self, line: int, heading: str, message: str) -> None:
        self.problems.append(Problem(self.name, line, self.columns.get(heading, 0) + 1, message))

    def calculated(self, line: int, row: tuple, headings) -> bool:
        """False (and reported) when a cell read is a formula saved without its result."""
        missing = [h for h in headings if isinstance(self.cell(row, h), Uncalculated)]
        for heading in missing:
            self.report(line, heading, f"“{heading}”是公式，但文件中没有保存计算结果（用程序而不是 Excel/WPS 填写时常见）："
                                       "请在 Excel 或 WPS 中打开并保存后再报送，或直接填写数值")
        return not missing


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _read_ledger(sheet: _Sheet, returned: Returned, plan: UnitPlan) -> list[Problem]:
    """A ledger may only hold this unit's occurrences of this year, each once, in the drop-down's words."""
    known = {o.id for o in plan.occurrences}
    seen: dict[str, int] = {}
    unknown: list[tuple[int, str]] = []
    for line, row in sheet.find_header((ID, STATUS_COLUMN)):
        occurrence = _text(sheet.cell(row, ID))
        if not occurrence or not sheet.calculated(line, row, (ID, STATUS_COLUMN, COMPLETED, RECONCILE)):
            continue
        if occurrence not in known:
            unknown.append((line, occurrence))
            continue
        if occurrence in seen:
            sheet.report(line, ID, f"编号“{clipped(occurrence)}”重复（第 {seen[occurrence]} 行已有）：每个编号只能有一行")
            continue
        seen[occurrence] = line
        status, reconciled = _text(sheet.cell(row, STATUS_COLUMN)), _text(sheet.cell(row, RECONCILE))
        if status and status not in (*STATUS, *DONE):
            sheet.report(line, STATUS_COLUMN, f"完成情况“{clipped(status)}”不是下拉列表中的选项：请选择{'、'.join(STATUS)}之一")
        if reconciled and reconciled not in RECONCILED:
            sheet.report(line, RECONCILE, f"对账销号“{clipped(reconciled)}”不是下拉列表中的选项：请选择{'、'.join(RECONCILED)}之一")
        try:
            parse_date(sheet.cell(row, COMPLETED))  # not counted, but an impossible date means a mistyped row
        except ValueError:
            sheet.report(line, COMPLETED, f"完成日期“{clipped(_text(sheet.cell(row, COMPLETED)))}”不是有效日期："
                                          f"请写成 {returned.year}-03-31 这样")
        returned.entries[occurrence] = LedgerEntry(done=status in DONE, reconciled=reconciled == RECONCILED[-1])
    if unknown:
        line, first = unknown[0]
        sample = "、".join(clipped(i) for _, i in unknown[:3]) + ("等" if len(unknown) > 3 else "")
        sheet.report(line, ID, f"有 {len(unknown)} 个编号不属于“{plan.profile.单位}”{plan.year} 年度台账（{sample}）："
                               "请勿复制其他单位或其他年度的行，或重新生成台账")
    return sheet.problems


def _read_scores(sheet: _Sheet, returned: Returned, plan: UnitPlan) -> list[Problem]:
    """Each item's score within its points, items known by their category; 一票否决 marked 是 or left empty."""
    items = {item.category: item for item in plan.assessment.items}
    for line, row in sheet.find_header((CATEGORY, SCORE)):
        category, score = _text(sheet.cell(row, CATEGORY)), sheet.cell(row, SCORE)
        if not category or category == TOTAL or not sheet.calculated(line, row, (CATEGORY, ITEM, SCORE)):
            continue  # the total is the sheet's own sum
        if category == VETO:
            if _text(score) in VETO_MARKS:
                returned.vetoed.append(_text(sheet.cell(row, ITEM)))
            elif _text(score) and _text(score) not in NOT_VETOED:
                sheet.report(line, SCORE, f"一票否决项填了“{clipped(_text(score))}”：发生的填“是”，未发生的留空")
            continue
        if not _text(score):
            continue
        if category not in items:
            sheet.report(line, CATEGORY, f"考核项目“{clipped(category)}”不在本单位的考核评分表中：请勿改动考核项目的名称")
            continue
        top = items[category].points
        if isinstance(score, bool) or not isinstance(score, int | float):
            sheet.report(line, SCORE, f"得分“{clipped(_text(score))}”不是数字：请填写分数")
        elif not (math.isfinite(score) and 0 <= score <= top):
            sheet.report(line, SCORE, f"得分 {clipped(score)} 超出范围：本项应在 0 到 {top:g} 分之间")
        else:
            returned.scores.append((category, float(score)))
    total = sum(points for _, points in returned.scores)
    if total > SCALE:
        sheet.report(1, SCORE, f"各项得分合计 {total:g} 分，超过满分 {SCALE} 分：请核对")
    return sheet.problems


def _votes(value) -> int | None:
    """A number of votes (a tick is one ballot), or None when it is not one."""
    if _text(value) in TICKS:
        return 1
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return int(value) if value == int(value) and 0 <= value <= MAX_VOTES else None


def _read_votes(sheet: _Sheet, returned: Returned, plan: UnitPlan) -> list[Problem]:
    """Votes per grade of the evaluation's tiers (other columns, such as 弃权, are not counted), for the
    leading group and the leaders of the profile only."""
    data = sheet.find_header((SUBJECT,))
    grades = [t.grade for t in plan.assessment.tiers if t.grade in sheet.columns]
    subjects = {plan.collective.label, *(leader.name for leader in plan.leaders)}
    for line, row in data:
        subject = _text(sheet.cell(row, SUBJECT))
        if not subject or not isinstance(sheet.cell(row, NUMBER), int) or not sheet.calculated(line, row, (SUBJECT, *grades)):
            continue
        if subject not in subjects:
            sheet.report(line, SUBJECT, f"测评对象“{clipped(subject)}”不是本单位档案中的班子成员：请勿改动测评对象")
            continue
        votes = {}
        for grade in grades:
            value = sheet.cell(row, grade)
            count = _votes(value)
            if count is not None:
                votes[grade] = count
            elif _text(value):
                sheet.report(line, grade, f"“{clipped(_text(value))}”不是票数：请填写 0 到 {MAX_VOTES} 之间的整数，或划“√”")
        returned.votes[subject] = votes
    return sheet.problems


def match_returns(plans: dict[str, UnitPlan], workbooks: list[Path]
                  ) -> tuple[dict[str, dict[str, Returned]], dict[str, list[str]], list[Problem]]:
    """Each returned workbook to its unit's plan: (unit → kind → return, unit → refused files, problems).

    A workbook is refused whole when it belongs to no given unit, repeats one already read,
    or holds what the unit's plan does not; the other workbooks are still read.
    """
    returns: dict[str, dict[str, Returned]] = {unit: {} for unit in plans}
    refused: dict[str, list[str]] = {unit: [] for unit in plans}
    problems: list[Problem] = []
    for path in workbooks:
        name = display_path(path)
        try:
            returned = read_returned(path, plans)
        except Refused as exc:
            problems.extend(exc.problems)
            refused[exc.unit].append(name)
            continue
        except ProblemsFound as exc:
            problems.extend(exc.problems)
            continue
        except Exception as exc:  # a defect must not cost the other workbooks their count
            problems.append(internal_error(Place(name), "读取", exc))
            continue
        if returned is None:
            continue
        earlier = returns[returned.unit].get(returned.kind)
        if earlier:
            problems.append(Problem(name, 1, 1, f"“{returned.unit}”的{returned.kind}报送了两份"
                                                f"（另一份：{display_path(earlier.path)}）：只保留一份"))
            refused[returned.unit].append(name)
        else:
            returns[returned.unit][returned.kind] = returned
    return returns, refused, problems
