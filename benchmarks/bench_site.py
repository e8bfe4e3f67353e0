"""Knowledge site benchmark: our search against stock Material's, on the same pages, in one run.

    .venv/bin/python benchmarks/bench_site.py [--runs 3]

Prints medians and ratios (ours / stock) for: full build time, search index size (raw and gzipped),
time from opening a page to the first search results, query latency inside the search worker, and
the top-3 hit rate of tests/data/search_queries.yaml; then the whole `zerentian site` command as a
user runs it, and the size of the site it writes (bytes and files). Needs Chromium on PATH.
"""

import argparse
import gzip
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from site_browser import chromium, find_chromium, open_search, search, serve  # noqa: E402

from generator.load import load_content  # noqa: E402
from generator.site.build import build_site  # noqa: E402

QUERIES = yaml.safe_load((ROOT / "tests" / "data" / "search_queries.yaml").read_text(encoding="utf-8"))

# Runs in the page: a fresh worker of the site's own engine, the index handed over as Material does,
# then every query timed from postMessage to the answer.
WORKER_TIMING = """async ([workerUrl, indexUrl, queries]) => {
  const index = await (await fetch(indexUrl)).json()
  const worker = new Worker(workerUrl)
  const ask = message => new Promise(resolve => {
    worker.onmessage = event => resolve(event.data)
    worker.postMessage(message)
  })
  const started = performance.now()
  await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}})
  const setup = performance.now() - started
  const times = []
  for (const query of queries) {
    const t = performance.now()
    await ask({type: 2, data: query})
    times.push(performance.now() - t)
  }
  worker.terminate()
  return {setup, times}
}"""


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def timed_builds(kb, out: Path, runs: int, stock: bool) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        build_site(kb, out, stock_search=stock)
        times.append(time.perf_counter() - started)
    return times


def index_sizes(site: Path) -> tuple[int, int]:
    """The index as the browser loads it: Material's JSON, or ours in the script (the JSON is then a stub)."""
    data = max(((site / "search" / name).read_bytes() for name in ("search_index.json", "search_index.js")), key=len)
    return len(data), len(gzip.compress(data, 9))


def worker_url(site: Path) -> str:
    """The worker the site's pages use, as written into their configuration."""
    html = (site / "index.html").read_text(encoding="utf-8")
    marker = "assets/zerentian/search-worker.js"
    return marker if marker in html else next(
        p.relative_to(site).as_posix() for p in (site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))


def browser_figures(browser, site: Path, runs: int) -> dict:
    with serve(site) as base:
        ready = []
        for _ in range(runs):
            page = browser.new_page()
            started = time.perf_counter()
            open_search(page, base + "index.html")
            ready.append(time.perf_counter() - started)
            page.close()
        page = browser.new_page()
        page.goto(base + "index.html")
        timing = page.evaluate(WORKER_TIMING, [base + worker_url(site), base + "search/search_index.json",
                                               [q["query"] for q in QUERIES] * runs])
        page.close()
        page = browser.new_page()
        open_search(page, base + "index.html")
        hits = sum(q["expect"] in search(page, q["query"], base)[:3] for q in QUERIES)
        page.close()
    return {"ready": ready, "setup": timing["setup"] / 1000, "query": [t / 1000 for t in timing["times"]],
            "hit": hits / len(QUERIES)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    kb = load_content()
    rows = {}
    with tempfile.TemporaryDirectory() as tmp, chromium(find_chromium()) as browser:
        for name, stock in (("ours", False), ("stock", True)):
            site = Path(tmp) / name
            builds = timed_builds(kb, site, runs, stock)
            raw, gz = index_sizes(site)
            rows[name] = {"build": statistics.median(builds), "raw": raw, "gzip": gz,
                          **browser_figures(browser, site, runs)}

    print(f"date: {date.today()}  machine: nproc={os.cpu_count()}, CPU {cpu_model()}, Python {platform.python_version()}")
    print(f"content: {len(kb.duties)} duties, {len(QUERIES)} queries, {runs} runs (medians)")
    lines = [
        ("full build (s)", lambda r: r["build"], "{:.2f}"),
        ("index raw (KB)", lambda r: r["raw"] / 1024, "{:.0f}"),
        ("index gzip (KB)", lambda r: r["gzip"] / 1024, "{:.0f}"),
        ("page open → search ready (s)", lambda r: statistics.median(r["ready"]), "{:.2f}"),
        ("worker index setup (ms)", lambda r: r["setup"] * 1000, "{:.0f}"),
        ("query latency median (ms)", lambda r: statistics.median(r["query"]) * 1000, "{:.1f}"),
        ("query latency max (ms)", lambda r: max(r["query"]) * 1000, "{:.1f}"),
        ("top-3 hit rate", lambda r: r["hit"] * 100, "{:.0f} %"),
    ]
    print(f"{'':32}{'ours':>12}{'stock':>12}{'ours/stock':>12}")
    for label, value, fmt in lines:
        ours, stock = value(rows["ours"]), value(rows["stock"])
        ratio = f"{ours / stock:.2f}" if stock else "-"
        print(f"{label:32}{fmt.format(ours):>12}{fmt.format(stock):>12}{ratio:>12}")
    times, size, files = timed_command(runs)
    print(f"whole `zerentian site` command (load, downloads, build), median of {runs}: {statistics.median(times):.2f} s")
    print(f"site as written by the command: {size / 1e6:.1f} MB in {files} files")


def timed_command(runs: int) -> tuple[list[float], int, int]:
    """What a user waits for: the CLI from start, including the blank packs and handbook it offers;
    and the size of the site it writes."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "generator", "site", "--out", str(Path(tmp) / str(i))],
                           cwd=ROOT, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        written = [p for p in (Path(tmp) / "0").rglob("*") if p.is_file()]
        return times, sum(p.stat().st_size for p in written), len(written)


if __name__ == "__main__":
    main()
