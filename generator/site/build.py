"""Run mkdocs on the generated pages: docs/ and the pages from content/ go into a temporary
docs dir (never into the repository), mkdocs.yml supplies theme and plugins, the build is strict.
"""

import logging
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..load.content import KnowledgeBase
from ..problems import Problem, ProblemsFound
from ..resources import DOCS_DIR, MKDOCS_CONFIG
from . import search
from .export import duties_script, files_script, list_templates
from .pages import site_pages
from .slim import Slim

ASSETS = Path(__file__).resolve().parent / "assets"
OVERRIDES = Path(__file__).resolve().parent / "overrides"


def build_site(kb: KnowledgeBase, out: Path, downloads: Path | None = None, *,
               stock_search: bool = False) -> None:
    """The knowledge site into `out` (mkdocs empties it first: a staging folder, never the user's);
    files in `downloads` become the blank templates to download.

    `stock_search` keeps Material's own search (lunr + jieba): the benchmark's point of comparison.
    """
    out = out.resolve()
    with tempfile.TemporaryDirectory(prefix="zerentian-docs-") as tmp:
        docs = Path(tmp) / "docs"
        nav = _write_docs(kb, docs, downloads)
        config = load_config(str(MKDOCS_CONFIG), docs_dir=str(docs), site_dir=str(out), nav=nav)
        if not stock_search:  # our overrides: our search worker, short menus, no unused helpers (stock: Material's own)
            config.theme.dirs.insert(0, str(OVERRIDES))
            config.plugins["zerentian-slim"] = Slim()
        with _segmentation(stock_search), _quiet_jieba(), _warnings() as warnings:
            try:
                mkdocs_build(config)
            except MkDocsException as exc:
                problems = [Problem(str(MKDOCS_CONFIG), 1, 1, f"网站生成警告：{w}") for w in warnings]
                raise ProblemsFound([*problems, Problem(str(MKDOCS_CONFIG), 1, 1, f"网站生成失败（严格模式）：{exc}")]) from None
    if not stock_search:
        search.compact_index(out, [group.words for group in kb.synonyms.values()])


def _write_docs(kb: KnowledgeBase, docs: Path, downloads: Path | None) -> list:
    shutil.copytree(DOCS_DIR, docs)
    files = sorted(p.name for p in downloads.iterdir() if p.is_file()) if downloads else []
    templates = list_templates(downloads) if downloads else {}
    site = site_pages(kb, date.today().year, files, bool(templates))
    for relative, text in site.pages.items():
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    assets = docs / "assets" / "zerentian"
    shutil.copytree(ASSETS, assets)
    (assets / "duties-data.js").write_text(duties_script(kb), encoding="utf-8")
    if templates:
        (assets / "checklist-files.js").write_text(files_script(templates), encoding="utf-8")
    for name in files:
        (docs / "downloads").mkdir(exist_ok=True)
        shutil.copy2(downloads / name, docs / "downloads" / name)
    return site.nav


@contextmanager
def _segmentation(enabled: bool) -> Iterator[None]:
    """Material segments Chinese with jieba whenever it can import it; our engine does not need it."""
    from material.plugins.search import plugin

    saved = plugin.jieba
    if not enabled:
        plugin.jieba = None
    try:
        yield
    finally:
        plugin.jieba = saved


@contextmanager
def _quiet_jieba() -> Iterator[None]:
    """jieba prints its dictionary loading to stderr on its own logger."""
    logger = logging.getLogger("jieba")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _warnings() -> Iterator[list[str]]:
    """mkdocs logs why a strict build fails; keep the messages to report them."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
