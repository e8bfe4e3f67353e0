"""Stage 4: put files on disk atomically, one run at a time, and only inside the output folder.

A crash never leaves half a file: every file is written beside its place and renamed in. A lock
lets one run at a time write into an output folder; what an interrupted run left is cleared when
the next one starts. A manifest in each folder records what we wrote, so a file the user edited
is kept, a file we did not write is never removed, and symbolic links are never followed.
"""

import errno
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .filenames import safe_filename
from .limits import LOCK_WAIT_SECONDS, MANIFEST_BYTES
from .problems import Problem, ProblemsFound, clipped

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt

MANIFEST = ".zerentian-manifest.json"
LOCK = ".zerentian-lock"
TEMP_PREFIX = ".zerentian-tmp-"
# Temporary files of versions before the lock (mkstemp's ".~" + 8 characters); LibreOffice's ".~lock.*#" differ.
_OLD_TEMP = re.compile(r"^\.~[a-z0-9_]{8}\.(docx|xlsx|ics|json|zip|yaml)$")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp creates owner-only files; generated files are shared (intranet servers, shared folders).
_FILE_MODE = 0o666 & ~_umask()
_DIR_MODE = 0o777 & ~_umask()


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write beside `path` and rename: readers see the old file or the new one, never half of one.
    A symbolic link at `path` is replaced, never written through."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=path.suffix)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, path)
    except OSError as exc:  # name the file the user asked for, not our temporary one (a full disk names none)
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


# One writer per output folder.

@contextmanager
def locked(out: Path, waiting: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Hold `out` for this run alone: wait while another run writes there (calling `waiting` once),
    then clear the temporary files an interrupted run left behind."""
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), _FILE_MODE)
    try:
        if not _try_lock(fd):
            waiting()
            deadline = time.monotonic() + LOCK_WAIT_SECONDS
            while not _try_lock(fd):
                if time.monotonic() > deadline:
                    raise ProblemsFound([Problem(str(out), 1, 1, f"另一个 zerentian 命令正在写入这个文件夹，已等待 "
                                                                 f"{LOCK_WAIT_SECONDS // 60} 分钟仍未结束：请等它结束后再运行，"
                                                                 "或用 --out 换一个文件夹")])
                time.sleep(0.1)
        remove_orphans(out)
        yield
    finally:
        os.close(fd)  # releases the lock; the file stays, so no two runs ever lock two different files


def _try_lock(fd: int) -> bool:
    try:
        if fcntl:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, getattr(errno, "EDEADLOCK", errno.EDEADLK)):
            return False
        raise
    return True


def remove_orphans(out: Path) -> None:
    """Temporary files and folders of interrupted runs (only ever ours, by their names). A folder
    with a lock of its own (a report inside the site folder) is another command's output: left alone."""
    for root, dirs, files in os.walk(out):
        dirs[:] = [d for d in dirs if not os.path.lexists(os.path.join(root, d, LOCK))]
        for name in files:
            if name.startswith(TEMP_PREFIX) or _OLD_TEMP.match(name):
                Path(root, name).unlink(missing_ok=True)
        for name in [d for d in dirs if d.startswith(TEMP_PREFIX)]:
            dirs.remove(name)
            orphan = Path(root, name)
            if orphan.is_symlink():
                orphan.unlink()
            else:
                shutil.rmtree(orphan, ignore_errors=True)


# What we wrote, folder by folder.

@dataclass
class WriteResult:
    kept: list[Path] = field(default_factory=list)      # edited by the user since we wrote them, or not ours
    removed: list[Path] = field(default_factory=list)   # generated last time, unedited, no longer part of the pack
    released: list[Path] = field(default_factory=list)  # no longer part of the pack, but edited: kept, and now the user's
    notes: list[Problem] = field(default_factory=list)  # a damaged or tampered manifest, ignored in part or whole


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


NOT_A_FILE = "-"  # a link, a folder or a device where a file should be: never ours, never read


def _digest_of(path: Path) -> str | None:
    """The file's digest; None when nothing is there. Links are not followed."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(mode):
        return NOT_A_FILE
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


_DIGEST = re.compile(r"^[0-9a-f]{64}$")


def _plain_name(name: str) -> bool:
    return (name == safe_filename(name) and not name.startswith((TEMP_PREFIX, ".~"))
            and name not in (MANIFEST, LOCK))


def valid_name(name: str, nested: bool) -> bool:
    """A file name inside its folder: a plain name, or (for the site) a relative path of plain names."""
    return isinstance(name, str) and all(_plain_name(part) for part in (name.split("/") if nested else [name]))


class _Manifest:
    """name → the digests of what we wrote there. While files are being replaced both the old and the
    new digest are listed, so an interrupted run leaves no file looking edited."""

    def __init__(self, folder: Path, nested: bool):
        self.path = folder / MANIFEST
        self.nested = nested
        self.entries: dict[str, set[str]] = {}
        self.notes: list[Problem] = []
        self.found = os.path.lexists(self.path)
        self._on_disk: str | None = None  # the manifest's text as read or last saved
        self._read()

    def _note(self, message: str) -> None:
        self.notes.append(Problem(str(self.path), 1, 1, message, hint=True))

    def _read(self) -> None:
        try:
            info = os.lstat(self.path)
        except FileNotFoundError:
            return
        if not stat.S_ISREG(info.st_mode) or info.st_size > MANIFEST_BYTES:
            self._note("生成记录不是普通文件或大得异常，已忽略：本文件夹中现有的文件都当作您的文件保留")
            return
        try:
            text = self.path.read_text(encoding="utf-8")
            data = json.loads(text)
        except (ValueError, RecursionError):
            text = data = None
        if not isinstance(data, dict):
            self._note("生成记录已损坏，已忽略：本文件夹中现有的文件都当作您的文件保留，本次会重新记录")
            return
        refused = []
        for name, digests in data.items():
            digests = [digests] if isinstance(digests, str) else digests
            if (valid_name(name, self.nested) and isinstance(digests, list) and digests
                    and all(isinstance(d, str) and _DIGEST.match(d) for d in digests)):
                self.entries[name] = set(digests)
            else:
                refused.append(name)
        self._on_disk = text
        if refused:
            sample = "、".join(f"“{clipped(n)}”" for n in refused[:3]) + ("等" if len(refused) > 3 else "")
            self._note(f"生成记录中有 {len(refused)} 项不是本文件夹中的文件（{sample}），已忽略，不会改动或删除它们")

    def ours(self, name: str, digest: str | None) -> bool:
        return digest in self.entries.get(name, ())

    def save(self) -> None:
        """Written only when it changed: an unchanged pack of a whole county rewrites nothing."""
        entries = {name: sorted(d)[0] if len(d) == 1 else sorted(d) for name, d in self.entries.items()}
        text = json.dumps(entries, ensure_ascii=False, indent=1, sort_keys=True)
        if text != self._on_disk:
            write_text_atomic(self.path, text)
            self._on_disk = text


def _check_names(files: dict[str, bytes], nested: bool) -> None:
    for name in files:
        if not valid_name(name, nested):
            raise ValueError(f"unsafe file name from a renderer: {name!r}")


def _refuse_link(folder: Path, what: str) -> None:
    if folder.is_symlink():
        raise ProblemsFound([Problem(str(folder), 1, 1, f"{what}是一个符号链接（指向别处）：为免写到输出文件夹以外，"
                                                        "不会写入；请删除这个链接后重新运行")])


def write_pack(folder: Path, files: dict[str, bytes], force: bool = False) -> WriteResult:
    """Write a unit's files; a file the user edited since the last run is kept unless `force`.

    A new folder is assembled beside its final place and renamed in, so a failure leaves nothing.
    """
    _check_names(files, nested=False)
    _refuse_link(folder, "输出文件夹")
    if folder.exists():
        manifest = _Manifest(folder, nested=False)
        result = WriteResult(notes=manifest.notes)
        _sync(folder, files, force, manifest, result)
        return result
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=TEMP_PREFIX))
    try:
        os.chmod(staging, _DIR_MODE)
        _write_staged(staging, files)
        os.rename(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return WriteResult()


def _write_staged(folder: Path, files: dict[str, bytes]) -> None:
    """Files in a folder this run has just made (staging): nothing there to keep, and nobody sees them before
    the folder is renamed in, so no file needs a rename of its own."""
    manifest = _Manifest(folder, nested=False)
    for name, data in files.items():
        with open(folder / name, "xb") as handle:
            handle.write(data)
        manifest.entries[name] = {_digest(data)}
    manifest.save()


def refuse_foreign_folder(folder: Path, force: bool = False) -> None:
    """A site is not mixed into a folder of other files (one with no manifest of ours), unless `force`."""
    if force or not folder.is_dir() or _Manifest(folder, nested=True).found:
        return
    if any(p.name != LOCK for p in folder.iterdir()):
        raise ProblemsFound([Problem(str(folder), 1, 1, "输出目录不是空目录，也不是本程序生成的网站：为免与其中的文件混在一起，"
                                                        "请用 --out 指定一个新目录；确需生成在这里，请加 --force"
                                                        "（已有的文件都会保留，与网站文件同名的除外）")])


def refuse_collisions(folder: Path, files: dict[str, bytes], force: bool = False) -> None:
    """A file we did not write there, or that was edited, where the site writes one: refused, named, unless `force`."""
    if force or not folder.is_dir():
        return
    manifest = _Manifest(folder, nested=True)
    blocked = [name for name in files
               if (found := _digest_of(folder / name)) not in (None, _digest(files[name])) and not manifest.ours(name, found)]
    if blocked:
        sample = "、".join(blocked[:5]) + (f" 等 {len(blocked)} 个文件" if len(blocked) > 5 else "")
        raise ProblemsFound([*manifest.notes, Problem(str(folder), 1, 1, f"网站要写入的位置已有不是上次生成的（或已被修改的）文件：{sample}；"
                                                                          "为免覆盖，没有写入任何文件。请移走这些文件，"
                                                                          "或确认可以覆盖后加 --force（旧版本生成的网站也需加一次 --force）")])


def write_site(folder: Path, files: dict[str, bytes], force: bool = False) -> WriteResult:
    """Bring a built site into `folder`, touching only files we wrote there; see the two refusals above."""
    _check_names(files, nested=True)
    folder.mkdir(parents=True, exist_ok=True)
    refuse_foreign_folder(folder, force)
    refuse_collisions(folder, files, force)
    manifest = _Manifest(folder, nested=True)
    result = WriteResult(notes=manifest.notes)
    _sync(folder, files, force, manifest, result)
    return result


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` by its relative path with "/": a built site, to be written with write_site."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file() and not path.is_symlink()}


def _sync(folder: Path, files: dict[str, bytes], force: bool, manifest: _Manifest, result: WriteResult) -> None:
    pending = {}
    for name, data in files.items():
        digest, found = _digest(data), _digest_of(folder / name)
        if found == digest:
            manifest.entries[name] = {digest}
        elif found is None or force or manifest.ours(name, found):
            pending[name] = digest
        else:
            result.kept.append(folder / name)
    safe_dirs: set[Path] = set()
    for name, digest in pending.items():
        _confine(folder, (folder / name).parent, safe_dirs)
        manifest.entries[name] = manifest.entries.get(name, set()) | {digest}
    if pending:
        manifest.save()
    for name, digest in pending.items():
        write_bytes_atomic(folder / name, files[name])
        manifest.entries[name] = {digest}
    _drop_stale(folder, manifest, files, result)
    manifest.save()


def _confine(folder: Path, parent: Path, safe: set[Path]) -> None:
    """No folder between the output folder and a file may be a link: it could lead anywhere."""
    while parent != folder and parent not in safe:
        _refuse_link(parent, f"“{parent}”")
        safe.add(parent)
        parent = parent.parent


def _drop_stale(folder: Path, manifest: _Manifest, files: dict[str, bytes], result: WriteResult) -> None:
    """A leader who left the profile takes their letters along; what the user edited stays, even with --force."""
    for name in [n for n in manifest.entries if n not in files]:
        target = folder / name
        found = _digest_of(target)
        if found is not None and manifest.ours(name, found):
            target.unlink()
            result.removed.append(target)
            _prune(folder, target.parent)
        elif found is not None:
            result.released.append(target)
        del manifest.entries[name]


def _prune(folder: Path, parent: Path) -> None:
    """Folders emptied by removing stale site pages go too."""
    while parent != folder:
        try:
            parent.rmdir()
        except OSError:
            return
        parent = parent.parent
