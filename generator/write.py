"""Stage 4: put files on disk atomically, so a crash never leaves half a file."""

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .filenames import safe_filename


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp creates owner-only files; generated files are shared (intranet servers, shared folders).
_FILE_MODE = 0o666 & ~_umask()


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".~", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


MANIFEST = ".zerentian-manifest.json"


@dataclass
class WriteResult:
    kept: list[Path] = field(default_factory=list)  # edited by the user since we wrote them
    removed: list[Path] = field(default_factory=list)  # generated last time, unedited, no longer part of the pack


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_pack(folder: Path, files: dict[str, bytes], force: bool = False) -> WriteResult:
    """Write a unit's files; a file the user edited since the last run is kept unless `force`.

    The manifest records what we last wrote, so "edited" means: differs from that record.
    A new folder is assembled beside its final place and renamed in, so a failure leaves nothing.
    """
    for name in files:
        if safe_filename(name) != name:
            raise ValueError(f"unsafe file name from a renderer: {name!r}")
    if not folder.exists():
        staging = folder.with_name(f".~{folder.name}")
        shutil.rmtree(staging, ignore_errors=True)
        try:
            result = _write_into(staging, files, force)
            os.replace(staging, folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return result
    return _write_into(folder, files, force)


def _drop_stale(folder: Path, manifest: dict, files: dict, force: bool, result: WriteResult) -> None:
    """A leader who left the profile takes their letters along, unless the user has edited them."""
    for name in [n for n in manifest if n not in files]:
        target = folder / name
        if not target.exists():
            del manifest[name]
        elif force or _digest(target.read_bytes()) == manifest[name]:
            target.unlink()
            del manifest[name]
            result.removed.append(target)
        else:
            result.kept.append(target)


def _write_into(folder: Path, files: dict[str, bytes], force: bool) -> WriteResult:
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = folder / MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    result = WriteResult()
    for name, data in files.items():
        target = folder / name
        digest = _digest(data)
        if target.exists():
            current = _digest(target.read_bytes())
            if current == digest:
                manifest[name] = digest
                continue
            if manifest.get(name) != current and not force:
                result.kept.append(target)
                continue
        write_bytes_atomic(target, data)
        manifest[name] = digest
    _drop_stale(folder, manifest, files, force, result)
    write_text_atomic(manifest_path, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
    return result
