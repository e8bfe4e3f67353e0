"""Optional PDF copies through LibreOffice, many documents per call (starting it costs seconds)."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .fonts import fontconfig_file

BATCH = 60


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(documents: list[Path], outdir: Path) -> None:
    """Convert in batches into `outdir`; raise RuntimeError with LibreOffice's words if it fails."""
    soffice = find_soffice()
    if soffice is None:
        raise FileNotFoundError("soffice")
    if outdir.is_symlink():
        raise RuntimeError(f"“{outdir}”是一个符号链接（指向别处）：为免写到输出文件夹以外，不会写入；请删除这个链接后重新运行")
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig_file())}
    with tempfile.TemporaryDirectory(prefix="zerentian-lo-") as profile:
        for start in range(0, len(documents), BATCH):
            batch = [str(p) for p in documents[start:start + BATCH]]
            proc = subprocess.run(
                [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", str(outdir), *batch],
                capture_output=True, text=True, timeout=600,
                env=env,
            )
            if proc.returncode != 0:
                raise RuntimeError(proc.stderr.strip() or proc.stdout.strip())
