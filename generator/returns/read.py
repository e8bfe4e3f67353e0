"""Read returned ledgers and score sheets back: what clerks filled in, checked against the unit's plan.

Tolerates what clerks do (rows sorted, columns added, blank lines, dates typed as text); refuses
what breaks meaning (another unit's or year's file, unknown or repeated ids, impossible dates).
"""

import warnings
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..compile.plan import UnitPlan
from ..problems import Problem, ProblemsFound, display_path
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
    TITLE,
    VETO,
    VOTES,
    parse_date,
)

DONE = {STATUS[-1], "完成"}
TICKS = {"√", "✓", "✔", "v", "V"}
VETO_MARKS = {"是", "发生", *TICKS}


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


def read_returned(path: Path) -> Returned | None:
    """Parse one workbook; None for workbooks that are not returns (e.g. a 责任清单)."""
    name = display_path(path)
    try:
        with warnings.catch_warnings():  # openpyxl warns in English about extensions WPS adds
            warnings.simplefilter("ignore")
            wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or non-Excel file
        raise ProblemsFound([Problem(name, 1, 1, f"无法作为 Excel 文件打开（{type(exc).__name__}）：请确认是 .xlsx 文件")]) from None
    props = {p.name: p.value for p in wb.custom_doc_props}
    kind = props.get(PROPERTY_KIND)
    if kind not in (LEDGER, SCORES, VOTES):
        return None
    if not props.get(PROPERTY_UNIT) or not isinstance(props.get(PROPERTY_YEAR), int):
        raise ProblemsFound([Problem(name, 1, 1, "文件缺少单位或年度信息：请使用责任田生成的表格填写后报送")])
    returned = Returned(path, props[PROPERTY_UNIT], props[PROPERTY_YEAR], kind)
    ws = wb[kind] if kind in wb.sheetnames else wb.worksheets[0]
    reader = {LEDGER: _read_ledger, SCORES: _read_scores, VOTES: _read_votes}[kind]
    problems = reader(ws, returned, name)
    if problems:
        raise ProblemsFound(problems)
    return returned


def _header(ws: Worksheet, name: str, required: tuple[str, ...]) -> tuple[int, dict[str, int]]:
    """The header row (wherever the clerk moved it) and each column's index by its heading."""
    for row in ws.iter_rows(min_row=1, max_row=10):
        columns = {str(c.value).strip(): c.column - 1 for c in row if c.value is not None}
        if all(r in columns for r in required):
            return row[0].row, columns
    raise ProblemsFound([Problem(name, 1, 1, f"找不到表头（应含“{'”“'.join(required)}”列）：请不要删除或改动表头")])


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _cell(row: tuple, cols: dict[str, int], heading: str):
    index = cols.get(heading)
    return row[index] if index is not None and index < len(row) else None


def _read_ledger(ws: Worksheet, returned: Returned, name: str) -> list[Problem]:
    header_row, cols = _header(ws, name, (ID, STATUS_COLUMN))
    problems, seen = [], {}
    for line, row in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), header_row + 1):
        occurrence = _text(_cell(row, cols, ID))
        if not occurrence:
            continue
        if occurrence in seen:
            problems.append(Problem(name, line, cols[ID] + 1, f"编号“{occurrence}”重复（第 {seen[occurrence]} 行已有）：每个编号只能有一行"))
            continue
        seen[occurrence] = line
        try:
            parse_date(_cell(row, cols, COMPLETED))  # not counted, but an impossible date means a mistyped row
        except ValueError:
            problems.append(Problem(name, line, cols[COMPLETED] + 1,
                                    f"完成日期“{_text(_cell(row, cols, COMPLETED))}”不是有效日期："
                                    f"请写成 {returned.year}-03-31 这样"))
            continue
        returned.entries[occurrence] = LedgerEntry(
            done=_text(_cell(row, cols, STATUS_COLUMN)) in DONE,
            reconciled=_text(_cell(row, cols, RECONCILE)) == RECONCILED[-1],
        )
    return problems


def _read_scores(ws: Worksheet, returned: Returned, name: str) -> list[Problem]:
    header_row, cols = _header(ws, name, (ITEM, SCORE))
    problems = []
    for line, row in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), header_row + 1):
        item, score = _text(_cell(row, cols, ITEM)), _cell(row, cols, SCORE)
        if _text(_cell(row, cols, CATEGORY)) == VETO:
            if _text(score) in VETO_MARKS:
                returned.vetoed.append(item)
        elif item and _text(score):
            if not isinstance(score, int | float):
                problems.append(Problem(name, line, cols[SCORE] + 1, f"得分“{_text(score)}”不是数字：请填写分数"))
                continue
            returned.scores.append((item, float(score)))
    return problems


def _read_votes(ws: Worksheet, returned: Returned, name: str) -> list[Problem]:
    header_row, cols = _header(ws, name, (SUBJECT,))
    grades = [heading for heading in cols if heading not in {NUMBER, SUBJECT, TITLE}]
    problems = []
    for line, row in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), header_row + 1):
        subject = _text(_cell(row, cols, SUBJECT))
        if not subject or not isinstance(_cell(row, cols, NUMBER), int):
            continue
        votes = {}
        for grade in grades:
            value = _cell(row, cols, grade)
            if _text(value) in TICKS:
                votes[grade] = 1
            elif isinstance(value, int) and value >= 0:
                votes[grade] = value
            elif _text(value):
                problems.append(Problem(name, line, cols[grade] + 1, f"“{_text(value)}”不是票数：请填写票数或划“√”"))
        returned.votes[subject] = votes
    return problems


def check_against_plan(returned: Returned, plan: UnitPlan) -> list[Problem]:
    """A ledger may only hold this unit's occurrences of this year."""
    name = display_path(returned.path)
    if returned.year != plan.year:
        return [Problem(name, 1, 1, f"这是 {returned.year} 年度的{returned.kind}，而“{plan.profile.单位}”的档案是 "
                                    f"{plan.year} 年度：请报送本年度的表格")]
    known = {o.id for o in plan.occurrences}
    unknown = [i for i in returned.entries if i not in known]
    if unknown:
        sample = "、".join(unknown[:3]) + ("等" if len(unknown) > 3 else "")
        return [Problem(name, 1, 1, f"有 {len(unknown)} 个编号不属于“{plan.profile.单位}”{plan.year} 年度台账（{sample}）："
                                    "请勿复制其他单位或其他年度的行，或重新生成台账")]
    return []


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
        try:
            returned = read_returned(path)
        except ProblemsFound as exc:
            problems.extend(exc.problems)
            continue
        if returned is None:
            continue
        name, plan = display_path(path), plans.get(returned.unit)
        if plan is None:
            problems.append(Problem(name, 1, 1, f"这是“{returned.unit}”的{returned.kind}，但所给单位档案中没有这个单位："
                                                 "请确认报送单位，或一并给出该单位的档案"))
            continue
        earlier = returns[returned.unit].get(returned.kind)
        found = ([Problem(name, 1, 1, f"“{returned.unit}”的{returned.kind}报送了两份（另一份：{display_path(earlier.path)}）："
                                      "只保留一份")] if earlier else check_against_plan(returned, plan))
        if found:
            problems.extend(found)
            refused[returned.unit].append(name)
        else:
            returns[returned.unit][returned.kind] = returned
    return returns, refused, problems
