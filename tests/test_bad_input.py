"""A clerk makes the usual mistakes; each gets file:line, the fix in Chinese, exit 1, nothing written."""

import shutil

import pytest
from conftest import CONTENT, EXAMPLES, tree, zerentian

TOWNSHIP = (EXAMPLES / "青石镇.yaml").read_text(encoding="utf-8")


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[occurrence - 1]


def edited(old: str, new: str, count: int = 1) -> str:
    assert old in TOWNSHIP
    return TOWNSHIP.replace(old, new, count)


PROFILE_MISTAKES = {
    "duplicate key": (edited("年度: 2026\n", "年度: 2026\n年度: 2027\n"), "年度: 2027", "重复的键“年度”"),
    "misspelt key": (edited("  - 姓名: 郑国华", "  - 性名: 郑国华"), "性名: 郑国华", "是不是“姓名”"),
    "wrong type": (edited("年度: 2026", "年度: 二〇二六"), "年度: 二〇二六", "应为整数"),
    "missing required key": (edited("上级: 中共云岭县委\n", ""), "单位: 中共青石镇委员会", "缺少必填项“上级”"),
    "value outside enumeration": (edited("层级: 乡镇", "层级: 省级"), "层级: 省级", "只能是 县级、部门、乡镇、村"),
    "second first responsible": (edited("    职务: 党委委员、纪委书记\n    责任: 监督责任",
                                        "    职务: 党委委员、纪委书记\n    责任: 第一责任人"),
                                 "责任: 第一责任人", "第一责任人只能有一位"),
    "contact point not a subunit": (edited("联系点: [柳溪村党支部]", "联系点: [柳西村党支部]"), "柳西村党支部",
                                    "不在“下属单位”中"),
    "no in a text field": (edited("    职务: 党委副书记\n", "    职务: no\n"), "职务: no", "请加引号写成 \"no\""),
    "time in a text field": (edited("  - 姓名: 冯静", "  - 姓名: 1:30"), "姓名: 1:30", "请加引号写成 \"1:30\""),
    "impossible date": (edited("日期: 2026-02-15", "日期: 2026-02-30"), "日期: 2026-02-30", "不是有效的日期"),
    "empty list": (edited("下属单位:\n", "下属单位:\n下属单位2:\n"), "下属单位2:", "未知的键“下属单位2”"),
    "bad yaml": (edited("  - 姓名: 冯静", "  - 姓名: 冯静: 副镇长"), "冯静: 副镇长", "YAML 格式错误"),
}
# The nth occurrence of the marker line, when the edit leaves an earlier identical line.
OCCURRENCE = {"duplicate key": 1, "second first responsible": 2}


COMMANDS = {"check": (), "pack": ("--out", "out")}


@pytest.mark.parametrize("command", COMMANDS)
def test_each_bad_profile_is_reported_at_its_line_and_nothing_is_written(tmp_path, command):
    """A folder of profiles, each with one usual mistake: each is named at its own file and line, in one run."""
    for number, (text, _, _) in enumerate(PROFILE_MISTAKES.values()):
        (tmp_path / f"档案{number:02d}.yaml").write_text(text, encoding="utf-8")
    before = tree(tmp_path)

    run = zerentian(command, tmp_path, *COMMANDS[command], cwd=tmp_path)

    assert run.code == 1, run.err
    assert "Traceback" not in run.err + run.out
    for number, (mistake, (text, marker, message)) in enumerate(PROFILE_MISTAKES.items()):
        line = line_of(text, marker, OCCURRENCE.get(mistake, 1))
        reported = [m for m in run.err.splitlines() if m.startswith(f"档案{number:02d}.yaml:{line}:")]
        assert any(message in m for m in reported), (mistake, run.err)
    assert tree(tmp_path) == before


def copy_content(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    return content


BAD_DUTY = """\
duties:
  - id: local-col-01
    levels: [township]
    role: collective
    category: 组织领导
    domain: 党风廉政建设
    title: 研究部署
    text: 每年年初研究部署党风廉政建设工作。
    frequency: {per: year, times: 1, window: 年初}
    areas: [finanse]
    sources: [reg2020/第九十九条]
"""

CONTENT_MISTAKES = {
    "dangling area": (BAD_DUTY, "areas: [finanse]", "不存在的分管领域“finanse”，是不是“finance”"),
    "dangling section": (BAD_DUTY, "sources: [reg2020/第九十九条]", "没有章节“第九十九条”"),
    "unknown key": (BAD_DUTY.replace("    domain:", "    domian:"), "domian:", "是不是“domain”"),
    "no as text": (BAD_DUTY.replace("title: 研究部署", "title: no"), "title: no", "请加引号写成 \"no\""),
    "bad enumeration": (BAD_DUTY.replace("role: collective", "role: leader"), "role: leader", "不是允许的取值"),
    "duplicate key": (BAD_DUTY.replace("    domain:", "    title: 又一个\n    domain:"), "title: 研究部署", "重复的键“title”"),
}


@pytest.mark.parametrize("mistake", CONTENT_MISTAKES)
def test_a_maintainer_error_in_content_is_reported_at_its_line(tmp_path, mistake):
    text, marker, message = CONTENT_MISTAKES[mistake]
    content = copy_content(tmp_path)
    (content / "duties" / "local.yaml").write_text(text, encoding="utf-8")
    before = tree(tmp_path)

    run = zerentian("--content", content, "check", cwd=tmp_path)

    assert run.code == 1, run.err
    assert f"content/duties/local.yaml:{line_of(text, marker)}:" in run.err, run.err
    assert message in run.err, run.err
    assert "Traceback" not in run.err
    assert tree(tmp_path) == before


SYNONYM_MISTAKES = {
    "word in two groups": ("[村支书, 村党组织书记]", "“村支书”已在同义词组“syn-village-secretary”中"),
    "words content never uses": ("[甲乙丙丁, 戊己庚辛]", "本组没有一个词出现在知识库中"),
    "word twice in a group": ("[一把手, 一把手]", "“一把手”在本组中重复"),
}


@pytest.mark.parametrize("mistake", SYNONYM_MISTAKES)
def test_a_synonym_that_search_cannot_use_is_reported_at_its_line(tmp_path, mistake):
    words, message = SYNONYM_MISTAKES[mistake]
    text = f"# what people type\nsynonyms:\n  - id: syn-test\n    words: {words}\n"
    content = copy_content(tmp_path)
    (content / "zz-synonyms.yaml").write_text(text, encoding="utf-8")

    run = zerentian("--content", content, "check")

    assert run.code == 1 and "Traceback" not in run.err, run.err
    assert "zz-synonyms.yaml:4:" in run.err and message in run.err, run.err


def test_a_duplicated_id_names_both_places(tmp_path):
    content = copy_content(tmp_path)
    (content / "duties" / "a.yaml").write_text(BAD_DUTY.replace("finanse", "finance").replace("第九十九条", "第八条"),
                                               encoding="utf-8")
    (content / "duties" / "b.yaml").write_text(BAD_DUTY.replace("finanse", "finance").replace("第九十九条", "第八条"),
                                               encoding="utf-8")
    run = zerentian("--content", content, "check", cwd=tmp_path)
    assert run.code == 1
    assert "content/duties/b.yaml:2:" in run.err and "content/duties/a.yaml:2 已使用" in run.err


def test_usage_errors_exit_2_in_chinese(tmp_path):
    runs = [zerentian("check", tmp_path / "没有这个文件.yaml"), zerentian("chek"),
            zerentian("burden", tmp_path / "没有这个文件.yaml"), zerentian("templates", "--年度", "0")]
    assert [r.code for r in runs] == [2, 2, 2, 2]
    assert "找不到文件或目录" in runs[0].err and "无效的选项" in runs[1].err and "找不到文件或目录" in runs[2].err
    assert "2000 到 2100" in runs[3].err
    assert not any("Traceback" in r.err for r in runs)


def test_an_output_folder_that_is_a_file_is_a_clear_error(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", encoding="utf-8")
    run = zerentian("templates", "--out", blocker)
    assert run.code == 1 and "错误" in run.err and "Traceback" not in run.err


def test_a_new_profile_is_commented_and_must_be_filled_before_use(tmp_path):
    target = tmp_path / "新单位.yaml"
    assert zerentian("new", target, "--层级", "村").code == 0
    assert "# 必填" in target.read_text(encoding="utf-8")
    run = zerentian("check", target)
    assert run.code == 1 and "还没有填写" in run.err
    assert zerentian("new", target).code == 2, "an existing file is never overwritten"


def test_a_misspelt_key_is_one_problem_not_two(tmp_path):
    text, _, _ = PROFILE_MISTAKES["misspelt key"]
    profile = tmp_path / "青石镇.yaml"
    profile.write_text(text, encoding="utf-8")
    run = zerentian("check", profile)
    assert "是不是“姓名”" in run.err and "缺少必填项" not in run.err and "发现 1 处问题" in run.err
