"""One concise duty set per level and role: what a township clerk, a bureau and a village branch are given.

The source records stay as the fidelity trail; every unit's list is made of canonical duties, each duty once,
in the unit's own words, with measures, a resolved rhythm and the leader who answers for it.
"""

import io
import re
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, zerentian

from generator.compile import compile_blank, compile_unit
from generator.compile.plan import holder_rows, responsibility_rows, unit_type
from generator.load import load_profile
from generator.pack import render_pack
from generator.vocabulary import PROFILE_LEVELS

# Items per holder in a 责任清单: (township or department, village) ranges, from the issue the users filed.
RANGES = {"collective": ((15, 40), (8, 30)), "first_responsible": ((6, 20), (5, 20)),
          "member": ((4, 20), (3, 15)), "discipline": ((5, 20), (3, 15))}
CENTRAL = {"central"}


@pytest.fixture(scope="module")
def plans(kb, tmp_path_factory):
    examples = {p.stem: compile_unit(kb, load_profile(p, kb).profile) for p in sorted(EXAMPLES.glob("*.yaml"))}
    blanks = {f"空白-{level}": compile_blank(kb, level, 2026) for level in PROFILE_LEVELS}
    bureau = tmp_path_factory.mktemp("bureau") / "有下属单位的局.yaml"  # duties about subordinate units apply
    bureau.write_text((EXAMPLES / "云岭县财政局.yaml").read_text(encoding="utf-8") + SUBUNIT, encoding="utf-8")
    return examples | blanks | {bureau.stem: compile_unit(kb, load_profile(bureau, kb).profile)}


SUBUNIT = """下属单位:
  - 单位: 云岭县国库支付中心党支部
    层级: 部门
    负责人: 林一
    职务: 党支部书记
"""


def holders(plan):
    return [plan.collective, *plan.leaders]


def test_every_holders_list_has_a_usable_length(plans):
    for name, plan in plans.items():
        village = plan.profile.层级 == "村"
        for holder in holders(plan):
            low, high = RANGES[holder.role][village]
            count = len(holder_rows(holder, ""))
            assert low <= count <= high, f"{name} {holder.label} {holder.name}: {count} items, expected {low}–{high}"


def test_no_duty_appears_twice_in_one_holders_list(plans):
    for name, plan in plans.items():
        for holder in holders(plan):
            texts = [d.text for d in holder.duties]
            assert len(texts) == len(set(texts)), (name, holder.label)
            records = [frozenset(d.consolidates) for d in holder.duties]
            assert len(records) == len(set(records)), (name, holder.label)


def test_nine_rows_in_ten_say_how_the_duty_is_done(plans):
    for name, plan in plans.items():
        rows = responsibility_rows(plan)
        assert sum(1 for r in rows if r.measures) >= 0.9 * len(rows), name


def test_a_village_branch_has_a_real_year(plans):
    village = plans["东坪村"]
    assert len(village.occurrences) >= 40
    titles = {o.duty.title for o in village.occurrences}
    for meeting in ("党员大会", "支委会", "党小组会", "主题党日", "组织生活会", "民主评议党员"):
        assert any(meeting in t for t in titles), meeting


def test_every_leader_has_dated_work_and_the_year_does_not_pile_up_on_new_years_eve(plans):
    for name, plan in plans.items():
        for holder in plan.leaders:
            dated = [o for o in plan.occurrences if o.holder.key == holder.key]
            assert len(dated) >= 2, (name, holder.label, holder.name)
        last_day = [o for o in plan.occurrences if (o.due.month, o.due.day) == (12, 31)]
        assert len(last_day) <= len(plan.occurrences) / 3, (name, len(last_day), len(plan.occurrences))


def test_collective_duties_name_the_leader_who_leads_them(plans):
    township = plans["青石镇"]
    leads = set(township.collective.leads.values())
    assert "郑国华" in leads, "分管组织 leads the party-building duties"
    village = plans["东坪村"]
    assert {"许丽华", "何大勇"} & set(village.collective.leads.values()), "三资 and 村务监督 have their leaders"


def test_every_source_duty_has_a_canonical_home_or_a_reason(kb):
    gaps = kb.unaccounted()
    assert not gaps, f"{len(gaps)} source records neither consolidated nor excluded, e.g. {gaps[:5]}"


def test_check_coverage_shows_each_records_home_or_reason():
    run = zerentian("check", "--coverage")
    assert run.code == 0, run.err
    assert re.search(r"reg2020-\S+  乡镇（街道）党委（党工委）  → tw-", run.out)
    assert "不采用：" in run.out and "仅适用于" in run.out and "（尚未归并）" not in run.out


def test_a_canonical_rhythm_is_its_central_sources_rhythm(kb):
    for duty in kb.canonical.values():
        records = [kb.duties[r] for r in duty.consolidates]
        central = [r.frequency for r in records if r.frequency
                   and kb.sources[r.sources[0].split("/", 1)[0]].kind in CENTRAL]
        assert not central or duty.frequency in central, (duty.id, duty.frequency, central)


def test_the_basis_puts_central_rules_first_and_reference_material_last(kb):
    for duty in kb.canonical.values():
        kinds = [kb.sources[c.split("/", 1)[0]].kind for c in kb.basis(duty)]
        assert kinds, duty.id
        assert kinds == sorted(kinds, key=["central", "local", "reference"].index), duty.id
        assert "reference" not in kinds or set(kinds) == {"reference"}, duty.id


def pack_text(files: dict[str, bytes]) -> dict[str, str]:
    """Every generated file's readable text (Word and Excel parts, the calendar), tags removed."""
    texts = {}
    for name, data in files.items():
        if name.endswith(".ics"):
            texts[name] = data.decode("utf-8").replace("\r\n ", "")
            continue
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            xml = "".join(package.read(n).decode("utf-8") for n in package.namelist()
                          if n.endswith(".xml") and ("word/" in n or "xl/" in n))
        texts[name] = re.sub(r"<[^>]+>", "", xml)
    return texts


# Scopes that name a kind of body any unit may mention (职能部门, 组织部门 …), not another place or sector.
BODY_KINDS = {"政府领导班子", "组织部门", "考核领导小组", "党委工作部门", "宣传部门", "统战部门", "政法部门", "人大常委会党组",
              "政协党组", "法院党组", "检察院党组", "人民团体", "职能部门", "纪检监察和组织人事部门", "政治生态整改单位"}


def foreign_words(kb) -> set[str]:
    """Place and sector names of the records written for one place or sector (their scope)."""
    words = set()
    for record in [*kb.duties.values(), *kb.risks.values(), *kb.schemes.values()]:
        if record.scope and record.scope not in BODY_KINDS:
            words.add(record.scope)
            words.add(re.sub(r"[市县镇村区]$", "", record.scope))
    return {w for w in words if len(w) >= 2}


# Bodies a unit of each type does not have, and which its documents must therefore never mention
# (党工委 only for a 街道; no 常委会 below the county; a village has 纪检委员, not a 纪委 of its own).
UNFITTING = {
    "县委": ["党工委", "纪工委", "党组会议"],
    "党组": ["常委会", "党工委", "纪工委", "党委会议", "支委会", "村委会"],
    "乡镇": ["常委会", "党工委", "纪工委", "党组会议", "派驻纪检监察组", "下级纪委"],
    "村": ["常委会", "党工委", "纪工委", "党组会议", "党委会议", "派驻纪检监察组", "纪委书记"],
}


def test_nothing_of_another_place_sector_or_level_in_a_generic_pack(kb, plans):
    foreign = foreign_words(kb)
    assert {"庆阳", "宁远镇", "审计机关"} & foreign, "scoped records name their place or sector"
    found = []
    for name, plan in plans.items():
        level = PROFILE_LEVELS[plan.profile.层级]
        banned = foreign | set(UNFITTING[unit_type(level, plan.profile.单位)])
        for file, text in pack_text(render_pack(plan)).items():
            found += [f"{name}/{file}: {w}" for w in sorted(banned) if w in text]
    assert not found, "\n".join(found)


def test_a_street_and_a_community_read_their_own_words(kb, tmp_path):
    profile = (EXAMPLES / "青石镇.yaml").read_text(encoding="utf-8").replace("青石镇", "青石街道")
    path = tmp_path / "青石街道.yaml"
    path.write_text(profile, encoding="utf-8")
    plan = compile_unit(kb, load_profile(path, kb).profile)
    text = " ".join(d.text for h in holders(plan) for d in h.duties)
    assert "党工委" in text and "党委会议" not in text
    letters = [letter for letter in plan.letters if letter.party_b == "石桥社区党总支"]
    assert letters and "党总支" in " ".join(d.text for d in letters[0].holder.duties)


def test_a_profile_can_say_its_type(kb, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(Path(EXAMPLES / "云岭县财政局.yaml").read_text(encoding="utf-8")
                    .replace("层级: 部门", "层级: 部门\n类型: 党委"), encoding="utf-8")
    plan = compile_unit(kb, load_profile(path, kb).profile)
    assert "党委会议" in " ".join(d.text for d in plan.collective.duties)
    path.write_text(path.read_text(encoding="utf-8").replace("类型: 党委", "类型: 社区"), encoding="utf-8")
    run = zerentian("check", path)
    assert run.code == 1 and "类型“社区”与层级“部门”不符" in run.err
