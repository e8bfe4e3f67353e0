"""Hostile and broken input, as a review tried it: nothing lost, nothing written outside --out, no live
formulas, a Chinese message naming the file, the place and the fix, in seconds and a few hundred MB.

Every command runs as its own process under a time limit and an address-space limit, as the real
command would; what each one cost is printed (`pytest -s tests/test_hostile.py`) for BENCHMARKS.md.
"""

import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest
from conftest import COMMAND_ENV, CONTENT, EXAMPLES, Run, tree
from openpyxl import load_workbook

from generator.limits import MEMBERS, PROFILE_BYTES, TEXT_CHARS, XLSX_ROWS, YAML_DEPTH
from generator.sheets import COMPLETED, LEDGER_COLUMNS, STATUS_COLUMN

SECONDS = 60         # a hostile input is refused or done well within this, or the test fails
MEMORY = 768 << 20   # address space of each process: the alias bomb took 5.7 GB, the zip bomb 13.8 GB
TOWNSHIP, DEPARTMENT, VILLAGE = "中共青石镇委员会", "中共云岭县财政局党组", "中共东坪村支部委员会"
STATUS = LEDGER_COLUMNS.index(STATUS_COLUMN) + 1  # the ledger's 完成情况 column
VILLAGE_TEXT = (EXAMPLES / "东坪村.yaml").read_text(encoding="utf-8")
MANIFEST, TEMP_PREFIX = ".zerentian-manifest.json", ".zerentian-tmp-"
ENGLISH = re.compile(r"\b(found|expected|error|while|could not|not allowed|Errno|No such)\b", re.IGNORECASE)


@dataclass
class Started:
    proc: subprocess.Popen
    out: IO[bytes]
    err: IO[bytes]
    began: float


def start(*args, cwd: Path) -> Started:
    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()  # noqa: SIM115 - closed by finish()
    proc = subprocess.Popen([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd, env=COMMAND_ENV,
                            stdout=out, stderr=err, preexec_fn=limits)
    return Started(proc, out, err, time.monotonic())


def finish(started: Started) -> Run:
    """Wait under the time limit; report what the run cost; a process killed by any signal fails the test."""
    proc = started.proc
    timer = threading.Timer(SECONDS, proc.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    outputs = []
    for stream in (started.out, started.err):
        stream.seek(0)
        outputs.append(stream.read().decode("utf-8"))
        stream.close()
    label = " ".join(Path(a).name if "/" in a else a for a in proc.args[3:])[:100]
    print(f"cost: {time.monotonic() - started.began:5.2f} s {usage.ru_maxrss / 1024:6.0f} MB  zerentian {label}")
    assert proc.returncode >= 0, f"killed by signal {-proc.returncode} (over {SECONDS} s or out of memory?)"
    run = Run(proc.returncode, *outputs)
    assert "Traceback" not in run.out + run.err, run.err
    return run


def bounded(*args, cwd: Path, out: Path | None = None) -> Run:
    """The command, run in `cwd`; nothing under `cwd` may change but what is under `out`."""
    before = outside(cwd, out)
    run = finish(start(*args, cwd=cwd))
    assert outside(cwd, out) == before, "a file outside --out was written, changed or removed"
    return run


def outside(root: Path, out: Path | None) -> dict[str, bytes]:
    """Every file under root that is not under out: what a command must never touch."""
    inside = out.relative_to(root).as_posix() + "/" if out else None
    return {name: data for name, data in tree(root).items() if not (inside and name.startswith(inside))}


def verify_manifests(out: Path) -> int:
    """Every manifest names exactly the files of its folder, with their digests; no temporary file anywhere."""
    assert not [p for p in out.rglob("*") if p.name.startswith(TEMP_PREFIX)]
    folders = [m.parent for m in out.rglob(MANIFEST)]
    for folder in folders:
        listed = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = {p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}
        assert set(listed) == files, folder
        for name, digest in listed.items():
            assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, folder / name
    return len(folders)


def profile(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture(scope="module")
def packed(example_packs) -> Path:
    """The examples' packs as an earlier run left them, manifests included (never changed: tests copy them)."""
    return example_packs


# Data loss

@pytest.mark.slow
def test_three_packs_into_one_folder_at_once_each_write_everything(tmp_path, packed):
    out = tmp_path / "out"
    before = outside(tmp_path, out)
    runs = [start("pack", EXAMPLES, "--out", out, cwd=tmp_path) for _ in range(3)]
    runs = [finish(started) for started in runs]

    assert [r.code for r in runs] == [0, 0, 0], [r.err for r in runs]
    assert all("完成：3 个单位" in r.out for r in runs)
    assert verify_manifests(out) == 3
    assert all(tree(out / unit) == tree(packed / unit) for unit in (VILLAGE, DEPARTMENT, TOWNSHIP))
    assert outside(tmp_path, out) == before


def test_a_tampered_manifest_or_a_linked_folder_reaches_nothing_outside_out(tmp_path, packed):
    out = tmp_path / "out"
    shutil.copytree(packed, out, symlinks=True)
    victim, elsewhere = tmp_path / "victim.txt", tmp_path / "elsewhere"
    victim.write_text("keep", encoding="utf-8")
    elsewhere.mkdir()
    folder = out / VILLAGE
    entries = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    keep = hashlib.sha256(b"keep").hexdigest()
    entries.update({"../../victim.txt": keep, str(victim): keep, "..": keep})
    (folder / "03-廉政承诺书-离任者.docx").write_bytes(b"a clerk's own edit of a letter no longer generated")
    entries["03-廉政承诺书-离任者.docx"] = hashlib.sha256(b"what we wrote").hexdigest()
    (folder / MANIFEST).write_text(json.dumps(entries), encoding="utf-8")
    shutil.rmtree(out / DEPARTMENT)
    (out / DEPARTMENT).symlink_to(elsewhere, target_is_directory=True)
    run = bounded("pack", EXAMPLES / "东坪村.yaml", EXAMPLES / "云岭县财政局.yaml", "--out", out, "--force",
                  cwd=tmp_path, out=out)

    assert run.code == 1
    assert f"{DEPARTMENT}:1:1: 输出文件夹是一个符号链接" in run.err
    assert "生成记录中有 3 项不是本文件夹中的文件" in run.err and "已忽略" in run.err
    assert "已保留您修改过的文件" in run.err and "03-廉政承诺书-离任者.docx" in run.err
    assert "完成：1 个单位" in run.out
    assert victim.read_text(encoding="utf-8") == "keep" and list(elsewhere.iterdir()) == []
    assert (folder / "03-廉政承诺书-离任者.docx").exists(), "an edited file is never deleted, even with --force"
    assert tree(folder).keys() - {"03-廉政承诺书-离任者.docx"} == tree(packed / VILLAGE).keys()


def test_an_interrupted_rewrite_leaves_no_false_edits_and_no_temporary_files(tmp_path, packed):
    out = tmp_path / "out"
    shutil.copytree(packed / VILLAGE, out / VILLAGE)
    folder = out / VILLAGE
    blocked = folder / "04-实施方案.docx"
    blocked.unlink()
    blocked.mkdir()  # the rewrite fails halfway: files before it are new, files after it old
    second = profile(tmp_path, "东坪村.yaml", VILLAGE_TEXT.replace("日期: 2026-02-25", "日期: 2026-03-01"))
    failed = bounded("pack", second, "--out", out, "--force", cwd=tmp_path, out=out)
    assert failed.code == 1 and "04-实施方案.docx" in failed.err and "这是文件夹，不是文件" in failed.err
    blocked.rmdir()
    # what a killed run leaves: its temporary file and staging folder (an old version's too); LibreOffice's lock stays
    orphans = [folder / f"{TEMP_PREFIX}k2j3.docx", out / f"{TEMP_PREFIX}stage" / "01-责任清单.docx",
               folder / ".~abcd1234.xlsx"]
    for orphan in orphans:
        orphan.parent.mkdir(exist_ok=True)
        orphan.write_bytes(b"half")
    office_lock = folder / ".~lock.01-责任清单.docx#"
    office_lock.write_bytes(b"someone has it open")
    third = profile(tmp_path, "东坪村.yaml", VILLAGE_TEXT.replace("日期: 2026-02-25", "日期: 2026-03-15"))

    run = bounded("pack", third, "--out", out, cwd=tmp_path, out=out)

    assert run.code == 0, run.err
    assert "已保留" not in run.err, "no file looks edited after an interrupted run"
    assert not any(orphan.exists() for orphan in orphans) and office_lock.exists()
    assert verify_manifests(out) == 1
    assert (folder / "05-工作台账.xlsx").read_bytes() == (packed / VILLAGE / "05-工作台账.xlsx").read_bytes(), \
        "the same input gives the same workbook bytes"


@pytest.mark.slow
def test_rebuilding_the_site_keeps_what_users_put_there(tmp_path):
    content = tmp_path / "content"  # the sources alone: a small site, built the same way, in seconds
    shutil.copytree(CONTENT / "sources", content / "sources")
    site = tmp_path / "site"
    assert bounded("--content", content, "site", "--out", site, cwd=tmp_path, out=site).code == 0
    (site / "report").mkdir()
    (site / "report" / "index.html").write_text("本县的汇总", encoding="utf-8")
    (site / "通知.docx").write_bytes(b"a user's own file")
    stale = site / "duties" / "retired-duty.html"
    stale.parent.mkdir()
    stale.write_text("a page of a duty since removed", encoding="utf-8")
    entries = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    entries["duties/retired-duty.html"] = hashlib.sha256(stale.read_bytes()).hexdigest()
    entries["../victim.txt"] = entries["duties/retired-duty.html"]
    (site / MANIFEST).write_text(json.dumps(entries), encoding="utf-8")
    (site / "glossary.html").write_text("edited by hand", encoding="utf-8")
    (tmp_path / "victim.txt").write_text("keep", encoding="utf-8")

    refused = bounded("--content", content, "site", "--out", site, cwd=tmp_path)  # writes nothing, not even in site/
    assert refused.code == 1 and "glossary.html" in refused.err and "--force" in refused.err

    forced = bounded("--content", content, "site", "--out", site, "--force", cwd=tmp_path, out=site)
    assert forced.code == 0, forced.err
    assert (site / "report" / "index.html").read_text(encoding="utf-8") == "本县的汇总"
    assert (site / "通知.docx").read_bytes() == b"a user's own file"
    assert not stale.parent.exists() and "edited by hand" not in (site / "glossary.html").read_text(encoding="utf-8")
    assert "../victim.txt" in forced.err and "已忽略" in forced.err


# Injection

DDE = "=cmd|' /c calc'!A1"


def formulas(path: Path) -> list[str]:
    """Every formula of every sheet."""
    found = []
    for ws in load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    found.append(cell.value)
    return found


def test_profile_and_returned_text_never_becomes_a_formula(tmp_path):
    text = (EXAMPLES / "青石镇.yaml").read_text(encoding="utf-8")
    text = text.replace("姓名: 周立新", f'姓名: "{DDE}"').replace("职务: 党委副书记、镇长", "职务: =1+1")
    text = text.replace("分管: [财政, 工程建设]", '分管: ["=HYPERLINK(\\"http://x\\")", 财政]')
    source = profile(tmp_path / "档案", "青石镇.yaml", text)
    out = tmp_path / "out"

    packed_run = bounded("pack", source, "--out", out, cwd=tmp_path, out=out)

    assert packed_run.code == 0, packed_run.err
    workbooks = sorted((out / TOWNSHIP).glob("*.xlsx"))
    assert len(workbooks) == 4
    found = {path.name: formulas(path) for path in workbooks}
    assert found["01-责任清单.xlsx"] == found["05-工作台账.xlsx"] == found["06-民主测评表.xlsx"] == []
    [total] = found["06-考核评分表.xlsx"]
    assert total.startswith("=SUM(F3:F"), "the one formula is the project's own sum"
    ledger = load_workbook(out / TOWNSHIP / "05-工作台账.xlsx").active
    assert any(c.value == DDE and c.data_type == "s" for row in ledger.iter_rows() for c in row)

    votes = out / TOWNSHIP / "06-民主测评表.xlsx"
    wb = load_workbook(votes)
    ws = wb.active
    ws.cell(4, 4).value = 9  # nine 优秀 for the secretary, whose name is the planted text
    ws.cell(6, 2).value = '=HYPERLINK("http://x","点此")'  # a planted formula as a 测评对象, saved without result
    wb.save(votes)
    report = tmp_path / "report"
    collected = bounded("collect", source, out, "--as-of", "2026-06-30", "--out", report, cwd=tmp_path, out=report)

    assert collected.code == 1 and f"{votes.name}:6:2:" in collected.err and "公式" in collected.err
    summary = load_workbook(report / "汇总.xlsx")
    assert formulas(report / "汇总.xlsx") == []
    assert DDE in [c.value for ws in summary.worksheets for row in ws.iter_rows() for c in row]


# Resource exhaustion

ALIAS_BOMB = "\n".join(["a: &a [x, x, x, x, x, x, x, x, x]"] +
                       [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)]) + "\n"


def zip_bomb(ledger: Path, target: Path) -> None:
    """The ledger with 256 MB of blanks in its sheet: a few hundred KB on disk."""
    with zipfile.ZipFile(ledger) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(info.filename, data)
                continue
            with bomb.open(info.filename, "w", force_zip64=True) as part:
                part.write(data[:-len(b"</worksheet>")])
                for _ in range(256):
                    part.write(b" " * (1 << 20))
                part.write(b"</worksheet>")


def rewritten_sheet(ledger: Path, target: Path, change) -> None:
    with zipfile.ZipFile(ledger) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            out.writestr(info.filename, change(data) if info.filename == "xl/worksheets/sheet1.xml" else data)


def test_bombs_and_oversized_files_are_refused_in_seconds(tmp_path, packed):
    profiles = tmp_path / "档案"
    bombs = {
        "别名炸弹.yaml": (ALIAS_BOMB, "不支持用“*”引用"),
        "超大.yaml": (VILLAGE_TEXT + "#" * PROFILE_BYTES + "\n", f"文件超过 {PROFILE_BYTES // 1024} KB"),
        "深嵌套.yaml": ("单位: " + "[" * 30_000 + "]" * 30_000 + "\n", f"嵌套超过 {YAML_DEPTH} 层"),
    }
    for name, (text, _) in bombs.items():
        profile(profiles, name, text)
    good = profile(profiles, "东坪村.yaml", VILLAGE_TEXT)

    checked = bounded("check", profiles, cwd=tmp_path)

    assert checked.code == 1
    for name, (_, message) in bombs.items():
        assert re.search(rf"{name}:\d+:\d+: {re.escape(message)}", checked.err), (name, checked.err)
    assert good.name not in checked.err

    returned = tmp_path / "报送"
    returned.mkdir()
    ledger = packed / TOWNSHIP / "05-工作台账.xlsx"
    zip_bomb(ledger, returned / "压缩炸弹.xlsx")
    rewritten_sheet(ledger, returned / "百万行.xlsx",
                    lambda xml: xml.replace(b"</sheetData>", b'<row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData>'))
    rewritten_sheet(ledger, returned / "实体.xlsx", lambda xml: xml.replace(
        b"<worksheet", b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><worksheet', 1))
    assert (returned / "压缩炸弹.xlsx").stat().st_size < 2 << 20
    report = tmp_path / "report"

    collected = bounded("collect", EXAMPLES, returned, "--as-of", "2026-06-30", "--out", report, cwd=tmp_path,
                        out=report)

    assert collected.code == 1
    assert "压缩炸弹.xlsx:1:1: 解压后大得异常" in collected.err
    assert f"百万行.xlsx:1:1: 工作表 xl/worksheets/sheet1.xml 超过 {XLSX_ROWS} 行" in collected.err
    assert "实体.xlsx:1:1: 部件 xl/worksheets/sheet1.xml 含有 XML 实体声明" in collected.err
    assert (report / "汇总.xlsx").is_file(), "the units are still summed up"


# Crashes, and a batch stopped by one file

@pytest.mark.slow
def test_one_broken_file_never_stops_the_others(tmp_path, packed):
    batch = tmp_path / "档案"
    broken = {
        "空字符.yaml": VILLAGE_TEXT.replace("单位: 中共东坪村支部委员会", "单位: 中共西坪村\x00支部委员会"),
        "控制字符.yaml": VILLAGE_TEXT.replace("姓名: 许丽华", "姓名: 许丽\x1b华"),
        "嵌套.yaml": "单位: " + "[" * 2_000 + "]" * 2_000 + "\n",
    }
    for name, text in broken.items():
        profile(batch, name, text)
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, batch)
    out = tmp_path / "out"

    run = bounded("pack", batch, "--out", out, "--jobs", "2", cwd=tmp_path, out=out)

    assert run.code == 1 and "完成：3 个单位" in run.out and "3 个单位失败" in run.out
    assert "空字符.yaml:2:10: 有不可见的控制字符（U+0000）" in run.err
    assert f"控制字符.yaml:{line_of(VILLAGE_TEXT, '许丽华')}:11: 有不可见的控制字符（U+001B）" in run.err
    assert "嵌套.yaml:1:" in run.err
    assert all(tree(out / unit) == tree(packed / unit) for unit in (VILLAGE, DEPARTMENT, TOWNSHIP))

    templates = tmp_path / "空白文书"
    (templates / "空白-村").mkdir(parents=True)
    (templates / "空白-村" / MANIFEST).write_text('{"01-责任清单.docx": ', encoding="utf-8")
    (templates / "空白-乡镇").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    blank = bounded("templates", "--out", templates, "--年度", "2026", cwd=tmp_path, out=templates)
    assert blank.code == 1 and "空白-乡镇:1:1: 输出文件夹是一个符号链接" in blank.err
    assert "空白-村/.zerentian-manifest.json:1:1: 提示：生成记录已损坏" in blank.err
    assert {"空白-村", "空白-县级", "空白-部门", "学习手册"} <= {p.name for p in templates.iterdir()}
    assert (templates / "空白-村" / "05-工作台账.xlsx").is_file() and not (tmp_path / "elsewhere").exists()

    returned = tmp_path / "报送"
    shutil.copytree(packed, returned)
    wb = load_workbook(returned / TOWNSHIP / "06-民主测评表.xlsx")
    ws = wb.active
    ws.cell(2, 8).value, ws.cell(3, 4).value, ws.cell(3, 8).value = "弃权", 8, 2  # a column clerks add
    wb.save(returned / TOWNSHIP / "06-民主测评表.xlsx")
    wb = load_workbook(returned / VILLAGE / "05-工作台账.xlsx")
    ws = wb.active
    completed = LEDGER_COLUMNS.index(COMPLETED) + 1
    ws.cell(3, STATUS).value, ws.cell(3, completed).value = "已完成", 20260301  # a date typed as a number
    ws.cell(3, completed).number_format = "General"
    wb.save(returned / VILLAGE / "05-工作台账.xlsx")
    report = tmp_path / "report"
    report.mkdir()
    (report / MANIFEST).write_bytes(b"\x00not json")
    collected = bounded("collect", EXAMPLES, returned, "--as-of", "2026-06-30", "--out", report, cwd=tmp_path,
                        out=report)
    assert collected.code == 0, collected.err
    assert "report/.zerentian-manifest.json:1:1: 提示：生成记录已损坏" in collected.err
    summary = load_workbook(report / "汇总.xlsx")
    done = {row[0]: row[4] for row in summary["单位汇总"].iter_rows(min_row=2, values_only=True)}
    votes = {(row[0], row[1]): row[2] for row in summary["民主测评"].iter_rows(min_row=2, values_only=True)}
    assert done[VILLAGE] == 1 and votes[(TOWNSHIP, "领导班子")] == "优秀8"


# Silent corrupt output

def test_a_control_character_in_a_heading_is_refused_not_printed(tmp_path):
    batch = tmp_path / "档案"
    texts = {"上级.yaml": VILLAGE_TEXT.replace("上级: 中共青石镇委员会", '上级: "中共青石镇委员会\\a"'),
             "落款.yaml": VILLAGE_TEXT.replace("  机关: 中共东坪村支部委员会", '  机关: "中共东坪村\\v支部委员会"')}
    for name, text in texts.items():
        profile(batch, name, text)
    run = bounded("pack", batch, "--out", tmp_path / "out", cwd=tmp_path)  # nothing written at all

    assert run.code == 1 and "2 个单位失败" in run.out
    assert f"上级.yaml:{line_of(texts['上级.yaml'], '上级:')}:5: 有不可见的控制字符（U+0007）" in run.err
    assert f"落款.yaml:{line_of(texts['落款.yaml'], '机关:')}:7: 有不可见的控制字符（U+000B）" in run.err


# check and pack disagree

def members(count: int) -> str:
    return "".join(f"  - 姓名: 委员{i}\n    职务: 党支部委员\n    责任: 一岗双责\n" for i in range(count))


def test_check_refuses_first_whatever_pack_would_refuse(tmp_path):
    batch = tmp_path / "档案"
    marker = "  - 姓名: 何大勇"
    hostile = {
        "姓名.yaml": (VILLAGE_TEXT.replace("姓名: 卫长青", '姓名: "卫长\\x07青"'), '姓名: "卫长', "控制字符（U+0007）"),
        "单位.yaml": (VILLAGE_TEXT.replace("单位: 中共东坪村支部委员会", '单位: "中共东坪村\\n支部委员会"'), "单位: ", "不能换行"),
        "成员.yaml": (VILLAGE_TEXT.replace(marker, members(MEMBERS) + marker), "班子成员:", f"最多 {MEMBERS} 项"),
        "长名.yaml": (VILLAGE_TEXT.replace("职务: 党支部副书记", "职务: " + "副" * (TEXT_CHARS + 1)), "职务: 副副", "太长了"),
    }
    for name, (text, _, _) in hostile.items():
        profile(batch, name, text)
    full = profile(batch, "满员.yaml", VILLAGE_TEXT.replace(marker, members(MEMBERS - 3) + marker))

    checked = bounded("check", batch, cwd=tmp_path)
    packed_run = bounded("pack", batch, "--out", tmp_path / "out", cwd=tmp_path, out=tmp_path / "out")

    def problems(run: Run) -> list[str]:
        return sorted(line for line in run.err.splitlines() if ".yaml:" in line)

    assert checked.code == packed_run.code == 1
    assert problems(checked) == problems(packed_run) and len(problems(checked)) == len(hostile)
    for name, (text, needle, message) in hostile.items():
        assert any(f"{name}:{line_of(text, needle)}:" in p and message in p for p in problems(checked)), name
    assert full.name not in checked.err and "内部错误" not in packed_run.err
    assert len(list((tmp_path / "out" / VILLAGE).glob("03-廉政承诺书-*.docx"))) == MEMBERS


# Integrity

def test_returns_out_of_range_or_without_results_are_refused_file_by_file(tmp_path, packed):
    returned = tmp_path / "报送"
    shutil.copytree(packed, returned)
    scores = returned / TOWNSHIP / "06-考核评分表.xlsx"
    wb = load_workbook(scores)
    ws = wb.active
    ws.cell(3, 6).value, ws.cell(4, 6).value = 99999, -500
    wb.save(scores)
    ledger = returned / TOWNSHIP / "05-工作台账.xlsx"
    wb = load_workbook(ledger)
    wb.active.cell(5, STATUS).value = '=IF(TRUE,"已完成","")'  # a program filled it: no result saved
    wb.save(ledger)
    votes = returned / DEPARTMENT / "06-民主测评表.xlsx"
    wb = load_workbook(votes)
    ws = wb.active
    ws.cell(4, 2).value, ws.cell(3, 4).value = "不在档案中的人", -3
    wb.save(votes)
    good = returned / VILLAGE / "05-工作台账.xlsx"
    wb = load_workbook(good)
    wb.active.cell(3, STATUS).value = "已完成"
    wb.save(good)

    run = bounded("collect", EXAMPLES, returned, "--as-of", "2026-06-30", "--json", cwd=tmp_path)
    scores, ledger, votes = (path.relative_to(tmp_path) for path in (scores, ledger, votes))

    assert run.code == 1
    assert f"{scores}:3:6: 得分 99999 超出范围" in run.err and f"{scores}:4:6: 得分 -500 超出范围" in run.err
    assert f"{ledger}:5:{STATUS}: “完成情况”是公式，但文件中没有保存计算结果" in run.err
    assert f"{votes}:4:2: 测评对象“不在档案中的人”不是本单位档案中的班子成员" in run.err
    assert f"{votes}:3:4: “-3”不是票数" in run.err
    units = {u["单位"]: u for u in json.loads(run.out)["units"]}
    assert sorted(units[TOWNSHIP]["退回文件"]) == sorted([str(ledger), str(scores)])
    assert units[TOWNSHIP]["考核"] is None and not units[TOWNSHIP]["已报送台账"]
    assert units[DEPARTMENT]["退回文件"] == [str(votes)] and units[DEPARTMENT]["民主测评"] == []
    assert units[VILLAGE]["已完成"] == 1


# Unclear messages

def test_every_message_is_chinese_names_the_file_and_says_what_to_do(tmp_path):
    batch = tmp_path / "档案"
    texts = {
        "转义.yaml": (VILLAGE_TEXT.replace("职务: 党支部副书记", '职务: "党支部\\q副书记"'), "职务: \"党支部", "反斜杠"),
        "标签.yaml": (VILLAGE_TEXT.replace("上级: 中共青石镇委员会", "上级: !org 中共青石镇委员会"), "上级:", "不支持“!org”"),
        "年度.yaml": (VILLAGE_TEXT.replace("年度: 2026", "年度: " + "9" * 5000), "年度:", "（共 5000 个字符）"),
    }
    for name, (text, _, _) in texts.items():
        profile(batch, name, text)

    checked = bounded("check", batch, cwd=tmp_path)

    assert checked.code == 1
    for name, (text, needle, message) in texts.items():
        assert re.search(rf"{name}:{line_of(text, needle)}:\d+: [^\n]*{re.escape(message)}[^\n]*：", checked.err), name
    assert len(checked.err) < 2000 and not ENGLISH.search(checked.err), checked.err

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    duties = content / "duties" / "s001.yaml"
    broken = duties.read_text(encoding="utf-8").replace("role: collective", "role: collectiv", 1)
    duties.write_text(broken, encoding="utf-8")
    kb = bounded("--content", content, "check", cwd=tmp_path)
    assert kb.code == 1 and "发现 1 处问题" in kb.err
    assert f"s001.yaml:{line_of(broken, 'role: collectiv')}:" in kb.err

    blocker = tmp_path / "通知.docx"
    blocker.write_bytes(b"a file where a folder is asked for")
    os_error = bounded("pack", EXAMPLES / "东坪村.yaml", "--out", blocker / "文书", cwd=tmp_path)
    assert os_error.code == 1 and f"路径中有一部分不是文件夹：{blocker / '文书'}" in os_error.err
    assert not ENGLISH.search(os_error.err), os_error.err
