"""Page images for the README: the example township's documents as LibreOffice prints them.

Run: make images  (packs the examples, converts four documents to PDF, renders one page each at 60 dpi)
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.pdf import convert_to_pdf  # noqa: E402

TOWNSHIP = "中共青石镇委员会"
# image name → (document of the example township's pack, page)
PAGES = {
    "duty-list.png": ("01-责任清单.docx", 1),
    "letter.png": ("02-责任书-周立新与吴晓岚.docx", 1),
    "pledge.png": ("03-廉政承诺书-吴晓岚.docx", 1),
    "plan.png": ("04-实施方案.docx", 1),
}


def main(out: Path = ROOT / "images") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        packs = Path(tmp) / "packs"
        subprocess.run([sys.executable, "-m", "generator", "pack", str(ROOT / "examples"), "--out", str(packs)],
                       cwd=ROOT, check=True, capture_output=True)
        folder = packs / TOWNSHIP
        convert_to_pdf([folder / name for name, _ in PAGES.values()], Path(tmp) / "pdf")
        out.mkdir(exist_ok=True)
        for image, (name, page) in PAGES.items():
            pdf = Path(tmp) / "pdf" / f"{Path(name).stem}.pdf"
            stem = Path(tmp) / Path(image).stem
            subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                            str(pdf), str(stem)], check=True)
            shutil.copy(stem.with_suffix(".png"), out / image)
            print(f"{out / image}  ← {name}, page {page}")


if __name__ == "__main__":
    main()
