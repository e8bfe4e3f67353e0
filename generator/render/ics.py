"""年度工作日历: one all-day event per dated occurrence, with UIDs stable across regenerations.

The calendar is written as RFC 5545 text directly: icalendar's serializer folds each line character by
character and took more of a village's pack than all its Word documents. icalendar reads the result back
in the tests, and `icalendar_bytes` builds the same calendar through the library for comparison.
"""

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from ..compile.plan import Occurrence, UnitPlan, document_title

# A fixed stamp keeps regenerated calendars byte-identical; DTSTAMP is required by RFC 5545.
_STAMP = datetime(2000, 1, 1, tzinfo=UTC)
PRODID = "-//zerentian//责任田//ZH"
LINE_OCTETS = 75


def calendar_name(plan: UnitPlan) -> str:
    return document_title(plan, "工作日历")


def summary(occurrence: Occurrence) -> str:
    return f"【{occurrence.holder.name}】{occurrence.duty.title}"


def description(occurrence: Occurrence) -> str:
    evidence = "、".join(occurrence.duty.evidence)
    return occurrence.duty.text + (f"\n佐证材料：{evidence}" if evidence else "")


def _escape(text: str) -> str:
    """TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> bytes:
    """A content line cut into 75-octet pieces (continuations start with a space), never inside a character."""
    data = line.encode("utf-8")
    pieces, limit = [], LINE_OCTETS
    while len(data) > limit:
        cut = limit
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            cut -= 1
        pieces.append(data[:cut])
        data, limit = data[cut:], LINE_OCTETS - 1
    pieces.append(data)
    return b"\r\n ".join(pieces) + b"\r\n"


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def render_ics(plan: UnitPlan) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", f"X-WR-CALNAME:{_escape(calendar_name(plan))}"]
    stamp = _STAMP.strftime("%Y%m%dT%H%M%SZ")
    for occurrence in plan.occurrences:
        lines += ["BEGIN:VEVENT", f"SUMMARY:{_escape(summary(occurrence))}",
                  f"DTSTART;VALUE=DATE:{_day(occurrence.due)}",
                  f"DTEND;VALUE=DATE:{_day(occurrence.due + timedelta(days=1))}", f"DTSTAMP:{stamp}",
                  f"UID:{_escape(occurrence.id)}@zerentian", f"DESCRIPTION:{_escape(description(occurrence))}",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return b"".join(map(_fold, lines))


def icalendar_bytes(plan: UnitPlan) -> bytes:
    """The same calendar through the icalendar library: the reference the tests compare against."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", calendar_name(plan))
    for occurrence in plan.occurrences:
        event = Event()
        event.add("summary", summary(occurrence))
        event.add("dtstart", occurrence.due)
        event.add("dtend", occurrence.due + timedelta(days=1))
        event.add("dtstamp", _STAMP)
        event.add("uid", f"{occurrence.id}@zerentian")
        event.add("description", description(occurrence))
        cal.add_component(event)
    return cal.to_ical()
