"""Filling the Word templates: docxtpl's rules, each template prepared once per process.

Filling follows docxtpl (autoescape on, StrictUndefined) but prepares each template once:
docxtpl patches the XML and Jinja compiles it at first use; each document then only renders
XML strings and writes the zip with the template's other parts copied as stored.
`plain_docxtpl` is the reference path (a fresh DocxTemplate per document) for tests and benchmarks.
"""

import io
import re
import zipfile
from dataclasses import dataclass
from functools import cache

from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, Template

from ..archive import Entry, deflated, file_entries, zip_bytes
from ..resources import TEMPLATES_DIR


def jinja_env() -> Environment:
    """docxtpl's settings with autoescape on and StrictUndefined: a missing value is an error."""
    return Environment(autoescape=True, undefined=StrictUndefined)


def plain_docxtpl(template_name: str, context: dict) -> bytes:
    """The reference path: load, render and save the template with docxtpl itself."""
    template = DocxTemplate(TEMPLATES_DIR / template_name)
    template.render(context, jinja_env(), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_TEMPLATED_PARTS = re.compile(r"word/(document|header\d*|footer\d*)\.xml")


@dataclass(frozen=True)
class Prepared:
    """A template ready to fill: its zip members in order, compiled Jinja for the parts with tags."""

    names: tuple[str, ...]
    entries: dict[str, Entry]
    compiled: dict[str, Template]
    helper: DocxTemplate  # docxtpl's own post-processing (listings: \n, \t in values)


def _part_source(helper: DocxTemplate, name: str, data: bytes) -> str:
    """A part's XML as docxtpl renders it: patched tags (docxtpl also puts each paragraph on a line of its own,
    only to quote the lines around a template error; the output is the same without)."""
    if name == "word/document.xml":
        xml = helper.xml_to_string(helper.docx.element)
    else:
        xml = data.decode("utf-8").split("?>", 1)[-1].lstrip()
    return helper.patch_xml(xml)


@cache
def prepare(template_name: str) -> Prepared:
    path = TEMPLATES_DIR / template_name
    helper = DocxTemplate(path)
    helper.init_docx()
    env = jinja_env()
    compiled = {}
    with zipfile.ZipFile(path) as package:
        names = tuple(package.namelist())
        for name in filter(_TEMPLATED_PARTS.fullmatch, names):
            source = _part_source(helper, name, package.read(name))
            if "{{" in source or "{%" in source:
                compiled[name] = env.from_string(source)
    return Prepared(names, file_entries(path), compiled, helper)


def _finish(helper: DocxTemplate, xml: str) -> bytes:
    """docxtpl's steps after Jinja: restore escaped braces, expand listings (newlines, tabs in values)."""
    if "{_" in xml or "_}" in xml:
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if any(c in xml for c in "\n\t\a\f"):
        xml = helper.resolve_listing(xml)
    return (_XML_DECLARATION + xml).encode("utf-8")


def fill(template_name: str, context: dict) -> bytes:
    """The fast path: render the prepared XML parts, copy the others as stored, write the zip."""
    prepared = prepare(template_name)

    def entry(name: str) -> Entry:
        template = prepared.compiled.get(name)
        if template is None:
            return prepared.entries[name]
        return deflated(name, _finish(prepared.helper, template.render(context)))

    return zip_bytes(map(entry, prepared.names))


