"""Drive the built site in headless Chromium: shared by tests/test_site.py and benchmarks/bench_site.py."""

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]
WAIT_MS = 15_000
PLACEHOLDER = "键入以开始搜索"  # Material's zh text while the search box is empty


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A page closed while a file was still being sent is normal here, not worth a traceback."""


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """The site on http://127.0.0.1:<free port>/ from a thread, for as long as the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def find_chromium() -> str | None:
    return next(filter(None, map(shutil.which, BROWSER_NAMES)), None)


@contextmanager
def chromium(executable: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_search(page, url: str) -> None:
    """Open a page and wait until the search box answers (the index is loaded)."""
    page.goto(url)
    page.locator("input.md-search__input").focus()
    page.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent === t",
                           arg=PLACEHOLDER, timeout=WAIT_MS)


def search(page, query: str, base: str) -> list[str]:
    """Type a query into Material's search box; the pages of the results (relative to `base`), best first.

    Playwright's fill() sends no key events for Chinese and Material listens on keyup, so End is
    pressed after filling. Clearing first makes the next result list unambiguous.
    """
    box = page.locator("input.md-search__input")
    for value, change in (("", "==="), (query, "!==")):
        box.fill(value)
        box.press("End")
        page.wait_for_function(f"t => document.querySelector('.md-search-result__meta').textContent {change} t",
                               arg=PLACEHOLDER, timeout=WAIT_MS)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a:first-child", "els => els.map(e => e.href)")
    return [relative(h, base) for h in hrefs]


def relative(url: str, base: str) -> str:
    """'duties/x.html' from '<base>duties/x.html?h=…#part'."""
    return unquote(urlsplit(url[len(base):]).path)
