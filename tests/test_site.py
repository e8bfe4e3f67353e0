"""The knowledge site, read in a real browser as a village secretary and a county clerk read it: from a shared
folder (file://) unless the test is about the server; nothing is fetched from outside the site."""

import json
import re
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES, require_tool, zerentian
from site_browser import open_search, search

from generator.compile import compile_unit
from generator.compile.catalog import canonical_text
from generator.compile.plan import deadline, holder_rows, select_risks
from generator.compile.schedule import describe, due_dates
from generator.load import load_profile
from generator.pdf import convert_to_pdf
from generator.site.pages import forms_by_severity, list_duties
from generator.vocabulary import LEVEL_LABELS, LIST_ROLES, READERS, SOURCE_STANDING

# One page of every kind the site has.
PAGE_TYPES = ["index.html", "you/village-secretary.html", "you/member.html", "month.html", "checklist.html",
              "roles/member.html", "levels/village.html", "accountability/index.html",
              "accountability/cases.html", "accountability/forms.html", "accountability/rules.html",
              "assessment/index.html", "assessment/s003p4-scheme-01.html", "mechanisms.html", "risks/index.html",
              "risks/subsistence.html", "calendar.html", "glossary.html", "sources/index.html", "sources/reg2020.html",
              "sources/s001.html", "guide.html", "profiles.html", "downloads.html", "404.html",
              "duties/vil-col-theme-day.html", "duties/reg2020-member-01.html"]
A4_PRINTABLE_PX = 680  # 210 mm minus 15 mm margins either side, at 96 px per inch
CHECKLIST_CHOICES = [("township", "member", ["finance", "land"]), ("village", "secretary", []),
                     ("village", "first_responsible", []), ("county", "collective", []),
                     ("department", "discipline", [])]
MAX_SITE_BYTES = 12_000_000
# Words in Latin letters a reader may meet outside code: names of the programs and formats they use, and the
# XXX a source document puts for a name it hides.
SHOWN_LATIN = {"Word", "Excel", "WPS", "A4", "YAML", "GB", "T", "docx", "xlsx", "zip", "yaml", "ics", "index",
               "html", "pdf", "X", "XXX"}


def outside_requests(page, base: str) -> list[str]:
    """Start recording every request that does not go to the site itself."""
    seen: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:", "about:")) else seen.append(r.url))
    return seen


def shown_ids(page) -> list[str]:
    return page.eval_on_selector_all("[data-duty-id]", "rows => rows.map(r => r.dataset.dutyId)")


# --- pages from the knowledge base ---------------------------------------------------------------------

def test_every_duty_has_a_page_at_its_id_with_frequency_and_sources(kb, site):
    for duty in kb.duties.values():
        text = re.sub(r"<[^>]+>", "", (site / "duties" / f"{duty.id}.html").read_text(encoding="utf-8"))
        assert duty.title in text
        if duty.frequency:
            assert describe(duty.frequency) in text, duty.id
        for citation in duty.sources:
            assert kb.sources[citation.split("/")[0]].short in text, duty.id


def test_each_form_of_accountability_is_listed_once_by_severity_in_the_sources_order(kb, site):
    table = forms_by_severity(kb)
    names = [f.name for forms in table.values() for f in forms]
    assert len(names) == len(set(names)) and "一票否决" not in names
    assert [f.name for f in table["较轻"]][:1] == ["书面检查"] and "通报批评" in [f.name for f in table["较重"]]
    page = (site / "accountability" / "index.html").read_text(encoding="utf-8")
    row = re.search(r"情节较轻</td>\s*<td>(.*?)</td>", page, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", row) == "、".join(f.name for f in table["较轻"])


def test_sources_are_listed_by_standing_and_other_places_schemes_are_marked_as_examples(kb, site):
    sources = re.sub(r"<[^>]+>", "", (site / "sources" / "index.html").read_text(encoding="utf-8"))
    headings = [sources.index(label) for label in ("中央党内法规", "地方制度", "参考材料")]
    assert headings == sorted(headings)
    for source in kb.sources.values():
        assert headings[SOURCE_STANDING.index(source.kind)] < sources.index(source.title), source.id
    assessment = re.sub(r"<[^>]+>", "", (site / "assessment" / "index.html").read_text(encoding="utf-8"))
    assert all(LEVEL_LABELS[level] in assessment for level in ("county", "township", "village"))
    local = (site / "assessment" / "s003p4-scheme-01.html").read_text(encoding="utf-8")
    central = (site / "assessment" / "reg2020-scheme-01.html").read_text(encoding="utf-8")
    assert "外地做法示例" in local and "示例" not in central


def test_the_menu_lists_no_single_scheme_or_source_and_keeps_the_profile_guide_under_管理员(browser, folder):
    page = browser.new_page()
    page.goto(folder + "index.html")
    menu = page.eval_on_selector_all(".md-nav--primary a.md-nav__link", "links => links.map(a => a.href)")
    assert not [href for href in menu if re.search(r"/(assessment|sources)/(?!index)", href)]
    page.goto(folder + "guide.html")
    active = page.inner_text(".md-nav--primary .md-nav__item--active")
    assert "管理员" in active and "单位档案模板" in active
    page.close()


def test_the_blank_packs_and_the_handbook_are_offered_first_and_profiles_only_to_the_administrator(site):
    downloads = (site / "downloads.html").read_text(encoding="utf-8")
    profiles = (site / "profiles.html").read_text(encoding="utf-8")
    for name in ("学习手册.docx", "空白文书-村.zip", "空白文书-乡镇.zip"):
        assert (site / "downloads" / name).stat().st_size > 0 and name in downloads
    assert ".yaml" not in downloads and "单位档案模板-村.yaml" in profiles


def test_the_site_weighs_at_most_12_mb_without_unused_theme_files_or_a_second_index(site):
    files = [p for p in site.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) <= MAX_SITE_BYTES
    assert not [p for p in files if p.suffix == ".map" or "lunr" in p.parts]
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == [] and (site / "search" / "search_index.js").stat().st_size > 500_000


# --- who you are ---------------------------------------------------------------------------------------

def test_a_village_secretary_chooses_who_they_are_and_sees_their_list_each_item_with_its_rhythm(kb, browser, folder):
    page = browser.new_page()
    page.goto(folder + "index.html")
    page.click("a.zt-reader:has-text('村（社区）党组织书记')")
    page.wait_for_url("**/you/village-secretary.html")
    rows = page.eval_on_selector_all("article table tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.innerText))")
    expected = list_duties(kb, "village", "secretary")
    assert len(rows) == len(expected) >= 5
    assert [rhythm for _, rhythm, _ in rows] == [deadline(d) for d in expected]
    assert all(rhythm for _, rhythm, _ in rows)
    consequences = page.inner_text("#consequences ~ ul")
    page.close()
    assert "未正确履行" in consequences or "不力" in consequences


def test_every_reader_on_the_home_page_is_a_link_to_their_lists_and_what_follows_if_not_done(browser, folder):
    page = browser.new_page()
    page.goto(folder + "index.html")
    links = page.eval_on_selector_all("a.zt-reader", "links => links.map(a => [a.innerText, a.href])")
    assert [label for label, _ in links] == [label for label, _ in READERS.values()]
    for (_, href), (_, lists) in zip(links, READERS.values(), strict=True):
        page.goto(href)
        assert page.locator("article table tbody tr").count() >= len(lists)
        assert page.locator("#consequences").count() == 1
        builder = page.eval_on_selector_all("a[href*='checklist.html#']", "links => links.map(a => a.href)")
        assert len(builder) == len(lists)
    page.close()


def test_this_month_for_a_village_in_may_lists_the_theme_party_day_and_the_branch_committee(browser, folder):
    page = browser.new_page()
    page.clock.set_fixed_time(datetime(2026, 5, 12, 9, 0))
    page.goto(folder + "month.html#level=village&role=secretary")
    this_month = page.inner_text("[data-zt-this-month]")
    page.close()
    assert "主题党日" in this_month and "支委会" in this_month and "5月31日前" in this_month


@pytest.mark.parametrize(("level", "role", "year", "month"), [("village", "secretary", 2026, 5),
                                                               ("township", "collective", 2028, 2),
                                                               ("county", "discipline", 2027, 12)])
def test_this_month_dates_are_those_the_pack_calendar_gives(kb, browser, folder, level, role, year, month):
    """The page computes nothing of its own: the months and days are compile.schedule's, leap years included."""
    page = browser.new_page()
    page.clock.set_fixed_time(datetime(year, month, 1, 9, 0))
    page.goto(f"{folder}month.html#level={level}&role={role}")
    rows = page.eval_on_selector_all("[data-zt-this-month] tr[data-duty-id]",
                                     "rows => rows.map(r => [r.dataset.dutyId, r.cells[0].innerText])")
    page.close()
    expected = sorted(((due, d.id) for d in list_duties(kb, level, role) if d.frequency
                       for due in due_dates(d.frequency, year) if due.month == month), key=lambda e: e[0])
    assert rows == [[duty_id, f"{due.month}月{due.day}日前"] for due, duty_id in expected]


# --- the checklist builder -----------------------------------------------------------------------------

def test_the_builder_opens_with_a_role_chooser_not_a_list(browser, folder):
    page = browser.new_page()
    page.goto(folder + "checklist.html")
    assert page.locator("[data-duty-id]").count() == 0
    assert page.locator("button.zt-reader-choice").all_inner_texts() == [label for label, _ in READERS.values()]
    page.click("button.zt-reader-choice:has-text('乡镇（街道）党委书记')")
    assert "level=township&role=secretary" in page.url
    assert page.locator("[data-duty-id]").count() > 0
    page.close()


@pytest.mark.parametrize(("level", "role", "areas"), CHECKLIST_CHOICES)
def test_the_checklist_builder_lists_what_the_pack_would(kb, browser, folder, level, role, areas):
    page = browser.new_page()
    page.goto(f"{folder}checklist.html#level={level}&role={role}&areas={','.join(areas)}")
    shown = shown_ids(page)
    risks = page.eval_on_selector_all("[data-risk-id]", "rows => rows.map(r => r.dataset.riskId)")
    page.close()
    expected = [d.id for d in list_duties(kb, level, role, areas)]
    assert expected and shown == expected
    assert risks == ([r.id for r in select_risks(kb, level, areas)] if role == "member" else [])


def test_the_secretary_preset_combines_the_collective_and_the_first_responsible_lists(browser, folder):
    assert LIST_ROLES["secretary"][1] == ("collective", "first_responsible")
    page = browser.new_page()
    page.goto(folder + "checklist.html#level=village&role=secretary")
    headings = page.locator(".zt-sheet h3").all_inner_texts()
    page.close()
    assert len(headings) == 2 and "集体责任" in headings[0] and "第一责任" in headings[1]


def test_choosing_in_the_checklist_builder_keeps_the_choice_in_the_address(kb, browser, folder):
    page = browser.new_page()
    page.goto(folder + "checklist.html")
    page.check("input[name=level][value=township]")
    page.check("input[name=role][value=member]")
    page.check("input[name=areas][value=subsistence]")
    page.uncheck("input[name=domains][value=意识形态]")
    assert "level=township" in page.url and "role=member" in page.url and "areas=subsistence" in page.url
    shared = browser.new_page()
    shared.goto(page.url)
    domains = ["党风廉政建设", "基层党建"]
    assert shown_ids(shared) == [d.id for d in list_duties(kb, "township", "member", ["subsistence"], domains)]
    page.close()
    shared.close()


def download(page, label: str, to: Path) -> Path:
    with page.expect_download() as started:
        page.click(f"button:has-text('{label}')")
    path = to / started.value.suggested_filename
    started.value.save_as(path)
    return path


def test_the_builders_word_and_excel_files_list_the_selection_and_open_in_libreoffice(kb, browser, folder, tmp_path):
    require_tool("soffice")
    require_tool("pdftotext")
    page = browser.new_page()
    page.goto(folder + "checklist.html#level=village&role=secretary")
    word = download(page, "Word", tmp_path)
    excel = download(page, "Excel", tmp_path)
    page.close()
    assert word.name == "责任清单-村-书记.docx" and excel.name == "责任清单-村-书记.xlsx"
    duties = list_duties(kb, "village", "secretary")

    sheet = openpyxl.load_workbook(excel).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [r[3] for r in rows] == [canonical_text(d).text for d in duties]
    assert [r[6] for r in rows] == [deadline(d) for d in duties]
    assert {r[1] for r in rows} == {"集体责任", "第一责任人（＿＿＿＿＿＿）"}

    convert_to_pdf([word], tmp_path)  # as `pack --pdf` does, with the project's font aliases
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(word.with_suffix(".pdf")), "-"],
                                             capture_output=True, text=True, check=True).stdout)
    assert "一、集体责任" in text and "二、第一责任人" in text
    for row in rows:
        assert re.sub(r"\s+", "", row[3])[:12] in text


def test_a_members_excel_file_from_the_builder_has_the_rows_of_the_members_list_in_the_pack(kb, browser, folder,
                                                                                         tmp_path):
    """吴晓岚 of 青石镇 oversees 财政 and 工程建设: the builder, told the same, gives the rows her pack lists
    (her pack names each risk's area as she wrote it, 财政; the builder, chosen by area, as the area is named)."""
    profile = load_profile(EXAMPLES / "青石镇.yaml", kb).profile
    leader = next(h for h in compile_unit(kb, profile).leaders if h.name == "吴晓岚")
    expected = [(r.category, r.content, r.measures, r.deadline) for r in holder_rows(leader, "一岗双责")]
    page = browser.new_page()
    page.goto(folder + "checklist.html#level=township&role=member&areas=" + ",".join(a.id for a in leader.areas))
    excel = download(page, "Excel", tmp_path)
    page.close()
    rows = list(openpyxl.load_workbook(excel).active.iter_rows(min_row=3, values_only=True))
    def area_named(category: str) -> str:
        return re.sub(r"（.*）$", "（）", category)

    assert [(area_named(r[2]), r[3], r[4], r[6]) for r in rows] == [(area_named(c), *rest) for c, *rest in expected]
    assert any(category.startswith("廉政风险防控") for category, *_ in expected)


def test_the_checklist_prints_on_a4_with_tick_boxes_room_to_sign_and_page_numbers(browser, folder, tmp_path):
    require_tool("pdftotext")
    page = browser.new_page(viewport={"width": A4_PRINTABLE_PX, "height": 1000})
    page.goto(folder + "checklist.html#level=township&role=secretary")
    page.emulate_media(media="print")
    layout = print_layout(page)
    assert layout["width"] == A4_PRINTABLE_PX and layout["chrome"] == 0 and layout["tables"] <= A4_PRINTABLE_PX
    assert page.locator(".zt-box").count() == page.locator("[data-duty-id]").count() > 0
    assert "责任人（签字）" in page.inner_text(".zt-sign")
    pdf = tmp_path / "清单.pdf"
    pdf.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
    page.close()
    sizes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes()))
    assert sizes and all(abs(float(w) - 595.9) < 1 and abs(float(h) - 842.9) < 1 for w, h in sizes)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"共 (\d+) 页", text).group(1))
    assert pages > 1 and all(f"第 {n} 页，共 {pages} 页" in text for n in range(1, pages + 1))
    assert "分享" not in text and "搜索" not in text


def print_layout(page) -> dict:
    return page.evaluate("""() => ({
        width: document.documentElement.scrollWidth,
        tables: Math.max(0, ...[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().right)),
        chrome: [...document.querySelectorAll('.md-header, .md-sidebar, .md-footer, .md-search, .zt-form, .zt-hint')]
                  .filter(e => getComputedStyle(e).display !== 'none').length,
    })""")


@pytest.mark.parametrize("path", ["duties/reg2020-member-01.html", "calendar.html", "assessment/reg2020-scheme-01.html",
                                  "risks/finance.html", "sources/reg2011.html", "you/township-secretary.html"])
def test_every_page_prints_on_a4_without_navigation_and_with_its_tables_inside(browser, folder, path):
    page = browser.new_page(viewport={"width": A4_PRINTABLE_PX, "height": 1000})
    page.goto(folder + path)
    page.emulate_media(media="print")
    layout = print_layout(page)
    page.close()
    assert layout["width"] == A4_PRINTABLE_PX and layout["chrome"] == 0 and layout["tables"] <= A4_PRINTABLE_PX


# --- every word Chinese, the 404 page ------------------------------------------------------------------

def latin_words(page) -> set[str]:
    """Latin words on screen (code aside) and in the titles and labels a reader meets."""
    text = page.evaluate("""() => {
        const copy = document.body.cloneNode(true)
        copy.querySelectorAll('code, pre, script, style, svg').forEach(e => e.remove())
        const attributes = [...document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')]
            .flatMap(e => ['title', 'aria-label', 'placeholder', 'alt'].map(a => e.getAttribute(a) || ''))
        return copy.innerText + ' ' + document.title + ' ' + attributes.join(' ')
    }""")
    return set(re.findall(r"[A-Za-z][A-Za-z0-9]*", text)) - SHOWN_LATIN


def test_the_404_page_is_styled_and_its_links_work_from_a_folder(browser, folder):
    page = browser.new_page()
    page.goto(folder + "404.html")
    header = page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position")
    logo = page.evaluate("() => document.querySelector('.md-header .md-logo svg').getBoundingClientRect().height")
    assert header in ("sticky", "fixed") and logo < 50 and "没有找到这一页" in page.inner_text("h1")
    page.click("text=回到首页")
    page.wait_for_url(folder + "index.html")
    assert page.locator("a.zt-reader").count() == len(READERS)
    page.close()


# --- every page Chinese and offline: nothing from outside the site, from a server or a folder -------------

def test_no_page_shows_english_or_internal_ids_or_requests_anything_outside_the_site(browser, served):
    page = browser.new_page()
    seen = outside_requests(page, served)
    found = {}
    for path in PAGE_TYPES:
        page.goto(served + path)
        if words := latin_words(page):
            found[path] = words
    open_search(page, served + "index.html")
    search(page, "一岗双责", served)
    if words := latin_words(page):
        found["search"] = words
    page.wait_for_load_state("networkidle")
    page.close()
    assert not found, found
    assert not seen


def test_materials_page_helpers_know_the_sites_root_from_any_page(browser, folder):
    """They come from one file now (md-helpers.js), not from each page: the root must still be the site's."""
    page = browser.new_page()
    for path in ("index.html", "duties/reg2020-member-01.html", "accountability/cases.html"):
        page.goto(folder + path)
        assert page.evaluate("() => __md_scope.href") == folder, path
    page.close()


def test_search_works_when_the_site_is_opened_from_a_shared_folder(browser, folder):
    page = browser.new_page()
    seen = outside_requests(page, folder)
    open_search(page, folder + "sources/reg2020.html")
    assert "duties/s003p4-mech-talk-01.html" in search(page, "约谈下级主要负责人", folder)[:3]
    assert "risks/finance.html" in search(page, "金库", folder)[:3]
    page.close()
    assert not seen


def test_the_site_is_never_built_over_a_folder_of_other_files(tmp_path):
    folder = tmp_path / "我的文件"
    folder.mkdir()
    (folder / "年终总结.docx").write_bytes(b"keep me")
    run = zerentian("site", "--out", folder)
    assert run.code == 1 and "请用 --out 指定一个新目录" in run.err and "Traceback" not in run.err
    assert (folder / "年终总结.docx").read_bytes() == b"keep me"
