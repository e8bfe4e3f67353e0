"""Low-level WordprocessingML editing for python-docx: children inserted where the schema puts them.

LibreOffice forgives elements out of order; Word reports "unreadable content" or ignores them.
"""

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Children of w:rPr, w:pPr, w:tcPr, w:tblPr in schema order: Word rejects or ignores out-of-order elements.
RPR_ORDER = _names("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
                    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
                    "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath")
PPR_ORDER = _names("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr "
                    "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN "
                    "bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
                    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange")
TCPR_ORDER = _names("cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark")
TBLPR_ORDER = _names("tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
                     "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook")
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def set_child(parent, tag: str, order: tuple[str, ...] | list[str], **attrs: str):
    """Find or create w:`tag` under `parent` at its schema position and set its w: attributes."""
    element = parent.find(qn(f"w:{tag}"))
    if element is None:
        element = OxmlElement(f"w:{tag}")
        later = {qn(f"w:{t}") for t in order[order.index(tag) + 1:]}
        follower = next((child for child in parent if child.tag in later), None)
        if follower is None:
            parent.append(element)
        else:
            follower.addprevious(element)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element
