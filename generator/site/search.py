"""The search index our worker (assets/search-worker.js) reads.

Material's search plugin writes search/search_index.json with HTML in every entry. Our engine
matches character n-grams on plain text, so the index keeps plain text only: smaller to load,
nothing to strip in the browser. The synonyms of content/ ride along in the index's config (the part
Material hands to the worker as it is).

Material's page script reads the index from search_index.json over HTTP and from search_index.js
(a script, the offline plugin's copy) when the site is opened from a folder. The index is kept once,
in the script: the JSON keeps only the config and an empty list of documents, and the worker loads
the script itself when it is handed no documents.
"""

import html
import json
import re
from pathlib import Path

TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"[\s\u200b]+")


def plain(markup: str) -> str:
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", markup))).strip()


def compact_index(site: Path, synonyms: list[list[str]]) -> None:
    folder = site / "search"
    index = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    index["config"]["synonyms"] = synonyms
    index["docs"] = [{"location": d["location"], "title": plain(d["title"]), "text": plain(d["text"])}
                     for d in index["docs"]]
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    (folder / "search_index.js").write_text(f"var __index = {data}", encoding="utf-8")
    stub = json.dumps({"config": index["config"], "docs": []}, ensure_ascii=False, separators=(",", ":"))
    (folder / "search_index.json").write_text(stub, encoding="utf-8")
