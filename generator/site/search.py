"""The search index our worker (assets/search-worker.js) reads.

Material's search plugin writes search/search_index.json with HTML in every entry. Our engine
matches character n-grams on plain text, so the index keeps plain text only: smaller to load,
nothing to strip in the browser. The offline plugin's copy (search_index.js, read by pages
opened from file://) is rewritten with the same data.
"""

import html
import json
import re
from pathlib import Path

TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"[\s\u200b]+")


def plain(markup: str) -> str:
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", markup))).strip()


def compact_index(site: Path) -> None:
    folder = site / "search"
    index = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    index["docs"] = [{"location": d["location"], "title": plain(d["title"]), "text": plain(d["text"])}
                     for d in index["docs"]]
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    (folder / "search_index.json").write_text(data, encoding="utf-8")
    (folder / "search_index.js").write_text(f"var __index = {data}", encoding="utf-8")
