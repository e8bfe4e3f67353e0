"""The knowledge site, read in a real browser: a village secretary searches it, prints a checklist,
opens it from a shared folder; nothing is fetched from outside the site."""

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import CONTENT, ROOT, built_once, zerentian
from site_browser import open_search, search, serve

from generator.compile import select_duties
from generator.compile.schedule import describe
from generator.load import load_content

OUR_WORKER = "assets/zerentian/search-worker.js"  # what our pages load instead of Material's search
QUERIES = yaml.safe_load((ROOT / "tests" / "data" / "search_queries.yaml").read_text(encoding="utf-8"))
# One page of every kind the site has.
PAGE_TYPES = ["index.html", "checklist.html", "roles/member.html", "levels/village.html", "accountability/index.html",
              "accountability/cases.html", "accountability/forms.html", "accountability/rules.html",
              "assessment/index.html", "mechanisms.html", "risks/index.html", "risks/subsistence.html",
              "calendar.html", "glossary.html", "sources/index.html", "sources/reg2020.html", "guide.html",
              "downloads.html", "404.html"]
A4_PRINTABLE_PX = 680  # 210 mm minus 15 mm margins either side, at 96 px per inch
CHECKLIST_CHOICES = [("township", "member", ["finance", "land"]), ("village", "first_responsible", []),
                     ("county", "collective", []), ("department", "discipline", [])]


@pytest.fixture(scope="session")
def kb():
    return load_content(CONTENT)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """Built once for the whole session, the way users build it."""

    def build(out: Path) -> None:
        run = zerentian("site", "--out", out)
        assert run.code == 0, run.err
        assert "知识网站已生成" in run.out

    return built_once(tmp_path_factory, "site", build)


@pytest.fixture(scope="session")
def served(site):
    with serve(site) as base:
        yield base


def hit_rate(browser, base: str) -> tuple[float, list[str]]:
    page = browser.new_page()
    open_search(page, base + "index.html")
    misses = []
    for entry in QUERIES:
        results = search(page, entry["query"], base)
        if entry["expect"] not in results[:3]:
            misses.append(f"{entry['kind']} {entry['query']} → {entry['expect']}, got {results[:3]}")
    page.close()
    return 1 - len(misses) / len(QUERIES), misses


def outside_requests(page, base: str) -> list[str]:
    """Start recording every request that does not go to the site itself."""
    seen: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:", "about:")) else seen.append(r.url))
    return seen


def test_every_duty_has_a_page_at_its_id_with_frequency_and_sources(kb, site):
    for duty in kb.duties.values():
        text = re.sub(r"<[^>]+>", "", (site / "duties" / f"{duty.id}.html").read_text(encoding="utf-8"))
        assert duty.title in text
        if duty.frequency:
            assert describe(duty.frequency) in text, duty.id
        for citation in duty.sources:
            assert kb.sources[citation.split("/")[0]].short in text, duty.id


def test_the_search_index_is_plain_chinese_text(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(d["text"] for d in index["docs"])
    assert "一岗双责" in text and "\u200b" not in text and "<p>" not in text
    assert (site / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")
    assert OUR_WORKER in (site / "index.html").read_text(encoding="utf-8")


def test_the_query_set_is_written_from_the_sources_and_every_expected_page_exists(site):
    kinds = {entry["kind"] for entry in QUERIES}
    assert len(QUERIES) >= 40 and kinds == {"word", "fragment", "phrase"}
    for entry in QUERIES:
        assert (site / entry["expect"]).is_file(), entry


def test_searches_find_words_fragments_and_unspaced_phrases(browser, served):
    rate, misses = hit_rate(browser, served)
    assert rate >= 0.95, "\n".join(misses)


def test_a_village_secretary_searches_低保_and_reaches_the_risk_page(browser, served):
    page = browser.new_page()
    page.goto(served + "index.html?q=低保")
    page.wait_for_selector(".md-search-result__item")
    page.click(".md-search-result__item a")
    page.wait_for_url(re.compile(r"risks/subsistence\.html"))
    assert "低保评定不公" in page.inner_text("article")
    page.close()


def test_no_page_requests_anything_outside_the_site(browser, served):
    page = browser.new_page()
    seen = outside_requests(page, served)
    for path in [*PAGE_TYPES, "duties/reg2020-member-01.html", "assessment/reg2020-scheme-01.html"]:
        page.goto(served + path)  # a request is seen when it starts, even if the next page cancels it
    page.wait_for_load_state("networkidle")
    open_search(page, served + "index.html")
    search(page, "一岗双责", served)
    page.close()
    assert not seen


def test_search_works_when_the_site_is_opened_from_a_shared_folder(browser, site):
    base = site.as_uri() + "/"
    page = browser.new_page()
    seen = outside_requests(page, base)
    open_search(page, base + "sources/reg2020.html")
    assert "duties/s003p4-mech-talk-01.html" in search(page, "约谈下级主要负责人", base)[:3]
    assert "risks/finance.html" in search(page, "金库", base)[:3]
    page.close()
    assert not seen


@pytest.mark.parametrize(("level", "role", "areas"), CHECKLIST_CHOICES)
def test_the_checklist_builder_lists_what_the_pack_would(kb, browser, served, level, role, areas):
    page = browser.new_page()
    page.goto(f"{served}checklist.html#level={level}&role={role}&areas={','.join(areas)}")
    shown = page.eval_on_selector_all("[data-duty-id]", "rows => rows.map(r => r.dataset.dutyId)")
    page.close()
    expected = [d.id for d in select_duties(kb, level, role, areas)]
    assert expected and shown == expected


def test_choosing_in_the_checklist_builder_keeps_the_choice_in_the_address(kb, browser, served):
    page = browser.new_page()
    page.goto(served + "checklist.html")
    page.check("input[name=level][value=township]")
    page.check("input[name=role][value=member]")
    page.check("input[name=areas][value=subsistence]")
    assert "level=township" in page.url and "role=member" in page.url and "areas=subsistence" in page.url
    shared = browser.new_page()
    shared.goto(page.url)
    shown = shared.eval_on_selector_all("[data-duty-id]", "rows => rows.map(r => r.dataset.dutyId)")
    assert shown == [d.id for d in select_duties(kb, "township", "member", ["subsistence"])]
    page.close()
    shared.close()


def print_layout(page) -> dict:
    return page.evaluate("""() => ({
        width: document.documentElement.scrollWidth,
        chrome: [...document.querySelectorAll('.md-header, .md-sidebar, .md-footer, .md-search, .zt-form')]
                  .filter(e => getComputedStyle(e).display !== 'none').length,
    })""")


def test_the_checklist_prints_on_a4_with_tick_boxes_and_room_to_sign(browser, served, tmp_path):
    page = browser.new_page(viewport={"width": A4_PRINTABLE_PX, "height": 1000})
    page.goto(served + "checklist.html#level=township&role=member&areas=finance")
    page.emulate_media(media="print")
    layout = print_layout(page)
    assert layout == {"width": A4_PRINTABLE_PX, "chrome": 0}
    assert page.locator(".zt-box").count() == page.locator("[data-duty-id]").count() > 0
    assert "责任人（签字）" in page.inner_text(".zt-sign")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    page.close()
    sizes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf))
    assert sizes and all(abs(float(w) - 595.9) < 1 and abs(float(h) - 842.9) < 1 for w, h in sizes)


@pytest.mark.parametrize("path", ["duties/reg2020-member-01.html", "calendar.html", "assessment/reg2020-scheme-01.html",
                                  "risks/finance.html", "sources/reg2011.html"])
def test_every_page_prints_on_a4_without_navigation(browser, served, path):
    page = browser.new_page(viewport={"width": A4_PRINTABLE_PX, "height": 1000})
    page.goto(served + path)
    page.emulate_media(media="print")
    assert print_layout(page) == {"width": A4_PRINTABLE_PX, "chrome": 0}
    page.close()


def test_the_blank_packs_and_the_handbook_can_be_downloaded_from_the_site(site):
    page = (site / "downloads.html").read_text(encoding="utf-8")
    for name in ("学习手册.docx", "空白文书-村.zip", "空白文书-乡镇.zip", "单位档案模板-村.yaml"):
        assert (site / "downloads" / name).stat().st_size > 0 and name in page


def test_the_site_is_never_built_over_a_folder_of_other_files(tmp_path):
    folder = tmp_path / "我的文件"
    folder.mkdir()
    (folder / "年终总结.docx").write_bytes(b"keep me")
    run = zerentian("site", "--out", folder)
    assert run.code == 1 and "请用 --out 指定一个新目录" in run.err and "Traceback" not in run.err
    assert (folder / "年终总结.docx").read_bytes() == b"keep me"
