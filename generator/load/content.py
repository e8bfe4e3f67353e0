"""Stage 1: read content/ into a validated, cross-checked KnowledgeBase."""

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from ..limits import CONTENT_FILE_BYTES
from ..problems import Problem, ProblemsFound
from ..resources import CONTENT_DIR
from ..vocabulary import SOURCE_STANDING
from .schema import (
    COLLECTIONS,
    Area,
    Canonical,
    Case,
    ContentFile,
    Duty,
    Exclusion,
    Form,
    Mechanism,
    Risk,
    Rule,
    Scheme,
    Source,
    Synonym,
    Term,
)
from .validation import closest, validate
from .yamlsource import YamlDocument, read_yaml

DEFAULT_CONTENT = CONTENT_DIR


@dataclass
class KnowledgeBase:
    sources: dict[str, Source] = field(default_factory=dict)
    duties: dict[str, Duty] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    forms: dict[str, Form] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=dict)
    schemes: dict[str, Scheme] = field(default_factory=dict)
    mechanisms: dict[str, Mechanism] = field(default_factory=dict)
    areas: dict[str, Area] = field(default_factory=dict)
    risks: dict[str, Risk] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    canonical: dict[str, Canonical] = field(default_factory=dict)
    excluded: dict[tuple[str, str], Exclusion] = field(default_factory=dict)  # (record id, level) → why
    synonyms: dict[str, Synonym] = field(default_factory=dict)

    def cited_records(self) -> Iterator[tuple[str, BaseModel]]:
        """Every record that cites sources, with its collection name."""
        for name in COLLECTIONS:
            if name in _UNCITED:
                continue
            for record in getattr(self, name).values():
                yield name, record

    def source_of(self, record) -> Source:
        """The source a record cites first: the one it stands on."""
        return self.sources[record.sources[0].split("/", 1)[0]]

    def citations(self) -> dict[tuple[str, str], list[str]]:
        """(source id, section id) → ids of the records citing it."""
        cited: dict[tuple[str, str], list[str]] = defaultdict(list)
        for _, record in self.cited_records():
            for citation in record.sources:
                source, section = citation.split("/", 1)
                cited[(source, section)].append(record.id)
        return cited

    def term_uses(self) -> dict[str, list[str]]:
        """Term id → ids of the records whose wording uses the term or one of its aliases."""
        texts = {record.id: _words(record) for name, record in self.cited_records() if name != "terms"}
        return {
            term.id: [rid for rid, text in texts.items() if any(w in text for w in (term.term, *term.aliases))]
            for term in self.terms.values()
        }

    def consolidated_by(self) -> dict[tuple[str, str], list[Canonical]]:
        """(source duty id, level) → the canonical duties of that level standing for it."""
        homes: dict[tuple[str, str], list[Canonical]] = defaultdict(list)
        for canonical in self.canonical.values():
            for record_id in canonical.consolidates:
                homes[(record_id, canonical.level)].append(canonical)
        return homes

    def unaccounted(self) -> list[tuple[str, str]]:
        """(duty id, level) of every unscoped source duty that no canonical duty of the level stands
        for and no exclusion explains: the gaps between the sources and what units are given."""
        homes = self.consolidated_by()
        return [(duty.id, level) for duty in self.duties.values() if duty.scope is None for level in duty.levels
                if (duty.id, level) not in homes and (duty.id, level) not in self.excluded]

    def basis(self, canonical: Canonical) -> list[str]:
        """The 依据 of a canonical duty: its records' citations, central rules first, then local rules;
        参考材料 only where no rule covers it."""
        citations = list(dict.fromkeys(c for rid in canonical.consolidates for c in self.duties[rid].sources))
        standing = {kind: [c for c in citations if self.sources[c.split("/", 1)[0]].kind == kind]
                    for kind in SOURCE_STANDING}
        return standing["central"] + standing["local"] or standing["reference"]

    def areas_for(self, name: str) -> list[Area]:
        """The areas a 分管 entry names, by name, id or alias (组织 is both 组织人事 and 党建)."""
        return [area for area in self.areas.values() if name in (area.name, area.id, *area.aliases)]


_UNCITED = {"sources", "areas", "canonical", "excluded", "synonyms"}


def _words(record: BaseModel) -> str:
    """All the text a record shows a reader, joined: what a glossary term is looked up in."""
    def strings(value) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in {"id", "sources", "duties", "areas", "related", "area"}:
                    yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    return "\n".join(strings(record.model_dump()))


def content_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.yaml") if p.is_file())


def load_content(root: Path = DEFAULT_CONTENT) -> KnowledgeBase:
    """Load every file, then cross-check; raise ProblemsFound listing everything wrong."""
    if not root.is_dir():
        raise ProblemsFound([Problem(str(root), 1, 1, "找不到知识库目录：请检查 --content 参数")])
    kb = KnowledgeBase()
    origins: dict[str, tuple[YamlDocument, tuple]] = {}
    problems: list[Problem] = []
    exclusions: list[tuple[Exclusion, YamlDocument, tuple]] = []
    for path in content_files(root):
        try:
            doc = read_yaml(path, CONTENT_FILE_BYTES)
        except ProblemsFound as exc:
            problems.extend(exc.problems)
            continue
        parsed, found = validate(doc, ContentFile)
        problems.extend(found)
        if parsed is None:
            continue
        for index, exclusion in enumerate(parsed.excluded):
            exclusions.append((exclusion, doc, ("excluded", index)))
        for name in COLLECTIONS:
            if name == "excluded":
                continue
            for index, record in enumerate(getattr(parsed, name)):
                loc = (name, index)
                if record.id in origins:
                    first_doc, first_loc = origins[record.id]
                    first = first_doc.spot((*first_loc, "id"))
                    problems.append(doc.problem((*loc, "id"),
                                                f"id“{record.id}”重复（{first_doc.name}:{first.line} 已使用）：换一个 id"))
                    continue
                origins[record.id] = (doc, loc)
                getattr(kb, name)[record.id] = record
    if problems:  # records of a broken file are missing: every reference to them would be a follow-on error
        raise ProblemsFound(problems)
    problems.extend(_exclusions(kb, exclusions))
    problems.extend(_cross_check(kb, origins))
    if problems:
        raise ProblemsFound(problems)
    return kb


def _cross_check(kb: KnowledgeBase, origins: dict[str, tuple[YamlDocument, tuple]]) -> list[Problem]:
    problems: list[Problem] = []

    def report(record_id: str, loc: tuple, message: str) -> None:
        doc, base = origins[record_id]
        problems.append(doc.problem((*base, *loc), message))

    def refs(record_id: str, field_name: str, targets: dict, what: str, values: list[str]) -> None:
        for i, value in enumerate(values):
            if value not in targets:
                report(record_id, (field_name, i), f"引用了不存在的{what}“{value}”{_did_you_mean(value, targets)}")

    for _, record in kb.cited_records():
        for i, citation in enumerate(record.sources):
            source_id, section_id = citation.split("/", 1)
            source = kb.sources.get(source_id)
            if source is None:
                report(record.id, ("sources", i), f"引用了不存在的来源“{source_id}”{_did_you_mean(source_id, kb.sources)}")
            elif section_id not in {s.id for s in source.sections}:
                sections = {s.id: s for s in source.sections}
                report(record.id, ("sources", i),
                       f"来源“{source_id}”没有章节“{section_id}”{_did_you_mean(section_id, sections)}："
                       f"请在 sources 中声明该章节或改正引用")
    for duty in kb.duties.values():
        refs(duty.id, "areas", kb.areas, "分管领域", duty.areas)
    for case in kb.cases.values():
        refs(case.id, "duties", kb.duties, "责任事项", case.duties)
    for mechanism in kb.mechanisms.values():
        refs(mechanism.id, "duties", kb.duties, "责任事项", mechanism.duties)
    for risk in kb.risks.values():
        refs(risk.id, "area", kb.areas, "分管领域", [risk.area])
    for rule in kb.rules.values():
        if rule.superseded_by:
            refs(rule.id, "superseded_by", kb.rules, "规则", [rule.superseded_by])
    for term in kb.terms.values():
        refs(term.id, "related", kb.terms, "术语", term.related)
    for canonical in kb.canonical.values():
        refs(canonical.id, "consolidates", kb.duties, "责任事项", canonical.consolidates)
        refs(canonical.id, "areas", kb.areas, "分管领域", canonical.areas)
        if canonical.lead:
            refs(canonical.id, "lead", kb.areas, "分管领域", [canonical.lead])
    _check_synonyms(kb, report)
    homes = kb.consolidated_by()
    for (record_id, level), exclusion in kb.excluded.items():
        if (record_id, level) in homes:
            canonical = homes[(record_id, level)][0]
            report(canonical.id, ("consolidates",),
                   f"“{record_id}”在{level}层级既被本条归并，又被列为不采用（{exclusion.reason}）：二者只取其一")
    return problems


def _check_synonyms(kb: KnowledgeBase, report: Callable[[str, tuple, str], None]) -> None:
    """Each word in one group only; each group names a word the knowledge base uses, or search gains nothing by it."""
    seen: dict[str, str] = {}
    records = [record for _, record in kb.cited_records()] + list(kb.canonical.values())
    text = "\n".join(_words(record) for record in records)
    for group in kb.synonyms.values():
        for i, word in enumerate(group.words):
            if word in seen:
                report(group.id, ("words", i), f"“{word}”已在同义词组“{seen[word]}”中：一个词只放在一组")
            seen.setdefault(word, group.id)
        if not any(word in text for word in group.words):
            report(group.id, ("words",), "本组没有一个词出现在知识库中，搜索用不上它：至少写一个知识库用到的说法")


def _exclusions(kb: KnowledgeBase, found: list[tuple[Exclusion, YamlDocument, tuple]]) -> list[Problem]:
    """Index the exclusions by (record, level); each names a real duty, once per level."""
    problems = []
    for exclusion, doc, loc in found:
        if exclusion.record not in kb.duties:
            problems.append(doc.problem((*loc, "record"), f"引用了不存在的责任事项“{exclusion.record}”"
                                                          f"{_did_you_mean(exclusion.record, kb.duties)}"))
        for level in exclusion.levels:
            if (exclusion.record, level) in kb.excluded:
                problems.append(doc.problem((*loc, "record"),
                                            f"“{exclusion.record}”在 {level} 层级已列为不采用：删掉重复的一条"))
            kb.excluded[(exclusion.record, level)] = exclusion
    return problems


def _did_you_mean(value: str, candidates) -> str:
    close = closest(value, candidates)
    return f"，是不是“{close}”？" if close else ""
