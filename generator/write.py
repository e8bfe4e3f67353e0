"""Stage 4: put files on disk atomically, so a crash never leaves half a file."""

import os
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".~", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


_FORBIDDEN = str.maketrans({c: "_" for c in '\\/:*?"<>|'} | {chr(i): "_" for i in range(32)})
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_filename(name: str, limit: int = 80) -> str:
    """A Windows-safe file or folder name: no \\/:*?"<>|, no trailing dot or space, bounded, never '..'."""
    cleaned = name.translate(_FORBIDDEN).strip().rstrip(". ")
    cleaned = cleaned[:limit].rstrip(". ") or "未命名"
    if cleaned.split(".")[0].upper() in _RESERVED or set(cleaned) <= {"."}:
        cleaned = f"_{cleaned}"
    return cleaned
