"""GB/T 9704-2012 page format for .docx: the one home for every format rule, and the builders that apply it.

Sizes, margins, line grid, styles and page numbers are set here; font names come from ..fonts.
"""

import io
import logging
from datetime import datetime
from itertools import accumulate, combinations, pairwise

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..archive import normalized
from ..fonts import FONTS
from .ooxml import PPR_ORDER, RPR_ORDER, TBLPR_ORDER, TCPR_ORDER, THEME_ATTRS, set_child

TITLE_PT = 22          # 2号
BODY_PT = 16           # 3号
TABLE_PT = 12          # 小4号: dense tables stay readable in a 156 mm text width
TABLE_LINE_TWIPS = 300  # exact 15 pt: a table row grows by 5.3 mm a line, in Word and LibreOffice alike
LIST_PT = 10.5         # 5号: the landscape lists (责任清单, 任务分解表), a duty in two or three lines
LIST_LINE_TWIPS = 270  # exact 13.5 pt
PAGE_NUMBER_PT = 14    # 4号
LINE_TWIPS = 579       # exact 28.95 pt: 22 lines in the 225 mm text area
TITLE_LINE_TWIPS = 720  # exact 36 pt for the 22 pt title, off the line grid (else it takes two grid lines)
CHAR_TWIPS = BODY_PT * 20
CELL_MARGIN_TWIPS = 57  # 1 mm each side: narrow columns (序号) keep two characters on one line
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
# Landscape pages (tables): the page turned, the binding margin on top.
LANDSCAPE_MARGINS_MM = {"top": 28, "bottom": 26, "left": 37, "right": 35}
LANDSCAPE_WIDTH_MM = PAGE_HEIGHT_MM - LANDSCAPE_MARGINS_MM["left"] - LANDSCAPE_MARGINS_MM["right"]
CHAR_MM = TEXT_WIDTH_MM / 28  # one character of body text on the 28-character grid
_EPOCH = datetime(2026, 1, 1)  # core properties of built templates


def set_run_format(rPr, font: str, size_pt: float) -> None:
    """Font in all four slots (East Asian included), theme fonts removed, never bold (GB/T 9704 sets no bold),
    size, zh-CN."""
    fonts = set_child(rPr, "rFonts", RPR_ORDER, ascii=font, hAnsi=font, eastAsia=font, cs=font, hint="eastAsia")
    for attr in THEME_ATTRS:
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for tag in ("b", "bCs"):
        if rPr.find(qn(f"w:{tag}")) is not None:
            rPr.remove(rPr.find(qn(f"w:{tag}")))
    half_points = str(round(size_pt * 2))
    set_child(rPr, "sz", RPR_ORDER, val=half_points)
    set_child(rPr, "szCs", RPR_ORDER, val=half_points)
    set_child(rPr, "lang", RPR_ORDER, val="en-US", eastAsia="zh-CN")


def set_paragraph_format(pPr, *, line_twips: int | None = LINE_TWIPS, first_chars: int = 0,
                         jc: str = "both", before: int = 0, after: int = 0, right_chars: int = 0,
                         left_chars: int = 0, grid: bool = True) -> None:
    """Exact line spacing (or single when None), indents in characters with a twips fallback, alignment."""
    if not grid:
        set_child(pPr, "snapToGrid", PPR_ORDER, val="0")
    spacing = {"before": str(before), "after": str(after)}
    if line_twips is None:
        spacing |= {"line": "240", "lineRule": "auto"}
    else:
        spacing |= {"line": str(line_twips), "lineRule": "exact"}
    set_child(pPr, "spacing", PPR_ORDER, **spacing)
    ind = set_child(pPr, "ind", PPR_ORDER)
    ind.attrib.clear()
    indents = {"firstLine": first_chars, "left": left_chars, "right": right_chars}
    for side, chars in indents.items():
        if chars or side == "firstLine":  # an explicit 0 overrides Normal's 2-character indent
            ind.set(qn(f"w:{side}Chars"), str(chars * 100))
            ind.set(qn(f"w:{side}"), str(chars * CHAR_TWIPS))
    set_child(pPr, "jc", PPR_ORDER, val=jc)


def _reset_style(style) -> tuple:
    """Drop a style's inherited look (theme fonts, colours, borders) and return fresh (pPr, rPr)."""
    element = style.element
    for tag in ("w:pPr", "w:rPr"):
        old = element.find(qn(tag))
        if old is not None:
            element.remove(old)
    pPr, rPr = OxmlElement("w:pPr"), OxmlElement("w:rPr")
    tail = [element.find(qn(t)) for t in ("w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr")]
    anchor = next((t for t in tail if t is not None), None)
    for node in (pPr, rPr):
        if anchor is None:
            element.append(node)
        else:
            anchor.addprevious(node)
    return pPr, rPr


# name → (font, size, alignment, first-line indent in characters, outline level)
_PARAGRAPH_STYLES = {
    "Normal": (FONTS.body, BODY_PT, "both", 2, None),
    "Title": (FONTS.title, TITLE_PT, "center", 0, None),
    "Heading 1": (FONTS.heading1, BODY_PT, "both", 2, 0),
    "Heading 2": (FONTS.heading2, BODY_PT, "both", 2, 1),
    "Heading 3": (FONTS.body, BODY_PT, "both", 2, 2),
    "Heading 4": (FONTS.body, BODY_PT, "both", 2, 3),
}


def _style_paragraphs(doc: DocumentObject) -> None:
    for name, (font, size, jc, first, outline) in _PARAGRAPH_STYLES.items():
        style = doc.styles[name]
        pPr, rPr = _reset_style(style)
        set_run_format(rPr, font, size)
        set_child(rPr, "color", RPR_ORDER, val="000000")
        if name == "Title":
            set_paragraph_format(pPr, line_twips=TITLE_LINE_TWIPS, jc=jc, after=LINE_TWIPS, grid=False)
        else:
            set_paragraph_format(pPr, first_chars=first, jc=jc)
            set_child(pPr, "widowControl", PPR_ORDER)
        if name == "Normal":
            set_child(rPr, "spacing", RPR_ORDER, val="-5")  # −0.25 pt: 28 characters a line in LibreOffice
        if outline is not None:
            set_child(pPr, "keepNext", PPR_ORDER)
            set_child(pPr, "outlineLvl", PPR_ORDER, val=str(outline))


def _style_defaults(doc: DocumentObject) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rPr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_run_format(rPr, FONTS.body, BODY_PT)


def _add_cell_styles(doc: DocumentObject) -> None:
    """"Table Text": dense table cells; "List Text": landscape lists; "Form Text": body-size lines in signature
    blocks."""
    for name, size, line in (("Table Text", TABLE_PT, TABLE_LINE_TWIPS), ("List Text", LIST_PT, LIST_LINE_TWIPS),
                             ("Form Text", BODY_PT, LINE_TWIPS)):
        style = doc.styles.add_style(name, 1)
        style.base_style = doc.styles["Normal"]
        style.quick_style = True
        pPr, rPr = _reset_style(style)
        set_run_format(rPr, FONTS.body, size)
        set_paragraph_format(pPr, line_twips=line, jc="left", grid=False)


def _page(section, width_mm: float, height_mm: float, margins: dict[str, float]) -> None:
    section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])


def _page_setup(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    _page(section, PAGE_WIDTH_MM, PAGE_HEIGHT_MM, MARGINS_MM)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.attrib.clear()
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_TWIPS))


def _page_number(paragraph: Paragraph, jc: str) -> None:
    """"— 1 —" around a PAGE field, 1 character in from the outer edge."""
    pPr = paragraph._p.get_or_add_pPr()
    side = {"right": "right", "left": "left"}[jc]
    set_paragraph_format(pPr, line_twips=None, jc=jc)
    set_child(pPr, "ind", PPR_ORDER, **{side: str(PAGE_NUMBER_PT * 20)})
    pieces = [("text", "— "), ("fld", "begin"), ("instr", " PAGE "), ("fld", "separate"), ("text", "1"),
              ("fld", "end"), ("text", " —")]
    for kind, value in pieces:
        run = paragraph.add_run()
        set_run_format(run._r.get_or_add_rPr(), FONTS.page_number, PAGE_NUMBER_PT)
        if kind == "text":
            run.text = value
        elif kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = value
            run._r.append(instr)
        else:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), value)
            run._r.append(field)


def _footers(doc: DocumentObject) -> None:
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    _page_number(section.footer.paragraphs[0], "right")
    _page_number(section.even_page_footer.paragraphs[0], "left")


_UNUSED_PARTS = ("stylesWithEffects", "thumbnail", "customXml")  # python-docx's sample leftovers


def _drop_unused_parts(doc: DocumentObject) -> None:
    for rels in (doc.part.rels, doc.part.package.rels):
        for rId, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _UNUSED_PARTS:
                del rels[rId]


def new_document() -> DocumentObject:
    """An empty A4 document with GB/T 9704 styles, page setup and odd/even page numbers."""
    doc = Document()
    _drop_unused_parts(doc)
    _style_defaults(doc)
    _style_paragraphs(doc)
    _add_cell_styles(doc)
    _page_setup(doc)
    _footers(doc)
    for paragraph in list(doc.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    return doc


def paragraph(doc: DocumentObject, text: str = "", style: str | None = None, **fmt) -> Paragraph:
    """A paragraph; keyword arguments override set_paragraph_format defaults on this paragraph only."""
    para = doc.add_paragraph(text, style)
    if fmt:
        set_paragraph_format(para._p.get_or_add_pPr(), **fmt)
    return para


def title(doc: DocumentObject, text: str) -> Paragraph:
    return doc.add_paragraph(text, "Title")


def title_from(doc: DocumentObject, key: str) -> Paragraph:
    """A title whose lines are the context list `key`, a line break between them (docxtpl run tags, which
    docxtpl removes with their runs)."""
    para = doc.add_paragraph(style="Title")
    para.add_run(f"{{%r for line in {key} %}}")
    para.add_run("{{ line }}")
    para.add_run("{%r if not loop.last %}")
    para.add_run().add_break()
    para.add_run("{%r endif %}")
    para.add_run("{%r endfor %}")
    return para


def heading(doc: DocumentObject, level: int, text: str) -> Paragraph:
    """一、(黑体) → （一）(楷体) → 1.(仿宋) → （1）(仿宋): the number is part of `text`."""
    return doc.add_paragraph(text, f"Heading {level}")


def flush_left(doc: DocumentObject, text: str) -> Paragraph:
    """Addressee or party line: no first-line indent."""
    return paragraph(doc, text, first_chars=0, jc="left")


def landscape(section) -> None:
    """Turn a section's pages for a wide table; its footers stay those of the document."""
    section.orientation = WD_ORIENT.LANDSCAPE
    _page(section, PAGE_HEIGHT_MM, PAGE_WIDTH_MM, LANDSCAPE_MARGINS_MM)
    section.footer_distance = Mm(15)


def landscape_section(doc: DocumentObject) -> None:
    """What follows starts on a new, landscape page."""
    landscape(doc.add_section(WD_SECTION_START.NEW_PAGE))


def _tab_line(doc: DocumentObject, text: str, position_mm: float, alignment) -> Paragraph:
    para = paragraph(doc, f"\t{text}", first_chars=0, jc="left")
    para.paragraph_format.tab_stops.add_tab_stop(Mm(position_mm), alignment)
    return para


DATE_CHARS = 7.8  # 2026年2月15日 as printed: half-width digits, with the space set between digits and characters


def signoff(doc: DocumentObject, width_mm: float = TEXT_WIDTH_MM) -> None:
    """GB/T 9704 7.3.5.1, sealed: two blank lines for the seal, the issuer centred over the date, the date
    4 characters in from the right (a right tab, wherever the text ends); an issuer too long to centre there
    (context `signoff.centred` false) is set flush right. Takes the context's `signoff`."""
    date_end = width_mm - 4 * CHAR_MM
    doc.add_paragraph()
    doc.add_paragraph()
    tag(doc, "if signoff.centred")
    _tab_line(doc, "{{ signoff.issuer }}", date_end - DATE_CHARS * CHAR_MM / 2, WD_TAB_ALIGNMENT.CENTER)
    tag(doc, "else")
    paragraph(doc, "{{ signoff.issuer }}", first_chars=0, jc="right")
    tag(doc, "endif")
    _tab_line(doc, "{{ signoff.date }}", date_end, WD_TAB_ALIGNMENT.RIGHT)


def tag(doc: DocumentObject, statement: str) -> None:
    """A docxtpl paragraph tag ({%p for … %}, {%p if … %}) alone in its paragraph, which docxtpl removes."""
    doc.add_paragraph(f"{{%p {statement} %}}")


def keep_with_next(para: Paragraph) -> Paragraph:
    """Never the last line of a page: it moves along with what follows (the signatures keep body text above)."""
    set_child(para._p.get_or_add_pPr(), "keepNext", PPR_ORDER)
    return para


def annex_line(doc: DocumentObject, names: str) -> list[Paragraph]:
    """GB/T 9704 7.3.4: one blank line below the body, 2 characters in, "附件：" and the name."""
    return [doc.add_paragraph(), paragraph(doc, f"附件：{names}", first_chars=2, jc="left")]


def annex_heading(doc: DocumentObject, key: str | None = None, text: str = "") -> None:
    """The attachment's own first lines: "附件" flush left in 黑体, then its title (fixed `text`, or the lines
    of the context list `key`)."""
    para = paragraph(doc, "附件", first_chars=0, jc="left")
    set_run_format(para.runs[0]._r.get_or_add_rPr(), FONTS.heading1, BODY_PT)
    if key:
        title_from(doc, key)
    else:
        title(doc, text)


def _cell_paragraph(cell, text: str, jc: str, style: str, para: Paragraph | None = None) -> None:
    para = para or cell.paragraphs[0]
    para.style = style
    set_child(para._p.get_or_add_pPr(), "snapToGrid", PPR_ORDER, val="0")
    set_child(para._p.get_or_add_pPr(), "jc", PPR_ORDER, val=jc)
    if text:
        para.add_run(text)


def _row_properties(row, header: bool) -> None:
    trPr = row._tr.get_or_add_trPr()
    if header:
        trPr.append(OxmlElement("w:tblHeader"))
    trPr.append(OxmlElement("w:cantSplit"))


def _table_properties(table: Table, widths_mm: list[float], borders: bool) -> None:
    tblPr = table._tbl.tblPr
    total = str(sum(round(Mm(w).twips) for w in widths_mm))
    set_child(tblPr, "tblW", TBLPR_ORDER, w=total, type="dxa")
    set_child(tblPr, "jc", TBLPR_ORDER, val="center")
    set_child(tblPr, "tblLayout", TBLPR_ORDER, type="fixed")
    margins = set_child(tblPr, "tblCellMar", TBLPR_ORDER)
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    if not borders:
        edges = set_child(tblPr, "tblBorders", TBLPR_ORDER)
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            line = OxmlElement(f"w:{edge}")
            line.set(qn("w:val"), "nil")
            edges.append(line)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)


def table(doc: DocumentObject, widths_mm: list[float], rows: list[list[str]], header: bool = True,
          borders: bool = True, centre: tuple[int, ...] = (), style: str = "Table Text") -> Table:
    """A fixed-width table: widths in tblGrid and every tcW, header row repeated, no row split across pages.

    `rows` are cell texts; columns listed in `centre` are centred.
    """
    table_ = doc.add_table(rows=len(rows), cols=len(widths_mm))
    if borders:
        table_.style = doc.styles["Table Grid"]
    _table_properties(table_, widths_mm, borders)
    for index, (row, texts) in enumerate(zip(table_.rows, rows, strict=True)):
        _row_properties(row, header and index == 0)
        for column, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
            cell.width = Mm(widths_mm[column])
            tcPr = cell._tc.get_or_add_tcPr()
            set_child(tcPr, "vAlign", TCPR_ORDER, val="center")
            centred = (header and index == 0) or column in centre
            _cell_paragraph(cell, text, "center" if centred else "left", style)
    return table_


def signature_table(doc: DocumentObject, left: list[str], right: list[str]) -> Table:
    """Two borderless columns (甲方 | 乙方), a line per paragraph, in one row that never splits: the
    signatures and seals stay together on one page."""
    half = TEXT_WIDTH_MM / 2
    block = table(doc, [half, half], [[left[0], right[0]]], header=False, borders=False, style="Form Text")
    for cell, lines in zip(block.rows[0].cells, (left, right), strict=True):
        set_child(cell._tc.get_or_add_tcPr(), "vAlign", TCPR_ORDER, val="top")
        for line in lines[1:]:
            _cell_paragraph(cell, line, "left", "Form Text", cell.add_paragraph())
    return block


def set_core_properties(doc: DocumentObject, title_text: str) -> None:
    """Fixed metadata so a rebuilt template is identical to the last one."""
    props = doc.core_properties
    props.title = title_text
    props.author = props.last_modified_by = "责任田"
    props.comments = ""
    props.revision = 1
    props.created = props.modified = _EPOCH


def document_bytes(doc: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalized(buffer.getvalue())


def reference_docx() -> bytes:
    """pandoc's reference.docx: the same styles, page and footers as the document pack."""
    doc = new_document()
    names = {style.name for style in doc.styles}
    for name in ("Body Text", "First Paragraph", "Compact"):
        style = doc.styles[name] if name in names else doc.styles.add_style(name, 1)
        style.base_style = doc.styles["Normal"]
        _reset_style(style)
    set_core_properties(doc, "学习手册")
    return document_bytes(doc)



# ---------------------------------------------------------------------------------------------
# Title lines (GB/T 9704 7.3.3: 排列对称，长短适宜，使用梯形或菱形)

TITLE_CHARS = {"portrait": 20, "landscape": 29}  # 2号 characters a title line holds in the text width


def text_width(text: str) -> float:
    """Width in full-width characters: Latin letters and digits take half a character."""
    return sum(0.5 if ord(c) < 0x2E80 else 1 for c in text)


def _words(part: str, limit: float) -> list[str]:
    """A part too long for a line, cut at word boundaries (jieba loads its dictionary in about a second,
    so only such parts ask it)."""
    if text_width(part) <= limit:
        return [part]
    import jieba  # noqa: PLC0415 - see above

    jieba.setLogLevel(logging.WARNING)  # it reports loading its dictionary on stderr
    return jieba.lcut(part, HMM=True)


def title_lines(parts: list[str], chars: int = TITLE_CHARS["portrait"]) -> list[str]:
    """A title as balanced lines: breaks only between `parts` (kept whole where they fit),
    as few lines as fit, the lines as even as can be (an upper line at least as long), never a lone character."""
    segments = [word for part in parts if part for word in _words(part, chars)]
    starts = list(accumulate((text_width(segment) for segment in segments), initial=0))
    if starts[-1] <= chars:
        return ["".join(segments)]
    widths = sorted({b - a for a, b in combinations(starts, 2) if 2 <= b - a <= chars})  # a line's possible widths
    for lines in range(2, len(segments) + 1):
        # try each of them as the narrowest line's width
        cuts = (_cuts(starts, lines, low, chars) for low in widths if low * lines <= starts[-1])
        found = [cut for cut in cuts if cut]
        if found:
            best = min(found, key=lambda cut: _evenness(starts, cut))
            return ["".join(segments[a:b]) for a, b in pairwise(best)]
    return ["".join(segments)]


def _evenness(starts: list[float], cut: tuple[int, ...]) -> tuple[float, float]:
    widths = [starts[b] - starts[a] for a, b in pairwise(cut)]
    return max(widths) - min(widths), -widths[0]


def _cuts(starts: list[float], lines: int, low: float, high: float) -> tuple[int, ...] | None:
    """Where `lines` lines of widths between `low` and `high` start (and the last ends), the widest line
    as narrow as can be, then the first line as long as can be; None if no such lines exist."""
    count = len(starts) - 1
    # widest[j][i]: the narrowest possible widest line when segments i… make j lines
    widest = [[None] * (count + 1) for _ in range(lines + 1)]
    for i in range(count):
        if low <= starts[count] - starts[i] <= high:
            widest[1][i] = starts[count] - starts[i]
    for j in range(2, lines + 1):
        for i in range(count):
            widest[j][i] = min((max(w, rest) for w, rest in _next_lines(starts, widest[j - 1], i, low, high)),
                               default=None)
    if widest[lines][0] is None:
        return None
    cut, i = [0], 0
    for j in range(lines, 1, -1):
        i = max(t for t in range(i + 1, count) if low <= starts[t] - starts[i] <= high
                 and widest[j - 1][t] is not None
                 and max(starts[t] - starts[i], widest[j - 1][t]) == widest[j][i])
        cut.append(i)
    return (*cut, count)


def _next_lines(starts: list[float], rest: list, i: int, low: float, high: float):
    """(width of a line from segment i to t, the widest of the lines after it) for every t that can end it."""
    for t in range(i + 1, len(starts) - 1):
        width = starts[t] - starts[i]
        if width > high:
            return
        if width >= low and rest[t] is not None:
            yield width, rest[t]
