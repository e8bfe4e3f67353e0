"""A county office keeps its units in one Excel roster (名册.xlsx) instead of hundreds of YAML files."""

import re
import shutil
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from conftest import EXAMPLES, missing, require_tool, tree, zerentian
from openpyxl import load_workbook

from generator.compile.burden import burden_report
from generator.load import load_profile
from generator.load.roster import read_roster
from generator.pdf import convert_to_pdf

SHEETS = {  # DESIGN §5, written out: the roster is a fixed interface (类型, optional, follows its columns)
    "单位": ["单位", "层级", "上级", "年度", "领域", "落款机关", "落款日期", "类型"],
    "班子成员": ["单位", "姓名", "职务", "责任", "分管", "联系点"],
    "下属单位": ["单位", "下属单位", "层级", "负责人", "职务"],
}
EXAMPLE_UNITS = ["中共东坪村支部委员会", "中共云岭县财政局党组", "中共青石镇委员会"]


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """The example profiles turned into one roster, as a county office would start."""
    folder = tmp_path_factory.mktemp("county")
    run = zerentian("new", folder / "名册.xlsx", "--from", EXAMPLES)
    assert run.code == 0, run.err
    return folder / "名册.xlsx"


def example_profiles(kb):
    return {p.profile.单位: p.profile for p in (load_profile(path, kb) for path in sorted(EXAMPLES.glob("*.yaml")))}


def units_in(out: Path) -> list[str]:
    """The unit folders a pack run left in its output folder."""
    return sorted(p.name for p in out.iterdir() if p.is_dir())


def sheet_values(path: Path) -> dict[str, list[tuple]]:
    wb = load_workbook(path)
    return {ws.title: [row for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def edited_roster(source: Path, target: Path, edit) -> Path:
    wb = load_workbook(source)
    edit(wb)
    wb.save(target)
    return target


# A roster from the example profiles packs as the profiles do

def texts(folder: Path) -> dict[str, object]:
    """What a reader of each file sees: the words of a Word file, the cells of a workbook, the calendar's events."""
    seen: dict[str, object] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        name = str(path.relative_to(folder))
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as docx:
                seen[name] = [re.sub(r"<[^>]+>", "", docx.read(part).decode("utf-8"))
                              for part in sorted(docx.namelist()) if part.startswith("word/") and part.endswith(".xml")]
        elif path.suffix == ".xlsx":
            seen[name] = sheet_values(path)
        else:
            seen[name] = [line for line in path.read_text(encoding="utf-8").splitlines()
                          if not line.startswith("DTSTAMP")]
    return seen


def test_pack_from_the_roster_gives_the_same_documents_as_pack_from_the_profiles(county, example_packs, tmp_path):
    from_yaml, from_roster = example_packs, tmp_path / "roster"
    run = zerentian("pack", county, "--out", from_roster)

    assert run.code == 0, run.err
    assert units_in(from_roster) == EXAMPLE_UNITS
    expected, got = texts(from_yaml), texts(from_roster)
    assert len(got) > 40 and got.keys() == expected.keys()
    for name in expected:
        assert got[name] == expected[name], name


def test_check_burden_and_collect_take_the_roster_as_they_take_the_profiles(county, example_packs, kb):
    check = zerentian("check", county)
    assert check.code == 0 and "单位档案 3 份无误" in check.out, check.err

    burden = zerentian("burden", county)
    each = [burden_report(kb, example_profiles(kb)[unit]) for unit in EXAMPLE_UNITS]
    assert burden.code == 0 and burden.out == "\n\n".join(each) + "\n"

    from_roster = zerentian("collect", county, example_packs, "--json", "--as-of", "2026-06-30")
    from_yaml = zerentian("collect", EXAMPLES, example_packs, "--json", "--as-of", "2026-06-30")
    assert from_roster.code == 0, from_roster.err
    assert from_roster.out == from_yaml.out and len(from_roster.out) > 1000


# Bad rosters: each problem named by sheet and cell, the good units still generated

def bad_units(wb):
    """Five more villages, each with one mistake, after the three good example units."""
    units, leaders, subunits = wb["单位"], wb["班子成员"], wb["下属单位"]
    village = ["中共{}村支部委员会", "村", "中共青石镇委员会", 2026, None, None, None]

    def add(name, year=2026, secretaries=("第一责任人",), contact=None):
        units.append([village[0].format(name), *village[1:3], year, *village[4:]])
        for i, duty in enumerate((*secretaries, "一岗双责", "监督责任")):
            leaders.append([village[0].format(name), f"{name}{i}", "党支部委员", duty, None, contact if i == 1 else None])

    add("甲", secretaries=("第一负责人",))      # unknown 责任
    add("乙", secretaries=("第一责任人", "第一责任人"))  # two 第一责任人
    add("丙", contact="北山村党支部")            # 联系点 naming no 下属单位
    add("丁", year="二〇二六")                   # 年度 as text
    leaders.append(["城关镇机关党支部", "王五", "党支部书记", "第一责任人"])  # a unit not on the 单位 sheet
    subunits.append(["中共青石镇委员会 ", "北坡村党支部", "村", "刘七", "党支部书记"])  # trailing space: still 青石镇's


def cell_of(wb, sheet: str, value: str, column: str) -> str:
    """The cell (like D17) in `column` of the first row holding `value`."""
    ws = wb[sheet]
    col = SHEETS[sheet].index(column) + 1
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if value in [c.value for c in r])
    return f"{sheet}!{ws.cell(row, col).coordinate}"


def test_a_bad_roster_names_each_problem_by_sheet_and_cell_and_the_good_units_are_generated(county, tmp_path):
    roster = edited_roster(county, tmp_path / "名册.xlsx", bad_units)
    wb = load_workbook(roster)
    before = tree(tmp_path)

    check = zerentian("check", roster)
    run = zerentian("pack", roster, "--out", tmp_path / "out")

    expected = {
        cell_of(wb, "班子成员", "甲0", "责任"): "“第一负责人”不是允许的取值：只能是 第一责任人、一岗双责、监督责任",
        cell_of(wb, "班子成员", "乙1", "责任"): "第一责任人只能有一位（已有“乙0”）",
        cell_of(wb, "班子成员", "丙1", "联系点"): "联系点“北山村党支部”不在“下属单位”中",
        cell_of(wb, "单位", "中共丁村支部委员会", "年度"): "这里应为整数，实际是文字 二〇二六",
        cell_of(wb, "班子成员", "王五", "单位"): "单位“城关镇机关党支部”不在“单位”表中",
    }
    for cell, message in expected.items():
        assert f"名册.xlsx:{cell}: {message}" in check.err, (cell, check.err)
        assert f"名册.xlsx:{cell}: {message}" in run.err, (cell, run.err)
    assert check.code == run.code == 1
    assert "Traceback" not in check.err + run.err
    assert units_in(tmp_path / "out") == EXAMPLE_UNITS
    assert "02-责任书-中共青石镇委员会与北坡村党支部.docx" in {p.name for p in (tmp_path / "out" / EXAMPLE_UNITS[2]).iterdir()}
    assert {k: v for k, v in tree(tmp_path).items() if not k.startswith("out/")} == before


def renamed_sheet(wb):
    wb["班子成员"].title = "班子成员表"


def deleted_column(wb):
    wb["班子成员"].delete_cols(SHEETS["班子成员"].index("责任") + 1)


def misspelt_column(wb):
    wb["班子成员"]["E1"] = "分官"


def mixed_up_unit(wb):
    wb["班子成员"].append(["中共青石镇委员回", "钱八", "党委委员", "一岗双责"])


UNREADABLE = {
    "wrong sheet name": (renamed_sheet, "班子成员表!A1", "工作表“班子成员表”应名为“班子成员”"),
    "missing column": (deleted_column, "班子成员!F1", "缺少“责任”列"),
    "misspelt column": (misspelt_column, "班子成员!E1", "未知的列“分官”：是不是“分管”？"),
    "misspelt unit": (mixed_up_unit, "班子成员!A15", "单位“中共青石镇委员回”不在“单位”表中：是不是“中共青石镇委员会”？"),
}


@pytest.mark.parametrize("mistake", UNREADABLE)
def test_a_roster_with_a_wrong_sheet_or_column_is_named_and_the_other_inputs_are_generated(county, tmp_path, mistake):
    edit, cell, message = UNREADABLE[mistake]
    edited_roster(county, tmp_path / "名册.xlsx", edit)
    shutil.copy(EXAMPLES / "东坪村.yaml", tmp_path)

    run = zerentian("pack", tmp_path / "名册.xlsx", tmp_path / "东坪村.yaml", "--out", tmp_path / "out")

    assert run.code == 1
    assert f"名册.xlsx:{cell}: {message}" in run.err, run.err
    assert "发现 1 处问题" in run.err and "Traceback" not in run.err
    generated = units_in(tmp_path / "out")
    if mistake == "misspelt unit":  # only the unit it was meant for is held back, so it is not printed without 钱八
        assert generated == EXAMPLE_UNITS[:2]
    else:
        assert generated == ["中共东坪村支部委员会"]


def test_what_excel_does_to_cells_is_undone(county, kb, tmp_path):
    def as_excel_keeps_it(wb):
        units, leaders = wb["单位"], wb["班子成员"]
        for row in units.iter_rows(min_row=2):
            row[3].value = float(row[3].value)  # 年度 2026.0
        assert isinstance(units["G3"].value, datetime)  # a date cell
        units["G2"].value = 46078  # the same date as a plain number: 2026-02-25
        units["D3"].value = "2026　"  # as text, with a full-width space
        units["E3"].value = "党风廉政建设 ， 意识形态；"
        units["G4"].value = "2026年2月15日"
        for row in leaders.iter_rows(min_row=2):
            row[1].value = f"{row[1].value}　 "
            if row[4].value:
                row[4].value = row[4].value.replace("、", [",", "，", ";", "；"][row[0].row % 4])
        units.move_range("A4:G4", rows=1)  # an empty row in the middle changes nothing

    roster = edited_roster(county, tmp_path / "名册.xlsx", as_excel_keeps_it)

    units = read_roster(roster, kb)

    assert all(u.ok for u in units), [str(p) for u in units for p in u.problems]
    assert {u.loaded.profile.单位: u.loaded.profile for u in units} == example_profiles(kb)
    assert [str(u.place).split(":")[-1] for u in units] == ["单位!A2", "单位!A3", "单位!A5"]


# The blank roster

def test_the_blank_roster_has_the_sheets_drop_downs_and_print_setup_a_clerk_needs(kb, tmp_path):
    roster = tmp_path / "名册.xlsx"
    run = zerentian("new", roster)
    assert run.code == 0, run.err

    wb = load_workbook(roster)
    assert wb.sheetnames == [*SHEETS, "说明"]
    for name, headings in SHEETS.items():
        ws = wb[name]
        assert [c.value for c in ws[1]] == headings and ws.max_row == 1
        assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
        assert ws.page_setup.paperSize == int(ws.PAPERSIZE_A4) and ws.page_setup.orientation == "landscape"
        assert all(ws.column_dimensions[c.column_letter].width >= 8 for c in ws[1])
    rules = {(name, str(dv.sqref).split(":")[0]): dv for name in SHEETS for dv in wb[name].data_validations.dataValidation}
    guide = wb["说明"]

    def offered(rule) -> list[str]:
        cells = rule.formula1.split("!")[1].replace("$", "")
        return [c.value for (c,) in guide[cells]]

    assert offered(rules[("单位", "B2")]) == offered(rules[("下属单位", "C2")]) == ["县级", "部门", "乡镇", "村"]
    assert offered(rules[("班子成员", "D2")]) == ["第一责任人", "一岗双责", "监督责任"]
    assert rules[("单位", "B2")].showErrorMessage and rules[("班子成员", "D2")].showErrorMessage
    areas = rules[("班子成员", "E2")]
    assert offered(areas) == [a.name for a in kb.areas.values()] and len(offered(areas)) >= 10
    assert not areas.showErrorMessage and "也可以直接填写" in areas.prompt  # other 分管 allowed, with a hint
    assert rules[("单位", "G2")].type == "date" and wb["单位"].column_dimensions["G"].number_format == "yyyy-mm-dd"
    assert wb["班子成员"].column_dimensions["B"].number_format == "@"  # typed names stay text
    described = {(row[0], row[1]): row[4] for row in guide.iter_rows(min_row=2, max_col=5, values_only=True) if row[1]}
    assert {(s, h) for s, headings in SHEETS.items() for h in headings} == set(described)
    assert all(described.values()), "each column has an example"

    check = zerentian("check", roster)
    assert check.code == 1 and "名册.xlsx:单位!A2: 名册中还没有单位" in check.err
    assert zerentian("new", roster).code == 2, "an existing roster is never overwritten"


@pytest.mark.slow
def test_the_blank_and_the_filled_roster_open_in_libreoffice(county, tmp_path):
    soffice = require_tool("soffice")
    require_tool("pdftotext")
    if not list(Path(soffice).resolve().parent.glob("libsclo.*")):
        missing("LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui; .ci/run does)")
    blank = tmp_path / "空白名册.xlsx"
    assert zerentian("new", blank).code == 0

    convert_to_pdf([blank, county], tmp_path / "pdf")

    def text(pdf: Path) -> str:
        return subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout

    blank_text, county_text = text(tmp_path / "pdf" / "空白名册.pdf"), text(tmp_path / "pdf" / "名册.pdf")
    for headings in SHEETS.values():
        assert re.search(r"\s+".join(headings), blank_text), headings
    assert "第一责任人、一岗双责、监督责任之一" in blank_text and "财务管理" in blank_text
    assert "中共青石镇委员会" in county_text and "党委副书记、镇长" in county_text and "2026-02-15" in county_text


# Conversion both ways

def test_converting_one_way_and_back_changes_nothing(county, kb, tmp_path):
    profiles = tmp_path / "档案"
    run = zerentian("new", profiles, "--from", county)
    assert run.code == 0, run.err
    assert sorted(p.name for p in profiles.glob("*.yaml")) == [f"{u}.yaml" for u in EXAMPLE_UNITS]
    assert {p.profile.单位: p.profile for p in map(lambda f: load_profile(f, kb), profiles.glob("*.yaml"))} \
        == example_profiles(kb)

    again = tmp_path / "again" / "名册.xlsx"
    assert zerentian("new", again, "--from", profiles).code == 0
    assert sheet_values(again) == sheet_values(county)

    written = tree(profiles)
    run = zerentian("new", profiles, "--from", again)
    assert run.code == 0 and "已保留" not in run.err and "已删除" not in run.err
    assert tree(profiles) == written


TRICKY = """\
单位: 中共=1+1村支部委员会
层级: 村
上级: '2026'
年度: 2026
领域: [基层党建]
班子成员:
  - 姓名: '1:30'
    职务: 'no'
    责任: 第一责任人
  - 姓名: 赵 一
    职务: =SUM(A1:A3)
    责任: 监督责任
    分管: [村务监督, 自定义工作]
落款:
  机关: 中共某村支部委员会
  日期: 2026-12-31
"""


def test_text_that_looks_like_a_number_or_a_formula_survives_the_round_trip(kb, tmp_path):
    (tmp_path / "档案").mkdir()
    (tmp_path / "档案" / "村.yaml").write_text(TRICKY, encoding="utf-8")
    assert zerentian("new", tmp_path / "名册.xlsx", "--from", tmp_path / "档案").code == 0
    assert zerentian("new", tmp_path / "回来", "--from", tmp_path / "名册.xlsx").code == 0

    [back] = (tmp_path / "回来").glob("*.yaml")
    assert load_profile(back, kb).profile == load_profile(tmp_path / "档案" / "村.yaml", kb).profile
    cell = load_workbook(tmp_path / "名册.xlsx")["班子成员"]["C3"]
    assert cell.value == "=SUM(A1:A3)" and cell.data_type == "s"


def test_conversion_refuses_what_it_cannot_convert_whole(county, tmp_path):
    clash = tmp_path / "档案"
    clash.mkdir()
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(EXAMPLES / "东坪村.yaml", clash / name)
    bad = edited_roster(county, tmp_path / "坏名册.xlsx", lambda wb: wb["班子成员"].cell(2, 4, "书记"))
    runs = {
        "same unit twice": zerentian("new", tmp_path / "名册.xlsx", "--from", clash),
        "a bad unit": zerentian("new", tmp_path / "出", "--from", bad),
        "yaml from yaml": zerentian("new", tmp_path / "x.yaml", "--from", clash),
        "roster exists": zerentian("new", county, "--from", EXAMPLES),
    }
    assert [r.code for r in runs.values()] == [1, 1, 2, 2]
    assert "重名" in runs["same unit twice"].err and "坏名册.xlsx:班子成员!D2:" in runs["a bad unit"].err
    assert "--from 用于名册与单位档案之间的转换" in runs["yaml from yaml"].err and "不会覆盖" in runs["roster exists"].err
    assert not (tmp_path / "名册.xlsx").exists() and not (tmp_path / "出").exists()
    assert not any("Traceback" in r.err for r in runs.values())


def test_a_roster_may_say_a_units_type_and_one_made_before_the_column_still_reads(county, kb, tmp_path):
    def street(wb):
        ws = wb["单位"]
        row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "中共青石镇委员会")
        ws.cell(row, SHEETS["单位"].index("类型") + 1, "街道")

    declared = read_roster(edited_roster(county, tmp_path / "街道.xlsx", street), kb)
    township = next(u.loaded.profile for u in declared if u.loaded and u.loaded.profile.单位 == "中共青石镇委员会")
    assert township.类型 == "街道"

    older = read_roster(edited_roster(county, tmp_path / "旧名册.xlsx",
                                      lambda wb: wb["单位"].delete_cols(SHEETS["单位"].index("类型") + 1)), kb)
    assert sorted(u.loaded.profile.单位 for u in older if u.loaded) == EXAMPLE_UNITS


def test_a_damaged_roster_is_reported_and_the_profile_beside_it_still_checked(county, tmp_path):
    damaged = tmp_path / "名册（损坏）.xlsx"
    with zipfile.ZipFile(county) as source, zipfile.ZipFile(damaged, "w") as copy:
        for part in source.infolist():
            data = source.read(part.filename)
            copy.writestr(part, data[:len(data) // 2] if part.filename.startswith("xl/worksheets/") else data)
    run = zerentian("check", damaged, EXAMPLES / "东坪村.yaml")
    assert run.code == 1 and "Traceback" not in run.err
    assert "名册（损坏）.xlsx" in run.err and "发现 1 处问题" in run.err
