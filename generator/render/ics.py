"""年度工作日历: one all-day event per dated occurrence, with UIDs stable across regenerations."""

from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from ..compile.plan import Occurrence, UnitPlan, document_title

# A fixed stamp keeps regenerated calendars byte-identical; DTSTAMP is required by RFC 5545.
_STAMP = datetime(2000, 1, 1, tzinfo=UTC)


def description(occurrence: Occurrence) -> str:
    evidence = "、".join(occurrence.duty.evidence)
    return occurrence.duty.text + (f"\n佐证材料：{evidence}" if evidence else "")


def render_ics(plan: UnitPlan) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//zerentian//责任田//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", document_title(plan, "工作日历"))
    for occurrence in plan.occurrences:
        event = Event()
        event.add("uid", f"{occurrence.id}@zerentian")
        event.add("dtstamp", _STAMP)
        event.add("dtstart", occurrence.due)
        event.add("dtend", occurrence.due + timedelta(days=1))
        event.add("summary", f"【{occurrence.holder.name}】{occurrence.duty.title}")
        event.add("description", description(occurrence))
        cal.add_component(event)
    return cal.to_ical()
