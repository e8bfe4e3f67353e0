"""A clerk prints the example packs and signs them as they are.

The three example units (a township, its village, a county bureau) are packed together and every Word and
Excel file is opened in LibreOffice once per session (`printed` in conftest.py); these stories read the
PDFs back, page by page.
"""

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, SHARED, flat, missing
from lxml import etree
from openpyxl import load_workbook

from generator.load import load_content, load_profile
from generator.render.gbt9704 import CHAR_MM
from generator.vocabulary import LEVEL_LABELS, ROLE_LABELS

pytestmark = pytest.mark.slow

TOWNSHIP, VILLAGE, DEPARTMENT = "中共青石镇委员会", "中共东坪村支部委员会", "中共云岭县财政局党组"
UNITS = {TOWNSHIP: "青石镇", VILLAGE: "东坪村", DEPARTMENT: "云岭县财政局"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PT_PER_MM = 72 / 25.4


@pytest.fixture(scope="module")
def profiles():
    kb = load_content()
    return {unit: load_profile(EXAMPLES / f"{stem}.yaml", kb).profile for unit, stem in UNITS.items()}


@pytest.mark.parametrize("unit", UNITS)
def test_every_pledge_is_one_first_person_page_of_five_to_nine_promises(printed, unit):
    pledges = printed.files(unit, "03-廉政承诺书")
    assert pledges
    for name in pledges:
        assert printed.pages(unit, name) == 1, name
        text = flat(printed.text(unit, name))
        assert text.startswith("廉政承诺书本人"), name
        promises = re.findall(r"\d+．", text)
        assert 5 <= len(promises) <= 9, (name, promises)
        assert "如有违反，自愿接受组织处理。" in text
        assert "不得" not in text, "promises are commitments, not prohibitions"


def test_the_township_list_is_a_landscape_table_of_at_most_fifteen_pages(printed):
    assert printed.pages(TOWNSHIP, "01-责任清单.docx") <= 15
    info = subprocess.run(["pdfinfo", str(printed.pdf(TOWNSHIP, "01-责任清单.docx"))], capture_output=True,
                          text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height, "landscape"


@pytest.mark.parametrize("unit", UNITS)
def test_the_list_gives_dates_or_rhythms_and_names_people_with_one_title_in_word_and_excel(printed, unit, profiles):
    ws = load_workbook(printed.packs / unit / "01-责任清单.xlsx").active
    header = [c.value for c in ws[2]]
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=3, values_only=True) if r[0]]
    deadlines = [r["时限"] for r in rows]
    assert sum(d == "全年" for d in deadlines) <= len(rows) / 10
    assert all(re.search(r"每|月|日", d) for d in deadlines), set(deadlines)
    assert all(r["工作措施"] for r in rows)
    people = {m.姓名 for m in profiles[unit].班子成员}
    assert all(any(p in r["责任人"] for p in people) for r in rows)
    excel_title = ws["A1"].value
    word = flat(printed.text(unit, "01-责任清单.docx"))
    assert word.startswith(excel_title) and excel_title.endswith("全面从严治党责任清单")


def all_texts(printed) -> dict[str, str]:
    return {f"{unit}/{name}": printed.text(unit, name) for unit in UNITS for name in printed.files(unit)}


HALF_WIDTH = re.compile(r"[\u4e00-\u9fff][,;:!?]|[,;:!?][\u4e00-\u9fff]")
DOUBLED = re.compile(r"(党委|党支部|党组|党总支|委员会)\1|委员会党(委|支部|总支)|党组党组")


def test_no_text_has_doubled_titles_unfilled_alternatives_or_half_width_brackets(printed):
    labels = [label for label in (*LEVEL_LABELS.values(), *ROLE_LABELS.values()) if "（" in label]
    found = []
    for name, text in all_texts(printed).items():
        body = flat(text)
        found += [f"{name}: doubled {m.group(0)}" for m in DOUBLED.finditer(body)]
        found += [f"{name}: alternative {label}" for label in labels if flat(label) in body]
        found += [f"{name}: half-width bracket" for c in "()" if c in body]
        found += [f"{name}: half-width {m.group(0)}" for m in HALF_WIDTH.finditer(body)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("unit", UNITS)
def test_the_score_sheet_points_add_up_to_100_and_every_item_says_how_it_is_scored(printed, unit):
    word = printed.text(unit, "06-考核评分表.docx", layout=True)
    assert re.search(r"合计\s+100\n", word)
    ws = load_workbook(printed.packs / unit / "06-考核评分表.xlsx").active
    items = [r for r in ws.iter_rows(min_row=3, values_only=True) if isinstance(r[0], int)]
    assert items and sum(r[4] for r in items) == 100
    assert all(r[3] and "扣" in r[3] for r in items)
    assert "参考分值" in flat(word)


def member_documents(printed, unit: str, name: str) -> list[str]:
    return [n for n in printed.files(unit) if n.endswith(f"与{name}.docx") or n == f"03-廉政承诺书-{name}.docx"]


@pytest.mark.parametrize("unit", UNITS)
def test_every_members_oversight_appears_as_the_profile_writes_it_in_their_own_documents(printed, unit, profiles):
    members = [m for m in profiles[unit].班子成员 if m.分管]
    assert members
    for member in members:
        documents = member_documents(printed, unit, member.姓名)
        assert len(documents) == 2, documents
        for name in documents:
            assert "、".join(member.分管) in flat(printed.text(unit, name)), (member.姓名, name)


def test_the_township_village_letter_is_the_same_from_both_sides(printed):
    name = f"02-责任书-{TOWNSHIP}与{VILLAGE}.docx"
    assert name in printed.files(TOWNSHIP) and name in printed.files(VILLAGE)
    town_side, village_side = flat(printed.text(TOWNSHIP, name)), flat(printed.text(VILLAGE, name))
    assert town_side == village_side
    assert f"甲方：{TOWNSHIP}（负责人：周立新）" in town_side and f"乙方：{VILLAGE}（负责人：卫长青）" in town_side


def letter_items(text: str, start: str, end: str) -> list[str]:
    section = flat(text).split(start, 1)[1].split(end, 1)[0]
    return re.split(r"（[一二三四五六七八九十]+）", section)[1:]


@pytest.mark.parametrize("unit", UNITS)
def test_letters_state_five_to_twelve_whole_duties_and_attach_their_list_with_an_annex_line(printed, unit):
    letters = printed.files(unit, "02-责任书")
    assert letters
    for name in letters:
        text = printed.text(unit, name)
        duties = letter_items(text, "二、责任内容", "三、考核办法")
        assert 5 <= len(duties) <= 12, (name, len(duties))
        assert all(d.endswith("。") and len(d) >= 20 for d in duties), (name, duties)
        body = flat(text)
        annex = re.search(r"附件：(\S+?责任清单)", body)
        assert annex, name
        assert f"附件{annex.group(1)}序号" in body, "the attachment opens with 附件 and the title the line names"


MEMBER_LETTER_WORDS = ("县级党委", "村“两委”", "考录", "调整处理", "县有关主管部门")


def test_a_member_letter_speaks_of_its_two_parties_and_names_each_form_once(printed):
    letters = printed.files(TOWNSHIP, "02-责任书-周立新与")
    assert len(letters) >= 3, letters  # the secretary signs one with each member
    for name in letters:
        text = flat(printed.text(TOWNSHIP, name))
        clauses = text.split("三、考核办法", 1)[1].split("五、附则", 1)[0]
        assert not [w for w in MEMBER_LETTER_WORDS if w in clauses], name
        forms = re.search(r"给予(.+?)等处理", clauses).group(1).split("、")
        assert len(forms) == len(set(forms)) and "诫勉谈话" in forms, forms


@pytest.mark.parametrize("unit", UNITS)
def test_the_plan_has_eight_to_fifteen_tasks_led_by_the_leaders_the_duties_name(printed, unit, profiles):
    text = flat(printed.text(unit, "04-实施方案.docx"))
    tasks = letter_items(text, "三、主要任务", "四、实施步骤")
    assert 8 <= len(tasks) <= 15, len(tasks)
    steps = text.split("四、实施步骤", 1)[1].split("五、保障措施", 1)[0]
    assert len(re.findall(r"\d{4}年\d{1,2}月\d{1,2}日", steps)) >= 4, "实施步骤 with dates"
    ws_leads = re.findall(r"牵头：([^）]+)）", text)
    assert ws_leads and all(lead in {m.姓名 for m in profiles[unit].班子成员} for ls in ws_leads for lead in ls.split("、"))
    if unit == TOWNSHIP:
        assert len({lead for ls in ws_leads for lead in ls.split("、")}) >= 3, "the township's leads are spread"
    if unit == VILLAGE:
        assert "领导小组" not in text and "办公室" not in text, "a three-member branch leads itself"
    else:
        assert f"组长：{profiles[unit].secretary.姓名}" in text


def title_lines(path: Path) -> list[list[str]]:
    """Each title of a .docx as its printed lines (the breaks the document sets)."""
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    titles = []
    for para in root.iter(f"{W}p"):
        style = para.find(f"{W}pPr/{W}pStyle")
        if style is None or style.get(f"{W}val") != "Title":
            continue
        lines, current = [], ""
        for node in para.iter(f"{W}t", f"{W}br"):
            if node.tag == f"{W}br":
                lines.append(current)
                current = ""
            else:
                current += node.text or ""
        titles.append([*lines, current])
    return titles


@pytest.mark.parametrize("unit", UNITS)
def test_titles_break_at_word_boundaries_and_print_as_set(printed, unit):
    for name in printed.files(unit):
        for lines in title_lines(printed.packs / unit / name):
            assert all(len(line) >= 2 for line in lines), (name, lines)
            widths = [len(line) for line in lines]
            assert max(widths) - min(widths) <= 8, (name, lines)
        first = title_lines(printed.packs / unit / name)[0][0]
        assert printed.text(unit, name).lstrip().split("\n", 1)[0].replace(" ", "") == first, name


def test_third_level_numbers_are_full_width(printed):
    for name, text in all_texts(printed).items():
        assert not re.search(r"^\s*\d+\.\s", text, re.MULTILINE), name
    assert "1．" in printed.text(TOWNSHIP, "08-履责情况报告提纲.docx")


def printed_lines(pdf: Path) -> list[tuple[int, str, float, float, float]]:
    """(page, text, xMin, xMax, page width) of every printed line, as pdftotext lays out its words."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = []
    for number, (width, page) in enumerate(re.findall(r'<page width="([\d.]+)".*?>(.*?)</page>', html, re.S)):
        rows: dict[float, list] = {}
        for x0, y0, x1, word in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<', page):
            rows.setdefault(round(float(y0)), []).append((float(x0), float(x1), word))
        for _, words in sorted(rows.items()):
            lines.append((number, "".join(w for _, _, w in words), min(x for x, _, _ in words),
                          max(x for _, x, _ in words), float(width)))
    return lines


@pytest.mark.parametrize("name", ["04-实施方案.docx", "07-问题清单.docx"])
def test_the_issuer_is_centred_over_the_date_four_characters_in_from_the_right(printed, name):
    """GB/T 9704 7.3.5.1: a sealed document's date 右空四字, the issuer centred above it."""
    lines = printed_lines(printed.pdf(TOWNSHIP, name))
    at = max(i for i, line in enumerate(lines) if line[1] == "2026年2月15日")
    (_, _, date_left, date_right, width), issuer = lines[at], lines[at - 1]
    assert issuer[1] == TOWNSHIP
    char = CHAR_MM * PT_PER_MM
    assert abs((width - 26 * PT_PER_MM - date_right) - 4 * char) < char / 2
    assert abs((issuer[2] + issuer[3]) / 2 - (date_left + date_right) / 2) < char / 2


@pytest.mark.parametrize("unit", UNITS)
def test_wrapped_cells_print_whole_in_the_workbooks(printed, unit):
    """LibreOffice prints every word of the ledger's 事项 column: rows are tall enough for their text."""
    ws = load_workbook(printed.packs / unit / "05-工作台账.xlsx").active
    header = [c.value for c in ws[2]]
    assert header[-1] == "编号" and header[0] == "责任主体"
    tasks = [r[header.index("事项")] for r in ws.iter_rows(min_row=3, values_only=True) if r[0]]
    heights = [ws.row_dimensions[r].height for r in range(3, 3 + len(tasks))]
    assert all(h and h >= 20 for h in heights)
    printed_text = flat(printed.text(unit, "05-工作台账.xlsx"))
    for task in tasks:
        assert flat(task) in printed_text


def test_every_generated_file_passes_the_ooxml_schema_check(printed):
    validator = SHARED / "tools" / "ooxml" / "validate"
    if not validator.exists():
        missing(f"no OOXML validator at {validator}")
    run = subprocess.run([sys.executable, str(validator), str(printed.packs), str(Path(__file__).parent.parent / "templates")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
