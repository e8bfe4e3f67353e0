"""Document pack benchmark: Word documents vs plain docxtpl, workbooks vs a plain openpyxl write of the same
workbook (each side by side), the whole pack, and a synthetic county.

Run: .venv/bin/python benchmarks/bench_pack.py [--repeats 15] [--skip-county] [--county-runs 3]
Prints medians and ratios measured in this one run; copy them into BENCHMARKS.md.
"""

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_county import write_county  # noqa: E402

from generator.compile import compile_unit  # noqa: E402
from generator.load import load_content, load_profile  # noqa: E402
from generator.pack import render_pack  # noqa: E402
from generator.render.documents import documents  # noqa: E402
from generator.render.fill import fill, plain_docxtpl  # noqa: E402
from generator.render.xlsx import Formula, pack_sheets, sheet_bytes  # noqa: E402


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def per_document(plan, repeats: int) -> None:
    """Each Word document filled both ways, interleaved so machine noise hits both alike."""
    fast, plain = [], []
    for _, template, context in documents(plan):
        fill(template, context)  # the one-time preparation per run is not a per-document cost
        f = [timed(fill, template, context) for _ in range(repeats)]
        p = [timed(plain_docxtpl, template, context) for _ in range(max(3, repeats // 3))]
        fast.append(statistics.median(f))
        plain.append(statistics.median(p))
    ratios = [p / f for f, p in zip(fast, plain, strict=True)]
    print(f"Word documents of the example township: {len(fast)}")
    print(f"  fill (ours) median per document:    {statistics.median(fast) * 1000:.2f} ms")
    print(f"  plain docxtpl render+save median:   {statistics.median(plain) * 1000:.2f} ms")
    print(f"  ratio of medians plain/ours:        {statistics.median(plain) / statistics.median(fast):.1f}x")
    print(f"  per-document ratio, min / median:   {min(ratios):.1f}x / {statistics.median(ratios):.1f}x")


def side_by_side(label: str, ours, theirs, items: list, repeats: int) -> None:
    """Each item written both ways, interleaved so machine noise hits both alike."""
    fast, plain = [], []
    for item in items:
        ours(item)
        fast.append(statistics.median(timed(ours, item) for _ in range(repeats)))
        plain.append(statistics.median(timed(theirs, item) for _ in range(max(3, repeats // 3))))
    print(f"{label}: {len(items)}")
    for name, times in (("ours", fast), ("plain", plain)):
        print(f"  {name:6} total of medians {sum(times) * 1000:7.2f} ms, largest {max(times) * 1000:6.2f} ms")
    print(f"  ratio plain/ours (totals): {sum(plain) / sum(fast):.1f}x")


def plain_openpyxl(sheet) -> bytes:
    """The same cells written the way openpyxl's tutorial does: a Font, Border and Alignment object on every
    cell and wb.save (our writer registers named styles once and gives each cell a name)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    side = Side(style="thin")
    wb = Workbook()
    ws = wb.active
    ws.title = sheet.kind
    ws.append([sheet.title])
    ws.append(list(sheet.columns))
    for values in sheet.rows:
        ws.append([f"={v.text}" if isinstance(v, Formula) else v for v in values])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.font = Font(name="仿宋_GB2312", size=11)
            cell.border = Border(left=side, right=side, top=side, bottom=side)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    with tempfile.TemporaryFile() as handle:
        wb.save(handle)
        handle.seek(0)
        return handle.read()


def whole_pack(kb, plan, repeats: int) -> None:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        files = render_pack(compile_unit(kb, plan.profile))
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"Whole pack of the example township (compile + {len(files)} files: docx, xlsx, ics):")
    print(f"  median {median * 1000:.0f} ms, {median / len(files) * 1000:.1f} ms per file")


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return total


def spin(count: int) -> int:
    total = 0
    for i in range(count):
        total += i * i
    return total


def machine_speed(jobs: int) -> str:
    """A fixed pure-Python workload, alone and on `jobs` processes at once: this virtual machine's speed drifts by a
    third within minutes, so each county run is printed beside what the machine gave just before it."""
    work = [10_000_000] * jobs
    alone = timed(lambda: [spin(n) for n in work]) / jobs
    with ProcessPoolExecutor(jobs) as pool:
        together = timed(lambda: list(pool.map(spin, work)))
    return f"reference workload {alone:.2f} s alone, {together:.2f} s on {jobs} processes at once"


def county(jobs: int) -> None:
    """The whole command as a user waits for it; CPU seconds and the load others put on the machine say how
    much of the wall time is ours."""
    load, speed = os.getloadavg()[0], machine_speed(jobs)
    with tempfile.TemporaryDirectory() as tmp:
        profiles = write_county(Path(tmp) / "profiles")
        peak = 0
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "generator", "pack", str(Path(tmp) / "profiles"),
                                 "--out", str(Path(tmp) / "out"), "--jobs", str(jobs)],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

        def sample() -> None:
            nonlocal peak
            while proc.poll() is None:
                peak = max(peak, tree_rss(proc.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc.communicate()
        sampler.join()
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        files = sum(1 for p in (Path(tmp) / "out").rglob("*") if p.is_file() and not p.name.startswith("."))
        print(f"Synthetic county ({len(profiles)} profiles: 1 county, 25 townships, 300 villages), --jobs {jobs}:")
        print(f"  exit {proc.returncode}, {files} files, wall {elapsed:.1f} s, CPU (process tree) {cpu:.1f} s, "
              f"peak memory (process tree) {peak / 2**20:.0f} MB, load average before {load:.1f}")
        print(f"  machine just before: {speed}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--skip-county", action="store_true")
    parser.add_argument("--county-runs", type=int, default=3)
    args = parser.parse_args()
    print(f"date {date.today()}, {os.cpu_count()} cores, {cpu_model()}, Python {platform.python_version()}")
    kb = load_content()
    plan = compile_unit(kb, load_profile(ROOT / "examples" / "青石镇.yaml", kb).profile)
    per_document(plan, args.repeats)
    side_by_side("Workbooks of the example township (ours: XlsxWriter, vs plain openpyxl)",
                 sheet_bytes, plain_openpyxl, list(pack_sheets(plan).values()), args.repeats)
    whole_pack(kb, plan, max(3, args.repeats // 3))
    if not args.skip_county:
        for _ in range(args.county_runs):  # a virtual machine's speed drifts: several runs, read their spread
            county(jobs=os.cpu_count() or 2)


if __name__ == "__main__":
    main()
