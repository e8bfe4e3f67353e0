"""The fonts every document names, and the installed faces that stand in for them when LibreOffice makes PDFs.

Word reads these names from the .docx; change one here and the templates, the 学习手册, the Excel files
and the PDF aliases all follow.
"""

import hashlib
import os
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Fonts:
    """Windows font names written into the .docx (Word substitutes silently when one is missing)."""

    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    heading1: str = "黑体"
    heading2: str = "楷体_GB2312"
    page_number: str = "宋体"


FONTS = Fonts()


class NotoFace(NamedTuple):
    family: str
    bold: bool = False


# Server-side PDF only: the installed Noto CJK face standing in for each Fonts field, one distinct
# face per role so title, body and headings stay distinct in LibreOffice.
NOTO_FACES: dict[str, NotoFace] = {
    "title": NotoFace("Noto Serif CJK SC", bold=True),
    "body": NotoFace("Noto Serif CJK SC"),
    "heading1": NotoFace("Noto Sans CJK SC", bold=True),
    "heading2": NotoFace("Noto Sans CJK SC"),
    "page_number": NotoFace("Noto Serif CJK SC"),
}
assert set(NOTO_FACES) == {f.name for f in fields(Fonts)}, "every Fonts field needs a Noto face"


def fontconfig(fonts: Fonts = FONTS) -> str:
    """A fontconfig file mapping each font name in `fonts` to its Noto face; the system config comes first."""
    matches = []
    for name, face in NOTO_FACES.items():
        weight = ('\n    <edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>'
                  if face.bold else "")
        matches.append(f"""  <match target="pattern">
    <test name="family"><string>{escape(getattr(fonts, name))}</string></test>
    <edit name="family" mode="assign" binding="strong"><string>{escape(face.family)}</string></edit>{weight}
  </match>""")
    return ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
            '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
            + "\n".join(matches) + "\n</fontconfig>\n")


def fontconfig_file(fonts: Fonts = FONTS) -> Path:
    """fontconfig(fonts) written to the temp dir, named by its content: point FONTCONFIG_FILE here."""
    text = fontconfig(fonts)
    path = Path(tempfile.gettempdir()) / f"zerentian-fonts-{hashlib.sha256(text.encode()).hexdigest()[:16]}.conf"
    try:
        if path.read_text(encoding="utf-8") == text:
            return path
    except OSError:
        pass
    handle, written = tempfile.mkstemp(prefix="zerentian-fonts-", suffix=".conf")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    try:
        os.replace(written, path)
    except OSError:
        return Path(written)  # another user's file holds the shared name: use this copy
    return path
