"""How much the example packs ask of their readers: items per holder, ledger rows, 责任清单 pages.

Runs `zerentian pack` on the examples of a checkout (this one, or --root for another commit's worktree, to
compare before and after in one run) and reads the results the way a clerk meets them: the 责任清单 workbook's
rows per 责任主体, the 工作台账's dated rows (and how many fall on 12-31), and the 责任清单 document's pages
once LibreOffice has laid it out.

    .venv/bin/python benchmarks/pack_size.py [--root DIR …]
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent


def pack(root: Path, out: Path) -> None:
    subprocess.run([sys.executable, "-m", "generator", "pack", str(root / "examples"), "--out", str(out)],
                   cwd=root, check=True, capture_output=True, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})


def column(ws, heading: str) -> tuple[int, int]:
    for row in ws.iter_rows(min_row=1, max_row=3):
        for cell in row:
            if cell.value == heading:
                return cell.column, cell.row
    raise KeyError(heading)


def items_per_holder(folder: Path) -> Counter:
    ws = load_workbook(folder / "01-责任清单.xlsx").active
    col, header = column(ws, "责任主体")
    return Counter(str(row[col - 1]) for row in ws.iter_rows(min_row=header + 1, values_only=True) if row[col - 1])


def ledger(folder: Path) -> tuple[int, int]:
    ws = load_workbook(folder / "05-工作台账.xlsx").active
    col, header = column(ws, "时间节点")
    dues = [row[col - 1] for row in ws.iter_rows(min_row=header + 1, values_only=True) if row[col - 1]]
    return len(dues), sum(1 for d in dues if (d.month, d.day) == (12, 31))


def pages(document: Path, outdir: Path) -> int:
    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation={(outdir / 'lo').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(document)], check=True, capture_output=True)
    info = subprocess.run(["pdfinfo", str(outdir / f"{document.stem}.pdf")], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def measure(root: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        pack(root, out)
        print(f"\n{root}  ({subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=root, capture_output=True, text=True).stdout.strip()})")
        for folder in sorted(p for p in out.iterdir() if p.is_dir()):
            rows, last_day = ledger(folder)
            print(f"  {folder.name}: 责任清单 {pages(folder / '01-责任清单.docx', Path(tmp))} 页；"
                  f"台账 {rows} 行，其中 12月31日 {last_day} 行")
            for holder, count in items_per_holder(folder).items():
                print(f"    {holder}: {count}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, action="append", help="a checkout to measure (default: this one)")
    for root in parser.parse_args().root or [ROOT]:
        measure(root.resolve())


if __name__ == "__main__":
    main()
