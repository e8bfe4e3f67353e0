"""减负: what one unit's year asks of each role, and rhythms that ask more than the duty's wording.

A duty's `text` restates its cited source; a structured frequency that yields more occurrences
than the rhythm that text states (or states none) is flagged for the maintainers to check.
"""

import re

from ..load.content import KnowledgeBase
from ..load.profile import Profile
from ..load.schema import Canonical
from .plan import Holder, Letter, UnitPlan, compile_unit
from .schedule import RHYTHM_WORDS, describe, due_dates

_COUNT = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}
# A rhythm word, then (in the same clause) an optional count: 每年至少听取2次, 每季度上报不少于3篇.
_RHYTHM = re.compile(f"({'|'.join(RHYTHM_WORDS)})" + r"([^，。；、（）]{0,12}?([一两二三四五六]|\d+)\s*[次篇回轮])?")


def stated_per_year(text: str) -> int | None:
    """The most frequent rhythm the wording states, as occurrences a year; None if it states none."""
    counts = []
    for word, _, number in _RHYTHM.findall(text):
        times = int(number) if number.isdigit() else _COUNT.get(number, 1)
        counts.append(RHYTHM_WORDS[word] * times)
    return max(counts) if counts else None


def stricter_than_stated(duty: Canonical, year: int) -> str | None:
    if duty.frequency is None:
        return None
    structured = len(due_dates(duty.frequency, year))
    stated = stated_per_year(duty.title + duty.text)
    if stated is None:
        return f"条文未写明频次，结构化频次为“{describe(duty.frequency)}”"
    if structured > stated:
        return f"条文所述每年 {stated} 次，结构化频次为每年 {structured} 次"
    return None


def _signs(holder: Holder, letter: Letter) -> bool:
    """The unit (under seal) signs the letters between bodies; leaders sign the personal ones."""
    if holder.role == "collective":
        return not letter.personal
    return letter.personal and holder.name in (letter.signer_a, letter.signer_b)


def role_counts(plan: UnitPlan) -> list[tuple[str, str, int, int, int, int]]:
    """(责任主体, 责任人, duties, recurring duties, occurrences, documents to sign) per holder."""
    occurrences = {}
    for occurrence in plan.occurrences:
        occurrences[occurrence.holder.key] = occurrences.get(occurrence.holder.key, 0) + 1
    rows = []
    for holder in [plan.collective, *plan.leaders]:
        documents = sum(1 for letter in plan.letters if _signs(holder, letter))
        documents += holder.role != "collective"  # each leader also signs a 廉政承诺书
        recurring = sum(1 for d in holder.duties if d.frequency)
        rows.append((holder.label, holder.name, len(holder.duties), recurring, occurrences.get(holder.key, 0), documents))
    return rows


def burden_report(kb: KnowledgeBase, profile: Profile) -> str:
    plan = compile_unit(kb, profile)
    lines = [f"{profile.单位}{plan.year}年度工作量（减负核对）", "",
             "责任主体\t责任人\t责任事项\t经常性事项\t全年台账条目\t需签署文书"]
    for label, name, duties, recurring, occurrences, documents in role_counts(plan):
        lines.append(f"{label}\t{name}\t{duties}\t{recurring}\t{occurrences}\t{documents}")
    lines += ["", f"合计：全年台账条目 {len(plan.occurrences)} 条，责任书 {len(plan.letters)} 份，廉政承诺书 {len(plan.leaders)} 份。"]
    duties = {d.id: d for h in [plan.collective, *plan.leaders] for d in h.duties}
    flagged = [(d, note) for d in duties.values() if (note := stricter_than_stated(d, plan.year))]
    lines += ["", f"频次需核对的事项：{len(flagged)} 项" + ("（无）" if not flagged else "")]
    lines += [f"  {d.id}  {d.title}：{note}（依据：{'、'.join(kb.basis(d))}）" for d, note in flagged]
    return "\n".join(lines)
