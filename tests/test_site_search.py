"""Searching the site as readers type: whole words, fragments, unspaced phrases and the words people use,
in Chromium over HTTP and from a shared folder; what is found nowhere is said so."""

import json
import re

import yaml
from conftest import ROOT
from site_browser import open_search, search

OUR_WORKER = "assets/zerentian/search-worker.js"  # what our pages load instead of Material's search
QUERIES = yaml.safe_load((ROOT / "tests" / "data" / "search_queries.yaml").read_text(encoding="utf-8"))


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


def test_the_search_index_is_plain_chinese_text_with_the_synonyms_of_content(kb, site):
    script = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = ")
    index = json.loads(script.removeprefix("var __index = "))
    text = " ".join(d["text"] for d in index["docs"])
    assert "一岗双责" in text and "\u200b" not in text and "<p>" not in text
    assert index["config"]["synonyms"] == [group.words for group in kb.synonyms.values()]
    assert OUR_WORKER in (site / "index.html").read_text(encoding="utf-8")


def test_the_query_set_is_written_from_the_sources_and_every_expected_page_exists(site):
    kinds = {entry["kind"] for entry in QUERIES}
    assert len(QUERIES) >= 40 and kinds == {"word", "fragment", "phrase", "synonym"}
    for entry in QUERIES:
        assert (site / entry["expect"]).is_file(), entry


def test_searches_find_words_fragments_unspaced_phrases_and_synonyms(browser, served):
    rate, misses = hit_rate(browser, served)
    assert rate >= 0.95, "\n".join(misses)


def test_searching_村支书_finds_a_village_secretarys_page(browser, folder):
    page = browser.new_page()
    open_search(page, folder + "index.html")
    assert "you/village-secretary.html" in search(page, "村支书", folder)[:3]
    page.close()


def test_a_phrase_found_nowhere_is_said_so_before_the_partial_matches(browser, folder):
    page = browser.new_page()
    open_search(page, folder + "index.html")
    partial = search(page, "四议两公开", folder)
    notice = page.inner_text(".md-search-result__meta")
    whole = search(page, "一岗双责", folder)
    found = page.inner_text(".md-search-result__meta")
    page.close()
    assert partial and notice.startswith("没有找到完全包含“四议两公开”的内容")
    assert whole and "没有找到" not in found


def test_search_excerpts_show_what_pages_say_without_ids_or_field_labels(browser, folder):
    page = browser.new_page()
    open_search(page, folder + "index.html")
    search(page, "支委会记录", folder)
    excerpts = page.locator(".md-search-result__article p").all_inner_texts()
    page.close()
    assert excerpts
    for excerpt in excerpts:
        assert not re.search(r"[a-z0-9]+-[a-z0-9-]+", excerpt) and "项目 内容" not in excerpt, excerpt
        assert not re.search(r"(层级|责任主体|佐证材料|工作措施) ", excerpt), excerpt


def test_a_query_pasted_without_keys_is_searched(browser, folder):
    page = browser.new_page()
    open_search(page, folder + "index.html")
    page.locator("input.md-search__input").fill("低保评定")  # fill() types no keys, as pasting with the mouse
    page.wait_for_selector(".md-search-result__item")
    assert "risks/subsistence.html" in page.eval_on_selector_all(
        ".md-search-result__item > a:first-child", "els => els.map(e => e.href)")[0]
    page.close()


def test_a_village_secretary_searches_低保_and_reaches_the_risk_page(browser, served):
    page = browser.new_page()
    page.goto(served + "index.html?q=低保")
    page.wait_for_selector(".md-search-result__item")
    page.click(".md-search-result__item a")
    page.wait_for_url(re.compile(r"risks/subsistence\.html"))
    assert "低保评定不公" in page.inner_text("article")
    page.close()
