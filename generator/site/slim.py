"""A lighter site, as the build writes it (nothing is written only to be deleted afterwards):

- theme files the site never loads are left out: Material's own search (the lunr scripts and its worker;
  our worker answers the search box) and the source maps of its scripts and styles, which only a
  browser's developer tools read;
- every page is written without the indentation of the theme's templates (a third of a duty page),
  and with the Chinese of the theme's page configuration as it is, not as escapes.
"""

import fnmatch
import re

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

UNUSED = ("assets/javascripts/lunr/*", "assets/javascripts/workers/search.*.min.js", "*.map")
_PREFORMATTED = re.compile(r"(<pre[\s>].*?</pre>|<textarea[\s>].*?</textarea>)", re.S)
_INDENT = re.compile(r"\n\s+")


def unindented(page: str) -> str:
    """The page with each line's leading whitespace removed, except inside <pre> and <textarea>;
    a line break stays a line break, so the text renders the same."""
    parts = _PREFORMATTED.split(page)
    return "".join(part if i % 2 else _INDENT.sub("\n", part) for i, part in enumerate(parts)).lstrip()


class Slim(BasePlugin):
    def on_files(self, files: Files, *, config) -> Files:
        for file in list(files):
            if any(fnmatch.fnmatch(file.src_uri, pattern) for pattern in UNUSED):
                files.remove(file)
        return files

    def on_env(self, env, *, config, files):
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
        return env

    def on_post_page(self, output: str, *, page, config) -> str:
        return unindented(output)
