"""Stories for the Word part of the document pack: real examples in, documents checked as a reader would.

LibreOffice opens every document once (one batch conversion), pdftotext reads the text back.
"""

import dataclasses
import io
import os
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import jinja2
import pytest
from conftest import EXAMPLES, flat, require_tool
from lxml import etree

from generator import fonts, wording
from generator.compile import compile_blank, compile_unit
from generator.compile.catalog import catalog
from generator.filenames import safe_filename
from generator.load import load_profile
from generator.pack import rebuild_templates
from generator.render import gbt9704
from generator.render.documents import documents, render_docx
from generator.render.fill import fill, plain_docxtpl
from generator.render.handbook import render_handbook
from generator.render.templates import TEMPLATES
from generator.resources import TEMPLATES_DIR

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HOSTILE = "A&B<重点>*_#|{{x}}"
UYGHUR = "阿依古丽·买买提"
EMOJI_NAME = "李🌸芳"
HOSTILE_PROFILE = f"""\
单位: "{HOSTILE}"
层级: 乡镇
上级: 中共云岭县委
年度: 2027
班子成员:
  - 姓名: {UYGHUR}
    职务: 党委书记
    责任: 第一责任人
  - 姓名: {EMOJI_NAME}
    职务: 党委副书记、镇长
    责任: 一岗双责
    分管: [财政]
    联系点: ["{HOSTILE}村"]
  - 姓名: "{{{{x}}}}"
    职务: 纪委书记
    责任: 监督责任
下属单位:
  - 单位: "{HOSTILE}村"
    层级: 村
    负责人: "<赵六>"
    职务: 党支部书记
落款:
  机关: "{HOSTILE}"
  日期: 2027-02-20
"""
EVERY_DOCUMENT = ("01-责任清单", "02-责任书", "03-廉政承诺书", "04-实施方案", "06-考核评分表", "06-民主测评表",
                  "07-问题清单", "07-承诺清单", "08-履责情况报告提纲")


@pytest.fixture(scope="module")
def plans(kb, tmp_path_factory):
    """Every example, the hostile profile and a blank township plan, by name."""
    hostile = tmp_path_factory.mktemp("profiles") / "hostile.yaml"
    hostile.write_text(HOSTILE_PROFILE, encoding="utf-8")
    paths = [*sorted(EXAMPLES.glob("*.yaml")), hostile]
    result = {path.stem: compile_unit(kb, load_profile(path, kb).profile) for path in paths}
    result["blank"] = compile_blank(kb, "乡镇", 2027)
    return result


@pytest.fixture(scope="module")
def packs(plans):
    return {name: render_docx(plan) for name, plan in plans.items()}


def xml(data: bytes, part: str):
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(part))


def texts(data: bytes) -> list[str]:
    """Paragraph texts of the body, in order."""
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in xml(data, "word/document.xml").iter(f"{W}p")]


# --- the pack --------------------------------------------------------------------------------


def test_every_example_gets_every_word_document_with_stable_safe_names(plans, packs):
    for name, files in packs.items():
        for prefix in EVERY_DOCUMENT:
            assert any(f.startswith(prefix) for f in files), (name, prefix)
        assert list(files) == sorted(files, key=lambda f: f[:2]), name
        assert all(not set(f) & set('\\/:*?"<>|') for f in files), name
        plan = plans[name]
        assert sum(f.startswith("02-责任书") for f in files) == len(plan.letters)
        assert sum(f.startswith("03-廉政承诺书") for f in files) == len(plan.leaders)
    assert render_docx(plans["青石镇"]) == packs["青石镇"], "same plan, same bytes"


def test_hostile_names_are_printed_literally_never_evaluated(packs):
    files = packs["hostile"]
    body = "\n".join(t for data in files.values() for t in texts(data))
    for name in (HOSTILE, UYGHUR, EMOJI_NAME, "{{x}}", "<赵六>", f"{HOSTILE}村"):
        assert name in body
    assert "2027年2月20日" in body
    assert f"02-责任书-中共云岭县委与{safe_filename(HOSTILE)}.docx" in files
    assert "03-廉政承诺书-{{x}}.docx" in files


def test_blank_plans_print_fill_in_lines_for_names_and_dates(plans, packs):
    assert all(context["date"] == wording.BLANK_DATE for _, _, context in documents(plans["blank"]))
    files = packs["blank"]
    letter = "".join(texts(files["02-责任书-上级-本单位.docx"]))
    assert "＿＿＿＿＿＿" in letter and wording.BLANK_DATE in letter
    assert "03-廉政承诺书-第一责任人.docx" in files


def test_letters_carry_the_sections_the_signing_parties_expect(packs):
    letter = "\n".join(texts(packs["青石镇"]["02-责任书-周立新与吴晓岚.docx"]))
    for heading in ("一、责任目标", "二、责任内容", "三、考核办法", "四、奖惩与责任追究", "五、附则"):
        assert heading in letter
    assert "本责任书一式两份，双方各执一份，自签订之日起生效" in letter
    assert "2026年2月15日" in letter
    assert "吴晓岚（党委副书记、镇长）责任清单" in letter
    pledge = "\n".join(texts(packs["青石镇"]["03-廉政承诺书-吴晓岚.docx"]))
    assert "如有违反，自愿接受组织处理" in pledge and "承诺人（签字）" in pledge
    assert "分管的财政、工程建设工作" in pledge, "promises fitted to the 分管 as the profile writes it"


def test_plan_names_the_leading_group_from_the_profile(packs):
    plan_text = "\n".join(texts(packs["青石镇"]["04-实施方案.docx"]))
    assert "组　长：周立新（党委书记）" in plan_text
    assert "吴晓岚（党委副书记、镇长）" in plan_text and "陈浩然（党委委员、副镇长）" in plan_text
    for step in ("动员部署", "组织实施", "检查验收"):
        assert step in plan_text


# --- format (XML) ----------------------------------------------------------------------------


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def test_every_document_has_the_gbt9704_page_and_fonts(packs):
    for name, data in packs["青石镇"].items():
        for section in xml(data, "word/document.xml").iter(f"{W}sectPr"):
            size, margins = section.find(f"{W}pgSz"), section.find(f"{W}pgMar")
            turned = size.get(f"{W}orient") == "landscape"
            expected = (297, 210) if turned else (210, 297)
            assert (int(size.get(f"{W}w")), int(size.get(f"{W}h"))) == tuple(map(_twips, expected)), name
            for side, mm in (gbt9704.LANDSCAPE_MARGINS_MM if turned else gbt9704.MARGINS_MM).items():
                assert abs(int(margins.get(f"{W}{side}")) - _twips(mm)) <= 1, (name, side)
        styles = {s.get(f"{W}styleId"): s for s in xml(data, "word/styles.xml").iter(f"{W}style")}
        for style_id, font, half_points in (("Normal", "仿宋_GB2312", "32"), ("Title", "方正小标宋简体", "44")):
            fonts = styles[style_id].find(f"{W}rPr/{W}rFonts")
            assert fonts.get(f"{W}eastAsia") == fonts.get(f"{W}ascii") == font, (name, style_id)
            assert not [a for a in fonts.attrib if a.endswith("Theme")], (name, style_id)
            assert styles[style_id].find(f"{W}rPr/{W}sz").get(f"{W}val") == half_points
            assert styles[style_id].find(f"{W}rPr/{W}lang").get(f"{W}eastAsia") == "zh-CN"
        body = xml(data, "word/document.xml")
        assert body.find(f".//{W}pStyle[@{W}val='Title']") is not None, name
        settings = xml(data, "word/settings.xml")
        assert settings.find(f"{W}evenAndOddHeaders") is not None
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            footers = [package.read(n).decode() for n in package.namelist() if n.startswith("word/footer")]
        assert len(footers) == 2 and all(" PAGE " in f and "— " in f for f in footers), name


def test_tables_repeat_their_header_never_split_rows_and_fix_column_widths(packs):
    for name, data in packs["青石镇"].items():
        for table in xml(data, "word/document.xml").iter(f"{W}tbl"):
            rows = table.findall(f"{W}tr")
            assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows), name
            grid = [c.get(f"{W}w") for c in table.findall(f"{W}tblGrid/{W}gridCol")]
            for row in rows:
                assert [c.find(f"{W}tcPr/{W}tcW").get(f"{W}w") for c in row.findall(f"{W}tc")] == grid, name
            borderless = table.find(f"{W}tblPr/{W}tblBorders") is not None
            if not borderless:
                assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None, name
                cell_paragraph = rows[-1].find(f"{W}tc/{W}p/{W}pPr/{W}snapToGrid")
                assert cell_paragraph.get(f"{W}val") == "0", name


def test_dates_are_written_the_gbt9704_way():
    from datetime import date

    assert wording.cn_date(date(2027, 2, 20)) == "2027年2月20日"
    assert wording.cn_date(None) == "　　年　月　日"
    assert [wording.cn_number(n) for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]


# --- filling: docxtpl semantics, prepared once -----------------------------------------------


def test_a_missing_value_is_an_error_never_a_blank_in_a_signed_letter(plans):
    _, template, context = next(d for d in documents(plans["青石镇"]) if d[1] == "责任书.docx")
    incomplete = {k: v for k, v in context.items() if k != "party_a"}
    with pytest.raises(jinja2.UndefinedError):
        fill(template, incomplete)
    with pytest.raises(jinja2.UndefinedError):
        plain_docxtpl(template, incomplete)


def test_fast_path_prints_what_plain_docxtpl_prints(plans):
    for name, template, context in documents(plans["hostile"]):
        fast, plain = fill(template, context), plain_docxtpl(template, context)
        assert texts(fast) == texts(plain), name
        docx.Document(io.BytesIO(fast))  # python-docx opens it
        with zipfile.ZipFile(io.BytesIO(fast)) as package:
            assert package.testzip() is None


def test_templates_are_editable_docx_rebuilt_identically(tmp_path):
    rebuild_templates(tmp_path)
    for name in TEMPLATES:
        with zipfile.ZipFile(TEMPLATES_DIR / name) as shipped, zipfile.ZipFile(tmp_path / name) as rebuilt:
            assert shipped.namelist() == rebuilt.namelist(), name
            for part in shipped.namelist():
                assert shipped.read(part) == rebuilt.read(part), (name, part)
            source = shipped.read("word/document.xml").decode()
        assert "{%tc" not in source, "column loops need docxtpl's fix_tables, which the fast path skips"
        assert "{{" in source or "{%" in source


# --- LibreOffice: every document opens and reads back ----------------------------------------


def test_pdf_font_aliases_follow_the_font_names_in_fonts():
    fc_match = require_tool("fc-match")
    renamed = dataclasses.replace(fonts.FONTS, title="测试标题字体")
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts.fontconfig_file(renamed))}
    for field in dataclasses.fields(fonts.Fonts):
        face = fonts.NOTO_FACES[field.name]
        found = subprocess.run([fc_match, "-f", "%{family[0]}|%{weight}", getattr(renamed, field.name)],
                               capture_output=True, text=True, check=True, env=env).stdout
        family, weight = found.split("|")
        assert family == face.family and (int(weight) >= 200) == face.bold, (field.name, found)


def _pdf_fonts(pdf: Path) -> list[tuple[str, str]]:
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    return [(line.split()[0], line.split()[-5]) for line in lines[2:]]


def _opened(pdf: Path, faces: set[str]) -> str:
    """A PDF LibreOffice made: A4, fonts embedded (collected into `faces`); its text, flattened."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info, pdf
    embedded = _pdf_fonts(pdf)
    assert embedded and all(flag == "yes" for _, flag in embedded), (pdf, embedded)
    faces |= {face.split("+")[-1] for face, _ in embedded}
    return flat(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)


def test_every_example_document_opens_in_libreoffice_as_a4_with_the_names_and_cjk_fonts(printed, kb):
    profiles = [load_profile(path, kb).profile for path in sorted(EXAMPLES.glob("*.yaml"))]
    faces: set[str] = set()
    for profile in profiles:
        unit = profile.单位
        pack_text = ""
        for name in printed.files(unit):
            text = _opened(printed.pdf(unit, name), faces)
            assert flat(unit) in text, (unit, name)
            pack_text += text
        for leader in profile.班子成员:
            assert flat(leader.姓名) in pack_text, (unit, leader.姓名)
        for subunit in profile.下属单位:
            assert flat(subunit.单位) in pack_text, (unit, subunit.单位)
    assert {f for f in faces if re.match(r"Noto(Serif|Sans)CJK", f)} == faces
    assert len({re.sub(r"CJK\w\w", "", f) for f in faces}) >= 3, f"title, body and headings distinct: {faces}"


@pytest.mark.slow
def test_hostile_names_and_the_handbook_open_in_libreoffice(plans, packs, kb, tmp_path):
    soffice = require_tool("soffice")
    require_tool("pdftotext")
    sources = tmp_path / "docx"
    sources.mkdir()
    for name, data in packs["hostile"].items():
        (sources / name).write_bytes(data)
    (sources / "学习手册.docx").write_bytes(render_handbook(catalog(kb)))
    outdir = tmp_path / "pdf"
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts.fontconfig_file())}
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(outdir), *map(str, sorted(sources.glob("*.docx")))],
                   check=True, capture_output=True, timeout=900, env=env)
    faces: set[str] = set()
    profile = plans["hostile"].profile
    pack_text = "".join(_opened(outdir / f"{Path(name).stem}.pdf", faces) for name in packs["hostile"])
    for name in (profile.单位, *(m.姓名 for m in profile.班子成员), *(u.单位 for u in profile.下属单位)):
        assert flat(name) in pack_text, name
    handbook = subprocess.run(["pdftotext", str(outdir / "学习手册.pdf"), "-"], capture_output=True, text=True).stdout
    assert "一、责任主体与责任事项" in handbook and next(iter(kb.canonical.values())).title in flat(handbook)
