"""Where the files the package ships with live: content/, templates/, docs/ and mkdocs.yml.

A wheel carries them inside the package (the build backend maps them to generator/_data/, see
pyproject.toml); an editable install finds them in the checkout beside the package. Either way
they are found from the package's own location, through importlib.resources.
"""

from importlib.resources import files
from pathlib import Path

PACKAGE = Path(str(files("generator")))  # wheels install unzipped and editable installs point at the checkout
_BUNDLED = PACKAGE / "_data"
_ROOT = _BUNDLED if _BUNDLED.is_dir() else PACKAGE.parent

CONTENT_DIR = _ROOT / "content"
TEMPLATES_DIR = _ROOT / "templates"
DOCS_DIR = _ROOT / "docs"
MKDOCS_CONFIG = _ROOT / "mkdocs.yml"
