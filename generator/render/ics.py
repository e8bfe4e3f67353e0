"""年度工作日历: the year's dated work as calendar events, stable across regenerations.

A duty that recurs at month ends on an even step (every month, quarter or half year) is one event that
repeats (RRULE), as calendar programs show a regular meeting; any other due dates are events of their own.
"""

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from ..compile.plan import Occurrence, UnitPlan, document_title

# A fixed stamp keeps regenerated calendars byte-identical; DTSTAMP is required by RFC 5545.
_STAMP = datetime(2000, 1, 1, tzinfo=UTC)


def description(occurrence: Occurrence) -> str:
    evidence = "、".join(occurrence.duty.evidence)
    return occurrence.duty.text + (f"\n佐证材料：{evidence}" if evidence else "")


def _month_step(dues: list[date]) -> int | None:
    """The number of months between consecutive due dates, when every one is a month's last day and the
    step is the same throughout; None otherwise."""
    if len(dues) < 2 or any((day + timedelta(days=1)).day != 1 for day in dues):
        return None
    steps = {(b.year - a.year) * 12 + b.month - a.month for a, b in zip(dues, dues[1:], strict=False)}
    return steps.pop() if len(steps) == 1 else None


def _event(occurrences: list[Occurrence], uid: str, step: int | None = None) -> Event:
    """One dated occurrence, or a series that repeats every `step` months."""
    first = occurrences[0]
    event = Event()
    event.add("uid", f"{uid}@zerentian")
    event.add("dtstamp", _STAMP)
    event.add("dtstart", first.due)
    event.add("dtend", first.due + timedelta(days=1))
    event.add("summary", f"【{first.holder.name}】{first.duty.title}")
    event.add("description", description(first))
    if step:
        event.add("rrule", {"freq": "monthly", "interval": step,
                            "bymonthday": -1, "count": len(occurrences)})
    return event


def render_ics(plan: UnitPlan) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//zerentian//责任田//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", document_title(plan, "工作日历"))
    series: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
    for occurrence in plan.occurrences:
        series[(occurrence.holder.key, occurrence.duty.id)].append(occurrence)
    for (holder, duty), occurrences in series.items():
        if step := _month_step([o.due for o in occurrences]):
            cal.add_component(_event(occurrences, f"{plan.year}-{duty}-{holder}", step))
        else:
            for occurrence in occurrences:
                cal.add_component(_event([occurrence], occurrence.id))
    return cal.to_ical()
