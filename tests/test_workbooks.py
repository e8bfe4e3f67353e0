"""The pack's workbooks and calendar are written directly (fast); openpyxl and icalendar read them back
exactly as they read the same files written through the libraries."""

import io
from pathlib import Path

import pytest
from conftest import EXAMPLES
from icalendar import Calendar
from openpyxl import load_workbook

from generator.compile import compile_unit
from generator.load import load_content, load_profile
from generator.render.ics import icalendar_bytes, render_ics
from generator.render.xlsx import lines_in, openpyxl_bytes, pack_sheets, workbook_bytes

FORMULA_NAME = "=HYPERLINK(\"http://x\",\"点我\")"


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    kb = load_content()
    odd = tmp_path_factory.mktemp("odd") / "odd.yaml"
    odd.write_text((EXAMPLES / "东坪村.yaml").read_text(encoding="utf-8").replace("许丽华", f"'{FORMULA_NAME}'"),
                   encoding="utf-8")
    paths = [*sorted(EXAMPLES.glob("*.yaml")), odd]
    return {path.stem: compile_unit(kb, load_profile(path, kb).profile) for path in paths}


def described(data: bytes) -> dict:
    """Everything a clerk or `collect` can see in a workbook, as openpyxl reads it."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    return {
        "sheet": ws.title, "properties": {p.name: p.value for p in wb.custom_doc_props},
        "title": wb.properties.title,
        "cells": [[(c.value, c.data_type if c.value is not None else "", c.style, c.number_format) for c in row]
                  for row in ws.iter_rows()],
        "heights": {r: d.height for r, d in ws.row_dimensions.items() if d.height},
        "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.width},
        "merged": sorted(str(m) for m in ws.merged_cells.ranges),
        "frozen": ws.freeze_panes, "print_titles": ws.print_title_rows,
        "landscape": ws.page_setup.orientation, "fit": (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight),
        "validations": sorted((v.type, v.formula1, str(v.sqref)) for v in ws.data_validations.dataValidation),
        "highlight": sorted((str(r.sqref), rule.formula[0]) for r in ws.conditional_formatting for rule in r.rules),
        "names": {name: d.attr_text for name, d in wb.defined_names.items()},
    }


def test_workbooks_read_back_as_the_same_workbooks_written_through_openpyxl(plans):
    for unit, plan in plans.items():
        for name, sheet in pack_sheets(plan).items():
            assert described(workbook_bytes(sheet)) == described(openpyxl_bytes(sheet)), (unit, name)


def test_text_that_looks_like_a_formula_stays_text(plans):
    ws = load_workbook(io.BytesIO(workbook_bytes(pack_sheets(plans["odd"])["05-工作台账.xlsx"]))).active
    cells = [c for row in ws.iter_rows() for c in row if c.value == FORMULA_NAME]
    assert cells and all(c.data_type == "s" for c in cells)


def test_every_wrapped_row_is_tall_enough_for_its_lines(plans):
    for plan in plans.values():
        for sheet in pack_sheets(plan).values():
            ws = load_workbook(io.BytesIO(workbook_bytes(sheet))).active
            for number, values in enumerate(sheet.rows, 3):
                lines = max(lines_in(v, w) for v, w in zip(values, sheet.widths, strict=True))
                assert ws.row_dimensions[number].height >= lines * 14, (sheet.kind, number)


def test_the_calendar_reads_back_as_icalendar_writes_it(plans):
    for plan in plans.values():
        ours, theirs = Calendar.from_ical(render_ics(plan)), Calendar.from_ical(icalendar_bytes(plan))
        assert str(ours["x-wr-calname"]) == str(theirs["x-wr-calname"])

        def events(cal):
            return [(str(e["uid"]), e.decoded("dtstart"), e.decoded("dtend"), str(e["summary"]),
                     str(e["description"])) for e in cal.walk("VEVENT")]

        assert events(ours) == events(theirs) and len(events(ours)) == len(plan.occurrences)
        assert max(len(line) for line in render_ics(plan).split(b"\r\n")) <= 75


def test_a_rebuilt_pack_is_byte_identical(plans):
    plan = plans[Path(EXAMPLES / "青石镇.yaml").stem]
    assert [workbook_bytes(s) for s in pack_sheets(plan).values()] == \
        [workbook_bytes(s) for s in pack_sheets(plan).values()]
    assert render_ics(plan) == render_ics(plan)
