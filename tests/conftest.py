import fcntl
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CONTENT = ROOT / "content"
SHARED = ROOT.parent / "shared"  # the project's source documents: beside the developers' checkout, not the users'
IN_CI = os.environ.get("CI") == "true"


@dataclass
class Run:
    code: int
    out: str
    err: str


# The code of this checkout, whatever the working folder (an editable install may point at another one).
COMMAND_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def zerentian(*args: str | Path, cwd: Path | None = None) -> Run:
    """Run the real command line, as a user would, in a separate process."""
    proc = subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd or ROOT, capture_output=True, text=True, encoding="utf-8", timeout=600, env=COMMAND_ENV,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def missing(message: str):
    """A test cannot run here: a skip on a developer's machine, a failure in CI."""
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def require_tool(name: str) -> str:
    """A system tool the test drives."""
    path = shutil.which(name)
    if path is None:
        missing(f"{name} is not installed (apt-get install it; .ci/run does)")
    return path


def require_shared() -> Path:
    """The source documents, for the checks of fidelity to them."""
    if not (SHARED / "seeds").is_dir():
        missing(f"no source documents at {SHARED}: fidelity checks need the project's shared/ folder")
    return SHARED


@pytest.fixture(scope="session")
def kb():
    """The knowledge base, as every command loads it."""
    from generator.load import load_content

    return load_content(CONTENT)


def flat(text: str) -> str:
    """Text without page numbers, spaces or line breaks: what a sentence says, however it wraps in a PDF."""
    return re.sub(r"\s+", "", re.sub(r"—\s*\d+\s*—", "", text))


def tree(path: Path) -> dict[str, bytes]:
    """Every file under path with its bytes: to prove a failed command wrote nothing."""
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def built_once(tmp_path_factory, name: str, build: Callable[[Path], None]) -> Path:
    """`build(folder)` run once for the whole test session, even when xdist runs several workers.

    Each worker asks for it; the first builds under a lock in the folder the workers share,
    the others wait and reuse it.
    """
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            build(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def example_packs(tmp_path_factory) -> Path:
    """The examples' packs as a run of `pack examples` leaves them (manifests included), built once per session:
    copy them before changing anything."""

    def build(out: Path) -> None:
        run = zerentian("pack", EXAMPLES, "--out", out)
        assert run.code == 0, run.err

    return built_once(tmp_path_factory, "example-packs", build)


@pytest.fixture(scope="session")
def browser():
    from site_browser import chromium, find_chromium

    executable = find_chromium()
    if executable is None:
        missing("Chromium is not installed (apt-get install chromium; .ci/run does)")
    with chromium(executable) as launched:
        yield launched


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """Built once for the whole session, the way users build it."""

    def build(out: Path) -> None:
        run = zerentian("site", "--out", out)
        assert run.code == 0, run.err
        assert "知识网站已生成" in run.out

    return built_once(tmp_path_factory, "site", build)


@pytest.fixture(scope="session")
def served(site):
    from site_browser import serve

    with serve(site) as base:
        yield base


@pytest.fixture(scope="session")
def folder(site) -> str:
    """The site as a reader opens it from a shared folder."""
    return site.as_uri() + "/"


# Tests sharing a long build run on one xdist worker (make test: --dist loadgroup), so no worker sits waiting
# for the other to finish it. The example packs (two seconds) are left to whichever worker asks first.
SHARED_BUILDS = {"site": "site", "served": "site", "folder": "site", "printed": "printed"}


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items) -> None:
    """Tests that drive Chromium are `browser` tests, those of a shared slow build `slow` tests:
    `pytest -m "not browser and not slow"` is the quick part."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        group = next((SHARED_BUILDS[f] for f in fixtures if f in SHARED_BUILDS), None)
        if group:  # a built site or the LibreOffice conversions: seconds before the first of them runs
            item.add_marker(pytest.mark.xdist_group(group))
            item.add_marker(pytest.mark.slow)


@dataclass
class Printed:
    """The example packs, generated together and opened in LibreOffice: each file's PDF, read back."""

    packs: Path   # unit folder → the generated files
    pdfs: Path

    def pdf(self, unit: str, name: str) -> Path:
        """The PDF of one generated file (a workbook's PDF carries its extension in the name)."""
        stem, suffix = name.rsplit(".", 1)
        return self.pdfs / f"{unit}~{stem}{'' if suffix == 'docx' else '~' + suffix}.pdf"

    def text(self, unit: str, name: str, layout: bool = False) -> str:
        args = ["pdftotext", *(["-layout"] if layout else []), str(self.pdf(unit, name)), "-"]
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout

    def pages(self, unit: str, name: str) -> int:
        info = subprocess.run(["pdfinfo", str(self.pdf(unit, name))], capture_output=True, text=True, check=True)
        return int(next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")))

    def files(self, unit: str, prefix: str = "", suffix: str = ".docx") -> list[str]:
        return sorted(p.name for p in (self.packs / unit).iterdir() if p.name.startswith(prefix) and p.suffix == suffix)


def _print_examples(folder: Path) -> None:
    from generator.fonts import fontconfig_file

    packs, sources, pdfs = folder / "packs", folder / "in", folder / "pdf"
    run = zerentian("pack", EXAMPLES, "--out", packs)
    assert run.code == 0, run.err
    sources.mkdir(parents=True)
    for path in packs.rglob("*"):
        if path.suffix == ".docx" or path.name == "05-工作台账.xlsx":  # the ledger: the workbook printed most
            tag = "" if path.suffix == ".docx" else "~xlsx"
            shutil.copy(path, sources / f"{path.parent.name}~{path.stem}{tag}{path.suffix}")
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig_file())}
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'lo').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(pdfs), *map(str, sorted(sources.iterdir()))],
                   check=True, capture_output=True, timeout=900, env=env)


@pytest.fixture(scope="session")
def printed(tmp_path_factory) -> Printed:
    """Every .docx and the ledgers of the example packs converted by LibreOffice, once per test session."""
    for tool in ("soffice", "pdftotext", "pdfinfo"):
        require_tool(tool)
    folder = built_once(tmp_path_factory, "printed-examples", _print_examples)
    return Printed(folder / "packs", folder / "pdf")
