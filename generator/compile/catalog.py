"""The knowledge base arranged for reading, in the order a reader meets it: the 学习手册 walks this; the site's
pages use its grouping and its wording of canonical duties.
"""

from collections import defaultdict
from dataclasses import dataclass

from ..load.content import KnowledgeBase
from ..load.schema import Area, Canonical, Case, Form, Mechanism, Risk, Scheme, Source, Term
from ..vocabulary import HOLDER_ROLES, LEVELS
from .plan import in_words, unit_words


@dataclass(frozen=True)
class Catalog:
    duties: dict[tuple[str, str], list[Canonical]]   # (level, role) → canonical duties in the level's usual words
    cases: dict[str, list[Case]]                # group → cases
    forms: list[Form]
    schemes: list[Scheme]
    mechanisms: list[Mechanism]
    risks: list[tuple[Area, list[Risk]]]        # areas that have risk points, each with them
    terms: list[Term]                           # alphabetical by term
    sources: dict[str, Source]
    basis: dict[str, list[str]]                 # canonical duty id → its 依据 (central rules first)

    def citation(self, citation: str) -> tuple[Source, str]:
        """The source a "source/section" citation names, and the section's title."""
        source_id, section_id = citation.split("/", 1)
        source = self.sources[source_id]
        return source, next(s.title for s in source.sections if s.id == section_id)


def canonical_text(duty: Canonical) -> Canonical:
    """A canonical duty in its level's usual words (乡镇, 村, 党组 …), as readers meet it outside a pack."""
    return in_words(duty, unit_words(duty.level, ""))


def grouped(records, key) -> dict[str, list]:
    groups: dict[str, list] = defaultdict(list)
    for record in records:
        groups[key(record)].append(record)
    return dict(groups)


def catalog(kb: KnowledgeBase) -> Catalog:
    duties = {(level, role): [canonical_text(d) for d in kb.canonical.values()
                              if d.level == level and d.role == role]
              for level in LEVELS for role in HOLDER_ROLES}
    risks = [(area, [r for r in kb.risks.values() if r.area == area.id]) for area in kb.areas.values()]
    return Catalog(
        duties={key: found for key, found in duties.items() if found},
        cases=grouped(kb.cases.values(), lambda c: c.group),
        forms=list(kb.forms.values()),
        schemes=list(kb.schemes.values()),
        mechanisms=list(kb.mechanisms.values()),
        risks=[(area, found) for area, found in risks if found],
        terms=sorted(kb.terms.values(), key=lambda t: t.term),
        sources=dict(kb.sources),
        basis={d.id: kb.basis(d) for d in kb.canonical.values()},
    )
