"""学习手册: the whole knowledge base as one Word document, through pandoc, in the pack's styles."""

import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..compile.catalog import Catalog
from ..compile.plan import bands_text, rhythm
from ..vocabulary import LEVEL_LABELS, ROLE_LABELS, SOURCE_KIND_LABELS
from ..wording import cn_number
from . import gbt9704 as gb

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~^$&@:'\"])")


def md(text: str) -> str:
    """Text printed literally by pandoc: every ASCII punctuation mark escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _cite(book: Catalog, citations: Iterable[str]) -> str:
    shorts = [f"{book.citation(c)[0].short}{c.split('/', 1)[1]}" for c in citations]
    return md(f"（依据：{'；'.join(shorts)}）")


def _duty_section(book: Catalog) -> list[str]:
    lines = ["# 一、责任主体与责任事项"]
    levels = list(dict.fromkeys(level for level, _ in book.duties))
    for i, level in enumerate(levels, 1):
        lines.append(f"## （{cn_number(i)}）{md(LEVEL_LABELS[level])}")
        roles = [role for lv, role in book.duties if lv == level]
        for j, role in enumerate(roles, 1):
            lines.append(f"### {j}. {md(ROLE_LABELS[role])}")
            lines += [f"{md(d.title)}：{md(d.text)}（{md(rhythm(d))}）{_cite(book, book.basis[d.id])}"
                      for d in book.duties[(level, role)]]
    return lines


def _accountability_section(book: Catalog) -> list[str]:
    lines = ["# 二、责任追究"]
    for i, (group, cases) in enumerate(book.cases.items(), 1):
        lines.append(f"## （{cn_number(i)}）{md(group)}")
        lines += [f"{md(c.title)}：{md(c.text)}{_cite(book, c.sources)}" for c in cases]
    lines.append("## 问责方式")
    lines += [f"{md(f.name)}（{md(f.kind)}）{md(f.text or '')}{_cite(book, f.sources)}" for f in book.forms]
    return lines


def _assessment_section(book: Catalog) -> list[str]:
    lines = ["# 三、考核评价"]
    for i, scheme in enumerate(book.schemes, 1):
        lines.append(f"## （{cn_number(i)}）{md(scheme.title)}")
        lines.append(f"考核对象：{md(scheme.subject)}{_cite(book, scheme.sources)}")
        lines += [f"考核方式：{md(m)}" for m in scheme.methods]
        lines += [f"考核内容：{md(item.title)}{md('：' + item.text) if item.text else ''}" for item in scheme.items]
        if scheme.bands:
            lines.append(f"等次划分：{md(bands_text(scheme.bands))}")
    return lines


def _mechanism_section(book: Catalog) -> list[str]:
    lines = ["# 四、工作机制"]
    lines += [f"{md(m.name)}（{md(m.category)}）：{md(m.text)}{_cite(book, m.sources)}" for m in book.mechanisms]
    return lines


def _risk_section(book: Catalog) -> list[str]:
    lines = ["# 五、廉政风险点"]
    for i, (area, risks) in enumerate(book.risks, 1):
        lines.append(f"## （{cn_number(i)}）{md(area.name)}")
        lines += [f"{md(r.title)}：{md(r.text)}防控措施：{md('；'.join(r.measures))}。{_cite(book, r.sources)}"
                  for r in risks]
    return lines


def _glossary_and_sources(book: Catalog) -> list[str]:
    lines = ["# 六、术语"]
    lines += [f"{md(t.term)}：{md(t.definition)}{_cite(book, t.sources)}" for t in book.terms]
    lines.append("# 七、依据文件")
    for source in book.sources.values():
        when = f"，{source.date or source.year}" if (source.date or source.year) else ""
        issuer = f"，{source.issuer}" if source.issuer else ""
        lines.append(md(f"《{source.title}》（{SOURCE_KIND_LABELS[source.kind]}{issuer}{when}）"))
    return lines


def handbook_markdown(book: Catalog) -> str:
    blocks = [*_duty_section(book), *_accountability_section(book), *_assessment_section(book),
              *_mechanism_section(book), *_risk_section(book), *_glossary_and_sources(book)]
    return "% 全面从严治党责任制学习手册\n\n" + "\n\n".join(blocks) + "\n"


def render_handbook(book: Catalog) -> bytes:
    """The whole knowledge base as one Word 学习手册, in the pack's GB/T 9704 styles."""
    import pypandoc  # only the handbook needs pandoc

    with tempfile.TemporaryDirectory(prefix="zerentian-handbook-") as tmp:
        reference, output = Path(tmp) / "reference.docx", Path(tmp) / "handbook.docx"
        reference.write_bytes(gb.reference_docx())
        pypandoc.convert_text(handbook_markdown(book), "docx", format="markdown-smart", outputfile=str(output),
                              extra_args=[f"--reference-doc={reference}"])
        return output.read_bytes()
