"""The county office collects returned ledgers and score sheets, and checks the year's burden."""

import json
import shutil
from datetime import date, datetime

import pytest
from conftest import CONTENT, EXAMPLES, zerentian
from openpyxl import load_workbook

from generator.compile.plan import assessment_form
from generator.load import load_content
from generator.returns.scoring import assessed_grade, evaluate, grade_for

AS_OF = date(2026, 6, 30)
TOWNSHIP, DEPARTMENT, VILLAGE = "中共青石镇委员会", "中共云岭县财政局党组", "中共东坪村支部委员会"


@pytest.fixture(scope="module")
def packs(example_packs):
    return example_packs


@pytest.fixture
def returned(packs, tmp_path):
    """A fresh copy of the packs, as the units send them back."""
    copy = tmp_path / "returned"
    shutil.copytree(packs, copy)
    return copy


def ledger_rows(ws) -> tuple[list[str], list[dict]]:
    """The header and the data rows of a ledger sheet, each row by heading (wherever the columns are)."""
    header = [c.value for c in ws[2]]
    rows = [dict(zip(header, r, strict=False)) for r in ws.iter_rows(min_row=3, values_only=True)]
    return header, [r for r in rows if r.get("编号")]


def column_of(ws, heading: str) -> int:
    return [c.value for c in ws[2]].index(heading) + 1


def fill_ledger(path, done_every: int, *, sort=False, note=False, blank_line=False, text_dates=False,
                old_layout=False) -> dict:
    """Mark every n-th row done as a clerk would; return what the figures must then be, per person.

    `old_layout` writes the rows back with the id first, as ledgers generated before the id moved to the end."""
    wb = load_workbook(path)
    ws = wb["工作台账"]
    header, rows = ledger_rows(ws)
    for i, row in enumerate(rows):
        if i % done_every == 0:
            row["完成情况"], row["对账销号"] = "已完成", "已销号" if i % (2 * done_every) == 0 else "未销号"
            due = row["时间节点"]
            row["完成日期"] = f"{due.year}/{due.month}/{due.day}" if text_dates else due
    if sort:
        rows.sort(key=lambda r: (r["责任人"], r["编号"]), reverse=True)
    if old_layout:
        header = ["编号", *(h for h in header if h != "编号")]
    ws.delete_rows(2, ws.max_row)
    ws.append(header + (["说明"] if note else []))
    for row in rows:
        if blank_line and ws.max_row == 10:
            ws.append([])
        ws.append([row[h] for h in header] + (["已按时开展"] if note else []))
    wb.save(path)
    expected: dict[str, dict] = {}
    for row in rows:
        who = row["责任人"] if row["责任主体"] != "领导班子" else "领导班子"
        person = expected.setdefault(who, {"应完成": 0, "已完成": 0, "逾期": 0})
        is_due, is_done = row["时间节点"].date() <= AS_OF, row["完成情况"] == "已完成"
        person["应完成"] += is_due
        person["已完成"] += is_done
        person["逾期"] += is_due and not is_done
    return expected


def totals(people: dict) -> dict:
    return {key: sum(p[key] for p in people.values()) for key in ("应完成", "已完成", "逾期")}


def collect_json(*paths, code=0):
    run = zerentian("collect", EXAMPLES, *paths, "--as-of", AS_OF.isoformat(), "--json")
    assert run.code == code, run.err
    return {u["单位"]: u for u in json.loads(run.out)["units"]}, run


def test_returned_ledgers_give_back_exactly_what_clerks_filled(returned):
    township = fill_ledger(returned / TOWNSHIP / "05-工作台账.xlsx", 3, note=True, blank_line=True, text_dates=True)
    department = fill_ledger(returned / DEPARTMENT / "05-工作台账.xlsx", 2, sort=True)

    units, _ = collect_json(returned)

    for name, expected in ((TOWNSHIP, township), (DEPARTMENT, department)):
        unit = units[name]
        assert {k: unit[k] for k in ("应完成", "已完成", "逾期")} == totals(expected)
        got = {(p["责任人"] if p["责任主体"] != "领导班子" else "领导班子"): {k: p[k] for k in ("应完成", "已完成", "逾期")}
               for p in unit["人员"]}
        assert got == expected
        assert unit["完成率"] == round(100 * (unit["应完成"] - unit["逾期"]) / unit["应完成"], 1)
    assert units[TOWNSHIP]["待销号"] > 0


def test_a_ledger_in_the_old_layout_with_the_id_first_still_reads_back(returned):
    ledger = returned / DEPARTMENT / "05-工作台账.xlsx"
    header = [c.value for c in load_workbook(ledger)["工作台账"][2]]
    assert header[0] != "编号" and header[-1] == "编号", "the clerk reads the task first; the id comes last"
    expected = fill_ledger(ledger, 2, old_layout=True)
    assert [c.value for c in load_workbook(ledger)["工作台账"][2]][0] == "编号"

    units, _ = collect_json(returned)

    unit = units[DEPARTMENT]
    assert unit["已报送台账"] and {k: unit[k] for k in ("应完成", "已完成", "逾期")} == totals(expected)


def test_a_ledger_of_another_year_or_unit_is_refused_and_the_rest_still_counted(returned, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    last_year = (EXAMPLES / "东坪村.yaml").read_text(encoding="utf-8").replace("年度: 2026", "年度: 2025")
    other_unit = (EXAMPLES / "东坪村.yaml").read_text(encoding="utf-8").replace("中共东坪村支部委员会", "中共西坪村支部委员会")
    for name, text in (("去年.yaml", last_year), ("西坪村.yaml", other_unit)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert zerentian("pack", tmp_path / name, "--out", elsewhere / name).code == 0
    old = returned / VILLAGE / "05-工作台账.xlsx"
    shutil.copy(elsewhere / "去年.yaml" / VILLAGE / "05-工作台账.xlsx", old)
    stranger = returned / "西坪村-台账.xlsx"
    shutil.copy(elsewhere / "西坪村.yaml" / "中共西坪村支部委员会" / "05-工作台账.xlsx", stranger)

    units, run = collect_json(returned, code=1)

    assert f"{old}:" in run.err and "2025 年度" in run.err
    assert f"{stranger}:" in run.err and "中共西坪村支部委员会" in run.err
    assert not units[VILLAGE]["已报送台账"] and units[TOWNSHIP]["已报送台账"]
    assert units[VILLAGE]["退回文件"] == [str(old)]


def edit_ledger(path, change) -> None:
    wb = load_workbook(path)
    change(wb["工作台账"])
    wb.save(path)


@pytest.mark.parametrize("mistake", ["unknown id", "duplicated id", "impossible date"])
def test_a_ledger_that_breaks_meaning_is_refused_with_its_line(returned, mistake):
    ledger = returned / TOWNSHIP / "05-工作台账.xlsx"
    changes = {
        "unknown id": lambda ws: ws.cell(5, column_of(ws, "编号"), "2026-s003p1-col-99-abcdef-01"),
        "duplicated id": lambda ws: ws.cell(5, column_of(ws, "编号"), ws.cell(4, column_of(ws, "编号")).value),
        "impossible date": lambda ws: ws.cell(5, column_of(ws, "完成日期"), "2026年2月30日"),
    }
    edit_ledger(ledger, changes[mistake])
    _, run = collect_json(returned, code=1)
    expected = {"unknown id": "不属于", "duplicated id": "重复", "impossible date": "不是有效日期"}[mistake]
    assert f"{ledger}:" in run.err and expected in run.err


def test_scoring_follows_the_sources_numbers():
    form = assessment_form(load_content(CONTENT), "township", [])
    assert [(b.grade, b.min) for b in form.bands] == [("优秀", 95), ("良好", 80), ("一般", 60), ("差", 0)]
    assert [(t.grade, t.score) for t in form.tiers] == [("优秀", 100), ("良好", 80), ("一般", 60), ("差", 0)]
    assert form.bad_vote_ratio == 0.3 and form.bad_grade == "差"
    grades = [grade_for(s, form.bands) for s in (100, 95, 94.9, 80, 79, 60, 59.5, 0)]
    assert grades == ["优秀", "优秀", "良好", "良好", "一般", "一般", "差", "差"]
    mixed = evaluate({"优秀": 6, "良好": 2, "一般": 1, "差": 1}, form.tiers, form.bands, form.bad_vote_ratio, form.bad_grade)
    assert (mixed.score, mixed.grade) == (82, "良好")
    many_bad = evaluate({"优秀": 7, "差": 3}, form.tiers, form.bands, form.bad_vote_ratio, form.bad_grade)
    assert (many_bad.score, many_bad.grade) == (70, "差")
    just_under = evaluate({"优秀": 8, "差": 3}, form.tiers, form.bands, form.bad_vote_ratio, form.bad_grade)
    assert just_under.grade == "一般"  # 3/11 < 30 %: graded by its score, 72.7
    assert assessed_grade(98, True, form.bands) == "差" and assessed_grade(98, False, form.bands) == "优秀"


def test_returned_score_sheets_are_totalled_vetoed_and_graded(returned):
    sheet = returned / TOWNSHIP / "06-考核评分表.xlsx"
    wb = load_workbook(sheet)
    ws = wb.active
    header = next(r for r in range(1, 5) if ws.cell(r, 1).value == "序号")
    column = {ws.cell(header, c).value: c for c in range(1, ws.max_column + 1)}
    items = [r for r in range(header + 1, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)]
    for r in items:  # one point lost on every item
        ws.cell(r, column["得分"]).value = ws.cell(r, column["分值"]).value - 1
    wb.save(sheet)
    votes = returned / TOWNSHIP / "06-民主测评表.xlsx"
    wb = load_workbook(votes)
    ws = wb.active
    ws.cell(3, 4).value, ws.cell(3, 7).value = 7, 3      # 领导班子: 7 优秀, 3 差 → 差 by the 30 % rule
    ws.cell(4, 4).value = "√"                           # one ballot for the secretary
    wb.save(votes)

    units, _ = collect_json(returned)

    assessment = units[TOWNSHIP]["考核"]
    assert assessment["得分"] == 100 - len(items)
    assert assessment["等次"] == grade_for(100 - len(items), assessment_form(load_content(CONTENT), "township", []).bands)
    evaluation = {e["测评对象"]: e for e in units[TOWNSHIP]["民主测评"]}
    assert evaluation["领导班子"]["等次"] == "差" and evaluation["领导班子"]["得分"] == 70
    assert evaluation["周立新"]["等次"] == "优秀"


def test_the_html_report_draws_its_charts_with_nothing_from_outside(returned, tmp_path, browser):
    fill_ledger(returned / TOWNSHIP / "05-工作台账.xlsx", 2)
    run = zerentian("collect", EXAMPLES, returned, "--as-of", AS_OF.isoformat(), "--out", tmp_path / "report")
    assert run.code == 0, run.err
    assert (tmp_path / "report" / "汇总.xlsx").exists()
    page_url = (tmp_path / "report" / "index.html").as_uri()
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_url)
    bars = page.eval_on_selector_all("svg rect.bar", "els => els.map(e => e.getBoundingClientRect().width)")
    text = page.inner_text("body")
    page.close()
    assert [u for u in requests if u != page_url] == []
    assert len(bars) >= 2 and max(bars) > 0
    assert TOWNSHIP in text and "逾期事项按责任主体" in text


def test_burden_counts_what_the_pack_asks_of_each_role(packs):
    run = zerentian("burden", EXAMPLES / "青石镇.yaml")
    assert run.code == 0, run.err
    table = {}
    for line in run.out.splitlines():
        cells = line.split("\t")
        if len(cells) == 6 and cells[2].isdigit():
            table[cells[1] if cells[0] != "领导班子" else "领导班子"] = (int(cells[4]), int(cells[5]))
    folder = packs / TOWNSHIP
    ws = load_workbook(folder / "05-工作台账.xlsx")["工作台账"]
    ledger: dict[str, int] = {}
    for row in ledger_rows(ws)[1]:
        who = "领导班子" if row["责任主体"] == "领导班子" else row["责任人"]
        ledger[who] = ledger.get(who, 0) + 1
    names = [p.name for p in folder.glob("0[23]-*.docx")]
    for who, (entries, documents) in table.items():
        assert entries == ledger.get(who, 0), who
        if who == "领导班子":
            expected = sum(1 for n in names if n.startswith("02-责任书-中共"))
        else:
            expected = sum(1 for n in names if who in n and not n.startswith("02-责任书-中共"))
        assert documents == expected, who
    assert "频次需核对的事项" in run.out


def test_dates_clerks_retype_are_read():
    from generator.returns.read import parse_date

    assert parse_date("2026/3/1") == parse_date("2026年3月1日") == parse_date("2026-03-01") == date(2026, 3, 1)
    assert parse_date(datetime(2026, 3, 1, 0, 0)) == date(2026, 3, 1)
    with pytest.raises(ValueError):
        parse_date("2026-02-30")
