"""The pack's workbooks and calendar as Excel, WPS and calendar programs meet them: text stays text, wrapped rows
are tall enough to print, every dated occurrence is an event, and a regenerated pack is byte-identical."""

import io
from datetime import datetime
from pathlib import Path

import pytest
from conftest import EXAMPLES
from dateutil.rrule import rrulestr
from icalendar import Calendar
from openpyxl import load_workbook

from generator.compile import compile_unit
from generator.load import load_content, load_profile
from generator.render.ics import render_ics
from generator.render.xlsx import lines_in, pack_sheets, sheet_bytes

FORMULA_NAME = "=HYPERLINK(\"http://x\",\"点我\")"


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    kb = load_content()
    odd = tmp_path_factory.mktemp("odd") / "odd.yaml"
    odd.write_text((EXAMPLES / "东坪村.yaml").read_text(encoding="utf-8").replace("许丽华", f"'{FORMULA_NAME}'"),
                   encoding="utf-8")
    paths = [*sorted(EXAMPLES.glob("*.yaml")), odd]
    return {path.stem: compile_unit(kb, load_profile(path, kb).profile) for path in paths}


def test_text_that_looks_like_a_formula_stays_text(plans):
    ws = load_workbook(io.BytesIO(sheet_bytes(pack_sheets(plans["odd"])["05-工作台账.xlsx"]))).active
    cells = [c for row in ws.iter_rows() for c in row if c.value == FORMULA_NAME]
    assert cells and all(c.data_type == "s" for c in cells)


def test_every_wrapped_row_is_tall_enough_for_its_lines(plans):
    for plan in plans.values():
        for sheet in pack_sheets(plan).values():
            ws = load_workbook(io.BytesIO(sheet_bytes(sheet))).active
            for number, values in enumerate(sheet.rows, 3):
                lines = max(lines_in(v, w) for v, w in zip(values, sheet.widths, strict=True))
                assert ws.row_dimensions[number].height >= lines * 14, (sheet.kind, number)


def test_every_dated_occurrence_is_on_the_calendar_once_and_regular_meetings_repeat(plans):
    for plan in plans.values():
        calendar = Calendar.from_ical(render_ics(plan))
        days = []
        for event in calendar.walk("VEVENT"):
            start = event.decoded("dtstart")
            if "rrule" in event:
                rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=datetime(start.year, start.month, start.day))
                days += [(str(event["summary"]), day.date()) for day in rule]
            else:
                days.append((str(event["summary"]), start))
        assert sorted(days) == sorted((f"【{o.holder.name}】{o.duty.title}", o.due) for o in plan.occurrences)
    village = Calendar.from_ical(render_ics(plans["东坪村"]))
    monthly = [e for e in village.walk("VEVENT") if "rrule" in e and e["rrule"]["INTERVAL"] == [1]]
    assert any("支委会" in str(e["summary"]) for e in monthly)


def test_a_rebuilt_pack_is_byte_identical(plans):
    plan = plans[Path(EXAMPLES / "青石镇.yaml").stem]
    assert [sheet_bytes(s) for s in pack_sheets(plan).values()] == \
        [sheet_bytes(s) for s in pack_sheets(plan).values()]
    assert render_ics(plan) == render_ics(plan)
