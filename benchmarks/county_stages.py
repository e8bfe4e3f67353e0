"""Where the synthetic county's time goes, in one process: each stage summed over all 326 units, a unit of each
level on average, and each kind of workbook.

    .venv/bin/python benchmarks/county_stages.py
"""

import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_county import write_county  # noqa: E402

from generator.batch import assign_folders  # noqa: E402
from generator.compile import compile_unit  # noqa: E402
from generator.load import load_content  # noqa: E402
from generator.load.units import read_inputs  # noqa: E402
from generator.render.documents import render_docx  # noqa: E402
from generator.render.ics import render_ics  # noqa: E402
from generator.render.xlsx import pack_sheets, sheet_bytes  # noqa: E402
from generator.write import write_pack  # noqa: E402

STAGES = ("compile", "Word", "Excel", "calendar", "writing")


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        profiles = write_county(Path(tmp) / "profiles")
        kb, loading = timed(load_content)
        inputs, reading = timed(read_inputs, kb, [Path(tmp) / "profiles"])
        units = assign_folders(inputs.units, Path(tmp) / "out")
        totals, per_level, counts = defaultdict(float), defaultdict(lambda: defaultdict(float)), defaultdict(int)
        sheets, sheet_counts = defaultdict(float), defaultdict(int)
        for unit in units:
            level = unit.profile_model.层级
            counts[level] += 1
            plan, spent = timed(compile_unit, kb, unit.profile_model, unit.related)
            files, word = timed(render_docx, plan)
            excel = 0.0
            for name, sheet in pack_sheets(plan).items():
                files[name], took = timed(sheet_bytes, sheet)
                sheets[sheet.kind] += took
                sheet_counts[sheet.kind] += 1
                excel += took
            files["05-年度工作日历.ics"], calendar = timed(render_ics, plan)
            _, writing = timed(write_pack, unit.folder, files)
            for stage, took in zip(STAGES, (spent, word, excel, calendar, writing), strict=True):
                totals[stage] += took
                per_level[level][stage] += took
        shutil.rmtree(Path(tmp) / "out")
    print(f"{len(profiles)} profiles, one process, {os.cpu_count()} cores on the machine")
    print(f"  reading the knowledge base {loading:.2f} s, the profiles {reading:.2f} s")
    print("  all units, s:   " + "  ".join(f"{stage} {totals[stage]:.2f}" for stage in STAGES)
          + f"  (sum {sum(totals.values()):.2f})")
    for level, spent in per_level.items():
        print(f"  a unit of {level} ({counts[level]}), ms: "
              + "  ".join(f"{stage} {spent[stage] / counts[level] * 1000:.1f}" for stage in STAGES))
    print("  a workbook, ms: " + "  ".join(f"{kind} {sheets[kind] / sheet_counts[kind] * 1000:.1f}" for kind in sheets))


if __name__ == "__main__":
    main()
