"""The pack pipeline, stage by stage: profile → plan → files → folder, for one unit or many.

One unit's failure never stops the others. Also the other things written from the same stages:
the blank templates, the site's downloads, and templates/ itself.
"""

import gc
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .archive import archive
from .batch import UnitOutcome
from .compile.catalog import catalog
from .compile.plan import UnitPlan, compile_blank, compile_unit
from .load.content import KnowledgeBase, load_content
from .problems import Place, Problem, ProblemsFound, internal_error, os_reason
from .render.documents import render_docx
from .render.handbook import render_handbook
from .render.ics import render_ics
from .render.starter import starter_text
from .render.templates import TEMPLATES, build_template
from .render.xlsx import render_xlsx
from .resources import TEMPLATES_DIR
from .vocabulary import PROFILE_LEVELS
from .write import WriteResult, write_bytes_atomic, write_pack


def render_pack(plan: UnitPlan) -> dict[str, bytes]:
    """Every file of one unit's pack, in memory: nothing is written until all of it rendered."""
    files = render_docx(plan)
    files.update(render_xlsx(plan))
    files["05-年度工作日历.ics"] = render_ics(plan)
    return files


def pack_one(kb: KnowledgeBase, outcome: UnitOutcome, force: bool) -> UnitOutcome:
    try:
        files = render_pack(compile_unit(kb, outcome.profile_model, outcome.related))
        outcome.result = write_pack(outcome.folder, files, force)
    except ProblemsFound as exc:
        outcome.problems = exc.problems
    except OSError as exc:
        outcome.problems = [outcome.place.problem(f"写入“{outcome.folder}”失败：{os_reason(exc, outcome.folder)}")]
    except Exception as exc:  # a defect must not cost the other units their packs
        outcome.problems = [internal_error(outcome.place, "生成", exc)]
    return outcome


def write_templates(kb: KnowledgeBase, out: Path, year: int, force: bool) -> tuple[list[WriteResult], list[Problem]]:
    """The blank documents, one folder per 层级, and the 学习手册 of the whole knowledge base;
    a folder that cannot be written does not stop the others."""
    folders = {f"空白-{level}": lambda level=level: render_pack(compile_blank(kb, level, year)) for level in PROFILE_LEVELS}
    folders["学习手册"] = lambda: {"学习手册.docx": render_handbook(catalog(kb))}
    results, problems = [], []
    for name, render in folders.items():
        try:
            results.append(write_pack(out / name, render(), force))
        except ProblemsFound as exc:
            problems.extend(exc.problems)
        except OSError as exc:
            problems.append(Place(str(out / name)).problem(f"写入失败：{os_reason(exc, out / name)}"))
    return results, problems


def write_downloads(kb: KnowledgeBase, folder: Path, year: int) -> None:
    """What the site offers to download: the 学习手册, each level's blank pack as one .zip, a starter profile."""
    write_bytes_atomic(folder / "学习手册.docx", render_handbook(catalog(kb)))
    for level in PROFILE_LEVELS:
        files = render_pack(compile_blank(kb, level, year))
        write_bytes_atomic(folder / f"空白文书-{level}.zip",
                           archive({f"空白文书-{level}/{name}": data for name, data in files.items()}))
        write_bytes_atomic(folder / f"单位档案模板-{level}.yaml", starter_text(level, year).encode("utf-8"))


_worker_kb: KnowledgeBase | None = None


def _init_worker(content: Path) -> None:
    """A forked worker has the parent's knowledge base already; a spawned one (Windows, macOS) loads it."""
    global _worker_kb
    if _worker_kb is None:
        _worker_kb = load_content(content)


def _pack_in_worker(args: tuple[UnitOutcome, bool]) -> tuple[WriteResult | None, list[Problem]]:
    done = pack_one(_worker_kb, *args)
    return done.result, done.problems  # what the parent reports: not the whole unit back


def pack_many(kb: KnowledgeBase, content: Path, units: list[UnitOutcome], force: bool,
              jobs: int) -> Iterator[UnitOutcome]:
    """Outcomes in input order; with jobs > 1 each worker has the knowledge base once."""
    global _worker_kb
    tasks = [(unit, force) for unit in units]
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield pack_one(kb, *task)
        return
    _worker_kb = kb if multiprocessing.get_start_method() == "fork" else None
    chunk = max(1, len(tasks) // (jobs * 32))  # small: neither worker idles at the end while the other finishes
    gc.freeze()  # forked workers share the parent's pages until written: the collector then leaves them alone
    try:
        with ProcessPoolExecutor(min(jobs, len(tasks)), initializer=_init_worker, initargs=(content,)) as pool:
            for unit, done in zip(units, pool.map(_pack_in_worker, tasks, chunksize=chunk), strict=True):
                unit.result, unit.problems = done
                yield unit
    finally:
        gc.unfreeze()


def rebuild_templates(folder: Path = TEMPLATES_DIR) -> None:
    """templates/*.docx from code: the same code gives the same bytes on every run."""
    for name in TEMPLATES:
        write_bytes_atomic(folder / name, build_template(name))
