"""What the county office wants to know from the returns: who is behind, what is overdue, the scores."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from ..compile.plan import Occurrence, UnitPlan
from ..sheets import LEDGER, SCORES, VOTES
from .read import LedgerEntry, Returned
from .scoring import assessed_grade, evaluate


@dataclass
class Tally:
    due: int = 0          # 应完成: due on or before the as-of date
    done: int = 0         # 已完成: marked done, whatever the date
    overdue: int = 0      # 逾期: due and not done
    unreconciled: int = 0  # done but not yet 已销号

    @property
    def rate(self) -> float | None:
        """完成率 in percent: the share of what is due that is done."""
        return round(100 * (self.due - self.overdue) / self.due, 1) if self.due else None

    def count(self, entry: LedgerEntry | None, is_due: bool) -> bool:
        """Count one occurrence; True when it is overdue."""
        done = bool(entry and entry.done)
        late = is_due and not done
        self.due += is_due
        self.done += done
        self.overdue += late
        self.unreconciled += done and not entry.reconciled
        return late

    def as_json(self) -> dict:
        return {"应完成": self.due, "已完成": self.done, "逾期": self.overdue, "完成率": self.rate, "待销号": self.unreconciled}


@dataclass
class UnitFigures:
    plan: UnitPlan
    returned: dict[str, Returned]
    total: Tally = field(default_factory=Tally)
    people: dict[tuple[str, str, str], Tally] = field(default_factory=dict)  # (责任主体, 责任人, key) → tally
    overdue: list[Occurrence] = field(default_factory=list)
    assessment: dict | None = None
    evaluation: list[dict] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)  # files refused for this unit: not counted

    def as_json(self) -> dict:
        return {
            "单位": self.plan.profile.单位, "年度": self.plan.year, "已报送台账": LEDGER in self.returned,
            "退回文件": self.rejected,
            **self.total.as_json(),
            "人员": [{"责任主体": label, "责任人": name, **tally.as_json()}
                   for (label, name, _), tally in self.people.items()],
            "逾期事项": [{"编号": o.id, "责任人": o.holder.name, "事项": o.duty.title, "时间节点": o.due.isoformat()}
                     for o in self.overdue],
            "考核": self.assessment,
            "民主测评": self.evaluation,
        }


def unit_figures(plan: UnitPlan, returned: dict[str, Returned], as_of: date, rejected: list[str] = ()) -> UnitFigures:
    figures = UnitFigures(plan, returned, rejected=list(rejected))
    ledger = returned.get(LEDGER)
    people: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    for occurrence in plan.occurrences:
        entry = ledger.entries.get(occurrence.id) if ledger else None
        is_due = occurrence.due <= as_of
        holder = occurrence.holder
        people[(holder.label, holder.name, holder.key)].count(entry, is_due)
        if figures.total.count(entry, is_due):
            figures.overdue.append(occurrence)
    figures.people = dict(people)
    form = plan.assessment
    scores = returned.get(SCORES)
    if scores and (scores.scores or scores.vetoed):
        total = sum(points for _, points in scores.scores)
        figures.assessment = {"得分": total, "一票否决": scores.vetoed,
                              "等次": assessed_grade(total, bool(scores.vetoed), form.bands)}
    if VOTES in returned:
        for subject, votes in returned[VOTES].votes.items():
            result = evaluate(votes, form.tiers, form.bands, form.bad_vote_ratio, form.bad_grade)
            if result.score is None:
                continue
            figures.evaluation.append({"测评对象": subject, "票数": votes, "得分": result.score,
                                       "差票比例": round(result.bad_share, 4), "等次": result.grade})
    return figures


def overdue_by_role(units: list[UnitFigures]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for unit in units:
        for occurrence in unit.overdue:
            counts[occurrence.holder.label] += 1
    return dict(counts)
