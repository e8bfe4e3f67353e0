"""The knowledge base: complete, cited, and structured where the sources give a rhythm."""

import re
from pathlib import Path

import yaml
from conftest import CONTENT, EXAMPLES, ROOT, require_shared, zerentian

from generator.compile.schedule import RHYTHM_WORDS
from generator.load import load_content

SECTIONS = sorted((ROOT / "tests" / "data" / "sections").glob("*.yaml"))
RHYTHM = re.compile("|".join(RHYTHM_WORDS))


def test_check_passes_on_content_and_examples():
    run = zerentian("check", EXAMPLES)
    assert run.code == 0, run.err
    assert "知识库无误" in run.out and "单位档案 3 份无误" in run.out


def test_every_listed_source_section_is_declared_and_cited(kb):
    cited = kb.citations()
    missing = []
    for path in SECTIONS:
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
            source = kb.sources.get(entry["source"])
            declared = source is not None and any(s.id == str(entry["section"]) for s in source.sections)
            if not declared or not cited.get((entry["source"], str(entry["section"]))):
                missing.append(f"{path.name}: {entry['source']}/{entry['section']}")
    assert len(SECTIONS) >= 5
    assert not missing, "sections with no record citing them:\n" + "\n".join(missing)


def test_every_seed_and_regulation_is_a_source(kb):
    shared = require_shared()
    files = {s.file for s in kb.sources.values()}
    for folder in ("seeds", "reference"):
        for path in sorted((shared / folder).glob("*")):
            assert f"{folder}/{path.name}" in files, f"{path.name} is cited by no source record"


def test_a_duty_that_states_a_rhythm_has_a_structured_frequency(kb):
    unstructured = [d.id for d in kb.duties.values() if RHYTHM.search(d.title + d.text) and d.frequency is None]
    assert not unstructured, f"duties stating a rhythm without frequency: {unstructured}"


def test_the_three_role_kinds_exist_at_every_level(kb):
    for level in ("county", "township", "village"):
        roles = {d.role for d in kb.duties.values() if level in d.levels}
        assert {"collective", "first_responsible"} <= roles, level
    assert any(d.role == "member" and d.areas for d in kb.duties.values())
    assert any(d.role == "discipline" for d in kb.duties.values())


def test_both_dates_of_the_other_members_responsibility_are_recorded(kb):
    dated = [r for r in kb.rules.values() if r.effective and "领导责任" in r.title + r.text]
    assert len({r.effective.year for r in dated}) >= 2


def test_coverage_report_lists_every_section():
    run = zerentian("check", "--coverage")
    assert run.code == 0, run.err
    kb = load_content(CONTENT)
    for source in kb.sources.values():
        assert source.title in run.out
        for section in source.sections:
            assert f"  {section.id}  " in run.out


def test_examples_are_what_the_design_asks_for():
    profiles = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in Path(EXAMPLES).glob("*.yaml")}
    levels = sorted(p["层级"] for p in profiles.values())
    assert levels == ["乡镇", "村", "部门"]
    township = next(p for p in profiles.values() if p["层级"] == "乡镇")
    assert len(township["班子成员"]) >= 6 and len(township["下属单位"]) >= 3


def test_the_glossary_links_fixed_formulas_to_the_records_using_them(kb):
    uses = kb.term_uses()
    by_term = {kb.terms[tid].term: ids for tid, ids in uses.items()}
    for formula in ("一岗双责", "四个亲自", "五个一", "一案双查", "三重一大", "对账销号", "双提制", "第一责任人"):
        assert by_term.get(formula), f"{formula}: no glossary entry, or no record uses it"
    assert sum(1 for ids in uses.values() if ids) >= 0.9 * len(uses)
