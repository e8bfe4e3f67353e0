"""A township clerk generates the year's pack; the county office packs many units at once."""

import re
import zipfile
from collections import Counter
from datetime import date, datetime

import pytest
from conftest import EXAMPLES, require_tool, tree, zerentian
from icalendar import Calendar
from openpyxl import load_workbook

from generator.compile import compile_unit
from generator.compile.schedule import due_dates
from generator.load import load_profile

TOWNSHIP = EXAMPLES / "青石镇.yaml"


@pytest.fixture(scope="module")
def township_pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    run = zerentian("pack", TOWNSHIP, "--out", out)
    assert run.code == 0, run.err
    return out / "中共青石镇委员会"


@pytest.fixture(scope="module")
def township_plan(kb):
    return compile_unit(kb, load_profile(TOWNSHIP, kb).profile)


def test_a_township_gets_every_document_of_its_pack(township_pack, township_plan):
    names = {p.name for p in township_pack.iterdir() if p.is_file()}
    profile = township_plan.profile
    expected = {"01-责任清单.docx", "01-责任清单.xlsx", "04-实施方案.docx", "05-工作台账.xlsx", "05-年度工作日历.ics",
                "06-考核评分表.docx", "06-考核评分表.xlsx", "06-民主测评表.docx", "06-民主测评表.xlsx",
                "07-问题清单.docx", "07-承诺清单.docx", "08-履责情况报告提纲.docx"}
    assert expected <= names
    letters = [n for n in names if n.startswith("02-责任书")]
    promises = [n for n in names if n.startswith("03-廉政承诺书")]
    assert len(letters) == 1 + (len(profile.班子成员) - 1) + len(profile.下属单位)
    assert all(any(unit.单位 in n for n in letters) for unit in profile.下属单位)
    assert sorted(promises) == sorted(f"03-廉政承诺书-{m.姓名}.docx" for m in profile.班子成员)


def test_a_members_letter_names_their_contact_point(township_pack):
    with zipfile.ZipFile(township_pack / "02-责任书-周立新与吴晓岚.docx") as docx:
        text = re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode("utf-8"))
    assert "联系指导东坪村党支部" in text


def ledger_rows(path):
    ws = load_workbook(path)["工作台账"]
    header = [c.value for c in ws[2]]
    return header, [dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=3)]


def test_the_ledger_holds_every_dated_occurrence_of_the_year(township_pack, township_plan):
    header, rows = ledger_rows(township_pack / "05-工作台账.xlsx")
    assert header[:4] == ["责任主体", "责任人", "事项", "时间节点"] and header[-1] == "编号"
    assert [r["编号"] for r in rows] == [o.id for o in township_plan.occurrences]
    assert len({r["编号"] for r in rows}) == len(rows)
    for row in rows:
        assert isinstance(row["时间节点"], datetime) and row["时间节点"].year == township_plan.year
    expected = Counter()
    for holder in [township_plan.collective, *township_plan.leaders]:
        for duty in holder.duties:
            if duty.frequency:
                expected[(duty.id, holder.name)] = len(due_dates(duty.frequency, township_plan.year))
    got = Counter((o.duty.id, o.holder.name) for o in township_plan.occurrences)
    assert got == expected
    quarterly = [o for o in township_plan.occurrences if o.duty.frequency.per == "quarter" and o.duty.frequency.times == 1]
    assert quarterly, "the example township has a quarterly duty"
    per_person = Counter((o.duty.id, o.holder.name) for o in quarterly)
    assert set(per_person.values()) == {4}


def test_the_ledger_is_ready_for_clerks_and_printers(township_pack):
    wb = load_workbook(township_pack / "05-工作台账.xlsx")
    ws = wb["工作台账"]
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$2:$2"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert '"未开始,进行中,已完成"' in lists and '"未销号,已销号"' in lists
    rules = [r for rng in ws.conditional_formatting for r in rng.rules]
    assert any("TODAY()" in r.formula[0] for r in rules)


def test_the_calendar_events_have_their_own_ids_within_the_year(township_pack, township_plan):
    cal = Calendar.from_ical((township_pack / "05-年度工作日历.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    uids = [str(e["uid"]) for e in events]
    assert len(uids) == len(set(uids)) and len(uids) <= len(township_plan.occurrences)
    starts = {e.decoded("dtstart") for e in events}
    assert all(isinstance(d, date) and d.year == township_plan.year for d in starts)


def test_a_clerk_edits_a_file_and_regenerates(tmp_path):
    assert zerentian("pack", TOWNSHIP, "--out", tmp_path).code == 0
    edited = tmp_path / "中共青石镇委员会" / "04-实施方案.docx"
    untouched = tmp_path / "中共青石镇委员会" / "01-责任清单.xlsx"
    edited.write_bytes(edited.read_bytes() + b"clerk")
    mine = edited.read_bytes()
    untouched.unlink()

    again = zerentian("pack", TOWNSHIP, "--out", tmp_path)
    assert again.code == 0
    assert edited.read_bytes() == mine and "已保留您修改过的文件" in again.err and "04-实施方案.docx" in again.err
    assert untouched.exists(), "a deleted generated file comes back"

    forced = zerentian("pack", TOWNSHIP, "--out", tmp_path, "--force")
    assert forced.code == 0 and edited.read_bytes() != mine


def test_one_bad_profile_does_not_stop_the_county(tmp_path):
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    for example in EXAMPLES.glob("*.yaml"):
        (profiles / example.name).write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    bad = TOWNSHIP.read_text(encoding="utf-8").replace("中共青石镇委员会", "中共白水镇委员会").replace("层级: 乡镇", "层级: 镇")
    (profiles / "白水镇.yaml").write_text(bad, encoding="utf-8")

    run = zerentian("pack", profiles, "--out", tmp_path / "out", "--jobs", "2")

    assert run.code == 1
    assert "白水镇.yaml:" in run.err and "1 个单位失败" in run.out
    folders = sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_dir())
    assert folders == sorted(["中共青石镇委员会", "中共云岭县财政局党组", "中共东坪村支部委员会"])


def test_a_hostile_unit_name_stays_inside_out(tmp_path):
    text = (EXAMPLES / "东坪村.yaml").read_text(encoding="utf-8").replace("单位: 中共东坪村支部委员会", '单位: "../../逃逸: 村*"')
    profile = tmp_path / "村.yaml"
    profile.write_text(text, encoding="utf-8")
    before = tree(tmp_path)
    run = zerentian("pack", profile, "--out", tmp_path / "out" / "packs")
    assert run.code == 0, run.err
    added = {path for path in tree(tmp_path) if path not in before}
    assert added and all(path.startswith("out/packs/") for path in added), sorted(added)[:3]
    [folder] = [p for p in (tmp_path / "out" / "packs").iterdir() if p.is_dir()]
    assert not any(c in folder.name for c in '\\/:*?"<>|')


def test_blank_templates_for_every_level(tmp_path):
    run = zerentian("templates", "--out", tmp_path)
    assert run.code == 0, run.err
    for level in ("县级", "部门", "乡镇", "村"):
        names = {p.name for p in (tmp_path / f"空白-{level}").iterdir()}
        assert "01-责任清单.docx" in names and "05-工作台账.xlsx" in names
    assert (tmp_path / "学习手册" / "学习手册.docx").stat().st_size > 10_000


@pytest.mark.slow
def test_pdf_copies_on_request(tmp_path):
    require_tool("soffice")
    run = zerentian("pack", EXAMPLES / "东坪村.yaml", "--out", tmp_path, "--pdf")
    assert run.code == 0, run.err
    folder = tmp_path / "中共东坪村支部委员会"
    docx = {p.stem for p in folder.glob("*.docx")}
    assert docx and {p.stem for p in (folder / "PDF").glob("*.pdf")} == docx


def test_a_leader_who_leaves_takes_their_letters_along(tmp_path):
    profile = tmp_path / "青石镇.yaml"
    text = TOWNSHIP.read_text(encoding="utf-8")
    profile.write_text(text, encoding="utf-8")
    assert zerentian("pack", profile, "--out", tmp_path / "out").code == 0
    folder = tmp_path / "out" / "中共青石镇委员会"
    assert (folder / "03-廉政承诺书-陈浩然.docx").exists()
    start = text.index("  - 姓名: 陈浩然")
    profile.write_text(text[:start] + text[text.index("  - 姓名: 褚红梅"):], encoding="utf-8")

    run = zerentian("pack", profile, "--out", tmp_path / "out")

    assert run.code == 0 and "已删除不再需要的文件" in run.err
    assert not any("陈浩然" in p.name for p in folder.iterdir())


def test_two_leaders_with_one_name_get_their_own_ledger_rows(kb, tmp_path):
    text = TOWNSHIP.read_text(encoding="utf-8").replace("姓名: 陈浩然", "姓名: 冯静")
    profile = tmp_path / "青石镇.yaml"
    profile.write_text(text, encoding="utf-8")
    plan = compile_unit(kb, load_profile(profile, kb).profile)
    ids = [o.id for o in plan.occurrences]
    assert len(ids) == len(set(ids))
    assert zerentian("pack", profile, "--out", tmp_path / "out").code == 0
    promises = sorted(p.name for p in (tmp_path / "out" / "中共青石镇委员会").glob("03-廉政承诺书-冯静*"))
    assert promises == ["03-廉政承诺书-冯静-2.docx", "03-廉政承诺书-冯静.docx"]


def test_very_long_names_still_pack_with_bounded_file_names(tmp_path):
    text = (EXAMPLES / "东坪村.yaml").read_text(encoding="utf-8")
    text = text.replace("单位: 中共东坪村支部委员会", "单位: 中共东坪村支部委员会" + "东坪村" * 20)
    text = text.replace("上级: 中共青石镇委员会", "上级: 中共青石镇委员会" + "青石镇" * 20)
    profile = tmp_path / "长.yaml"
    profile.write_text(text, encoding="utf-8")
    run = zerentian("pack", profile, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    names = [p.name for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert names and max(map(len, names)) <= 80
