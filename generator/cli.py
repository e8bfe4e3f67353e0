"""The `zerentian` command line: Chinese messages, exit 0 ok / 1 problems found / 2 usage error."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from . import load
from .load.profile import UnitRead
from .load.units import WORKBOOK_SUFFIX, MissingPath, read_inputs
from .pdf import convert_to_pdf, find_soffice
from .problems import Place, Problem, ProblemsFound, display_path, errors, os_reason
from .render import starter
from .vocabulary import COLLECTION_LABELS, LEVEL_LABELS
from .write import locked, write_bytes_atomic, write_pack, write_text_atomic

# argparse looks its messages up through the module-level `_` at call time.
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
}
argparse._ = lambda text: _ARGPARSE_ZH.get(text, text)  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # noqa: D102 - argparse API
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{message}\n")


class UsageError(Exception):
    """The command line itself is wrong (a missing file, nothing to do): exit 2."""


def year_arg(text: str) -> int:
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"年度应为 2000 到 2100 之间的年份，如 {date.today().year}，而不是 {text}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="zerentian", description="责任田：党风廉政建设责任制的知识库、网站与文书生成工具")
    parser.add_argument("--content", type=Path, default=load.DEFAULT_CONTENT, metavar="目录",
                        help="知识库目录（默认：项目自带的 content/）")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    commands.required = True

    check = commands.add_parser("check", help="检查知识库和单位档案", description="检查知识库和单位档案，逐条指出文件:行:列和改法")
    check.add_argument("paths", nargs="*", type=Path, metavar="档案", help="单位档案文件、目录或名册（.xlsx）")
    check.add_argument("--coverage", action="store_true", help="列出每份依据文件的每一节被哪些条目引用")
    check.set_defaults(run=run_check)

    site = commands.add_parser("site", help="生成知识网站", description="由知识库生成可离线浏览、可搜索的知识网站")
    site.add_argument("--out", type=Path, default=Path("site"), metavar="目录", help="输出目录（默认：site）")
    site.add_argument("--force", action="store_true", help="覆盖输出目录中不是本程序上次写入的同名文件")
    site.set_defaults(run=run_site)

    pack = commands.add_parser("pack", help="按单位档案生成文书包", description="按单位档案生成文书包：每个单位一个文件夹")
    pack.add_argument("paths", nargs="+", type=Path, metavar="档案", help="单位档案文件、目录或名册（.xlsx）")
    pack.add_argument("--out", type=Path, default=Path("out"), metavar="目录", help="输出目录（默认：out）")
    pack.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N", help="同时处理的单位数（默认：CPU 核数）")
    pack.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 转出 PDF")
    pack.add_argument("--force", action="store_true", help="覆盖您修改过的已生成文件")
    pack.set_defaults(run=run_pack)

    templates = commands.add_parser("templates", help="生成空白文书（可打印后手工填写）",
                                    description="生成各层级的空白文书，姓名、日期处留填写横线")
    templates.add_argument("--out", type=Path, default=Path("空白文书"), metavar="目录", help="输出目录（默认：空白文书）")
    templates.add_argument("--年度", dest="year", type=year_arg, default=date.today().year, metavar="年份",
                           help="台账和日历使用的年度（默认：今年）")
    templates.add_argument("--force", action="store_true", help="覆盖您修改过的已生成文件")
    templates.set_defaults(run=run_templates)

    collect = commands.add_parser("collect", help="汇总各单位报送的台账和考核表",
                                  description="读取各单位填好后报送的工作台账、考核评分表、民主测评表，按单位档案核对并汇总")
    collect.add_argument("paths", nargs="+", type=Path, metavar="档案或报表",
                         help="单位档案（.yaml）或名册，和报送的表格（.xlsx），文件或目录")
    collect.add_argument("--as-of", dest="as_of", type=date.fromisoformat, default=date.today(), metavar="日期",
                         help="统计截止日期，如 2026-06-30（默认：今天）")
    collect.add_argument("--out", type=Path, default=Path("report"), metavar="目录", help="汇总输出目录（默认：report）")
    collect.add_argument("--json", action="store_true", help="只在屏幕上输出 JSON 格式的统计结果")
    collect.add_argument("--force", action="store_true", help="覆盖您修改过的汇总文件")
    collect.set_defaults(run=run_collect)

    burden = commands.add_parser("burden", help="统计一个单位一年的工作量（减负）",
                                 description="按责任主体统计一年的经常性事项和文书数量，并列出频次严于依据原文的事项")
    burden.add_argument("path", type=Path, metavar="档案", help="单位档案文件，或名册（逐个单位统计）")
    burden.set_defaults(run=run_burden)

    new = commands.add_parser("new", help="生成单位档案模板或空白名册，或在名册与档案之间转换",
                              description="生成一份带注释的单位档案模板（.yaml）或空白名册（.xlsx）；"
                                          "加 --from 则在名册与档案目录之间转换")
    new.add_argument("path", type=Path, metavar="文件", help="要创建的档案（如 宁远镇.yaml）、名册（如 名册.xlsx）或档案目录")
    new.add_argument("--层级", dest="level", default="乡镇", choices=list(starter.LEVEL_EXAMPLES), help="单位层级（默认：乡镇）")
    new.add_argument("--from", dest="source", type=Path, nargs="+", metavar="来源",
                     help="转换：名册.xlsx 由档案（文件或目录）生成；档案目录由名册生成，每个单位一个 .yaml 文件")
    new.add_argument("--force", action="store_true", help="覆盖已存在的名册，或档案目录中您修改过的档案")
    new.set_defaults(run=run_new)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ProblemsFound as exc:
        report(exc.problems)
        return 1
    except (UsageError, MissingPath) as exc:
        print(f"zerentian：错误：{exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # e.g. --out names an existing file, or a folder is read-only
        print(f"zerentian：错误：{os_reason(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130


def report(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    if errors(problems):
        print(f"发现 {len(errors(problems))} 处问题，请按提示修改后重新运行。", file=sys.stderr)


def read_units(kb: load.KnowledgeBase, paths: list[Path]) -> list[UnitRead]:
    """The units in the profiles, folders and rosters given; an Excel file named here that is no roster is a problem."""
    inputs = read_inputs(kb, paths)
    named = [Place(display_path(path)) for path in inputs.workbooks if path in paths]
    return inputs.units + [UnitRead(place, problems=[place.problem(
        "这个 Excel 文件不是名册（没有“单位”“班子成员”“下属单位”工作表）：请用 zerentian new 名册.xlsx 生成的名册填写")])
        for place in named]


def run_check(args) -> int:
    from .batch import assign_folders

    kb = load.load_content(args.content)
    units = read_units(kb, args.paths)
    # pack's own reading, so that whatever pack would refuse (two profiles of one unit too) is refused here first
    problems = [p for outcome in assign_folders(units, Path()) for p in outcome.problems + outcome.notes]
    if args.coverage:
        print_coverage(kb)
    report(problems)
    if errors(problems):
        return 1
    counts = "、".join(f"{COLLECTION_LABELS[name]} {len(getattr(kb, name))} 条" for name in _COUNTED)
    print(f"知识库无误：{counts}。" + (f"单位档案 {len(units)} 份无误。" if units else ""))
    return 0


_COUNTED = ("duties", "mechanisms", "cases", "forms", "schemes", "risks", "terms", "sources")


def print_coverage(kb: load.KnowledgeBase) -> None:
    cited = kb.citations()
    gaps = 0
    for source in kb.sources.values():
        print(f"{source.id}  {source.title}")
        for section in source.sections:
            ids = cited.get((source.id, section.id), [])
            gaps += not ids
            listing = "、".join(ids) if ids else "（无引用）"
            print(f"  {section.id}  {section.title}  [{len(ids)}] {listing}")
    print(f"共 {sum(len(s.sections) for s in kb.sources.values())} 节，其中 {gaps} 节无引用。")
    print_consolidation(kb)


def print_consolidation(kb: load.KnowledgeBase) -> None:
    """Each source duty record, per level it serves: the canonical duty standing for it, or why none does."""
    homes = kb.consolidated_by()
    print()
    print("责任事项的归并：每条来源记录在各层级由哪条标准责任事项承接，或不采用的理由")
    for duty in kb.duties.values():
        for level in duty.levels:
            if duty.scope:
                where = f"仅适用于{duty.scope}"
            elif (duty.id, level) in homes:
                where = "→ " + "、".join(c.id for c in homes[(duty.id, level)])
            elif (duty.id, level) in kb.excluded:
                where = f"不采用：{kb.excluded[(duty.id, level)].reason}"
            else:
                where = "（尚未归并）"
            print(f"  {duty.id}  {LEVEL_LABELS[level]}  {where}")
    gaps = kb.unaccounted()
    print(f"共 {len(kb.canonical)} 条标准责任事项；{len(gaps)} 处来源记录尚未归并或说明理由。")


def run_site(args) -> int:
    from .pack import write_downloads
    from .site.build import build_site
    from .write import files_under, refuse_collisions, refuse_foreign_folder, write_site

    kb = load.load_content(args.content)
    refuse_foreign_folder(args.out, args.force)  # refused before the build, and before a lock file is left there
    with tempfile.TemporaryDirectory(prefix="zerentian-site-") as tmp:
        downloads, built = Path(tmp) / "downloads", Path(tmp) / "site"
        write_downloads(kb, downloads, date.today().year)
        build_site(kb, built, downloads)
        files = files_under(built)
        refuse_collisions(args.out, files, args.force)
        with locked(args.out, waiting(args.out)):
            report_kept(write_site(args.out, files, args.force))
    print(f"知识网站已生成：{args.out / 'index.html'}（可直接双击打开，也可放到内网服务器上）")
    return 0


def waiting(out: Path):
    return lambda: print(f"另一个 zerentian 命令正在写入“{out}”，等它结束后继续……", file=sys.stderr)


def run_pack(args) -> int:
    from .batch import assign_folders
    from .pack import pack_many

    kb = load.load_content(args.content)
    units = read_units(kb, args.paths)
    if not units:
        raise UsageError("没有找到单位档案（.yaml 文件）或名册（.xlsx 文件）")
    if args.pdf and find_soffice() is None:
        raise UsageError("--pdf 需要 LibreOffice（soffice），请先安装或去掉 --pdf")
    outcomes = assign_folders(units, args.out)
    ready = [o for o in outcomes if o.ok]
    if ready:
        with locked(args.out, waiting(args.out)), progress(len(ready), "生成文书") as advance:
            for outcome in pack_many(kb, args.content, ready, args.force, max(1, args.jobs)):
                advance(outcome.unit)
                if outcome.ok and args.pdf:
                    convert_pack_to_pdf(outcome)
    return summarize(outcomes, args.out)


def convert_pack_to_pdf(outcome) -> None:
    documents = sorted(outcome.folder.glob("*.docx"))
    try:
        convert_to_pdf(documents, outcome.folder / "PDF")
    except OSError as exc:
        outcome.problems.append(outcome.place.problem(f"PDF 转换失败：{os_reason(exc, outcome.folder / 'PDF')}"))
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        outcome.problems.append(outcome.place.problem(f"PDF 转换失败：{exc}"))


def summarize(outcomes, out: Path) -> int:
    failed = [o for o in outcomes if not o.ok]
    for outcome in outcomes:
        if outcome.problems or outcome.notes:
            report(outcome.problems + outcome.notes)
        report_kept(outcome.result)
    done = len(outcomes) - len(failed)
    print(f"完成：{done} 个单位的文书已生成到 {out}/" + (f"；{len(failed)} 个单位失败，见上方提示。" if failed else "。"))
    return 1 if failed else 0


def report_kept(result) -> None:
    if result is None:
        return
    report(result.notes)
    for path in result.kept:
        print(f"已保留您修改过的文件：{path}（如需覆盖，请加 --force）", file=sys.stderr)
    for path in result.removed:
        print(f"已删除不再需要的文件：{path}（档案中已没有对应的人员或单位）", file=sys.stderr)
    for path in result.released:
        print(f"已保留您修改过的文件：{path}（档案中已没有对应的人员或单位，此后由您自行管理）", file=sys.stderr)


def run_templates(args) -> int:
    from .pack import write_templates

    kb = load.load_content(args.content)
    with locked(args.out, waiting(args.out)):
        results, problems = write_templates(kb, args.out, args.year, args.force)
    for result in results:
        report_kept(result)
    report(problems)
    print(f"空白文书已生成到 {args.out}/：每个层级一个文件夹，另有“学习手册”（整个知识库的 Word 版）。"
          + (f"其中 {len(problems)} 个文件夹未能写入，见上方提示。" if problems else ""))
    return 1 if problems else 0


@contextmanager
def progress(total: int, label: str):
    """A progress bar on stderr for many units; silent for one."""
    if total <= 1:
        yield lambda _unit: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("剩余"),
               TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task(label, total=total)
        yield lambda unit: bar.update(task, advance=1, description=f"{label}：{unit}")


def run_collect(args) -> int:
    from .returns.collect import collect
    from .returns.report import report_files

    kb = load.load_content(args.content)
    inputs = read_inputs(kb, args.paths)
    if not inputs.units:
        raise UsageError("请同时给出单位档案（.yaml）或名册（.xlsx），用来核对报送的表格")
    collected = collect(kb, inputs.units, inputs.workbooks, args.as_of)
    report(collected.problems)
    if args.json:
        print(json.dumps({"截止日期": args.as_of.isoformat(), "units": [u.as_json() for u in collected.units]},
                         ensure_ascii=False, indent=1))
    else:
        with locked(args.out, waiting(args.out)):  # the folder itself may be a link the user chose
            report_kept(write_pack(args.out.resolve(), report_files(collected.units, args.as_of), args.force))
        for unit in collected.units:
            rate = "—" if unit.total.rate is None else f"{unit.total.rate}%"
            print(f"{unit.plan.profile.单位}：应完成 {unit.total.due}，已完成 {unit.total.done}，逾期 {unit.total.overdue}，完成率 {rate}")
        print(f"汇总已写入 {args.out}/index.html 和 {args.out}/汇总.xlsx")
    return 1 if errors(collected.problems) else 0


def run_burden(args) -> int:
    from .compile.burden import burden_report

    if args.path.is_dir():
        raise UsageError(f"“{args.path}”是文件夹：请给出一个单位档案文件或名册")
    kb = load.load_content(args.content)
    units = read_units(kb, [args.path])
    for i, unit in enumerate(u for u in units if u.ok):
        print(("\n" if i else "") + burden_report(kb, unit.loaded.profile))
    report([p for unit in units for p in unit.problems])
    return 0 if all(unit.ok for unit in units) else 1


def run_new(args) -> int:
    if args.source:
        return convert(args)
    if args.path.exists() and not args.force:
        raise UsageError(f"“{args.path}”已存在，不会覆盖：请换一个文件名")
    if args.path.suffix.lower() == WORKBOOK_SUFFIX:
        from .convert import blank_roster

        write_bytes_atomic(args.path, blank_roster(load.load_content(args.content)))
        print(f"已生成空白名册：{args.path}。在“单位”“班子成员”“下属单位”三张表中逐行填写（各列的写法见“说明”表），"
              f"填好后运行：zerentian check {args.path}")
        return 0
    write_text_atomic(args.path, starter.starter_text(args.level, date.today().year))
    print(f"已生成单位档案模板：{args.path}。按注释填写后运行：zerentian check {args.path}")
    return 0


def convert(args) -> int:
    """`new 名册.xlsx --from 档案…` or `new 档案目录/ --from 名册.xlsx`: every unit converts, or nothing is written."""
    from .convert import profiles_from_roster, roster_from_profiles

    to_roster = args.path.suffix.lower() == WORKBOOK_SUFFIX
    from_roster = [path.suffix.lower() == WORKBOOK_SUFFIX for path in args.source]
    if (to_roster and any(from_roster)) or (not to_roster and (not all(from_roster) or args.path.suffix)):
        raise UsageError("--from 用于名册与单位档案之间的转换：zerentian new 名册.xlsx --from 档案目录/，"
                         "或 zerentian new 档案目录/ --from 名册.xlsx")
    if to_roster and args.path.exists() and not args.force:
        raise UsageError(f"“{args.path}”已存在，不会覆盖：请换一个文件名，或加 --force 覆盖")
    kb = load.load_content(args.content)
    units = read_units(kb, args.source)
    if not units:
        raise UsageError("没有找到单位档案（.yaml 文件）")
    if to_roster:
        write_bytes_atomic(args.path, roster_from_profiles(kb, units))
        print(f"已由 {len(units)} 份单位档案生成名册：{args.path}")
    else:
        report_kept(write_pack(args.path, profiles_from_roster(units, args.source[0].name), args.force))
        print(f"已把名册中的 {len(units)} 个单位写成单位档案：{args.path}/（每个单位一个 .yaml 文件）")
    return 0
