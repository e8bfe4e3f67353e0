"""The checklist builder's data: the knowledge base as a script the browser can load.

A script (not JSON) because browsers refuse to fetch files from a page opened from file://.
The fields kept are exactly what `compile.select_duties` looks at, plus what a checklist prints; the builder
has no profile, so it shows the duties of units with subordinate units too (select_duties' default).
"""

import json

from ..load.content import KnowledgeBase
from ..vocabulary import DOMAINS, LEVEL_LABELS, PROFILE_DUTIES, PROFILE_LEVELS, ROLE_LABELS
from .pages import canonical_text, citation_label, frequency_text

# The four 责任 a checklist is made for: the profile's three, plus the group's collective duty.
CHECKLIST_ROLES = {"collective": "集体责任", **{role: label for label, role in PROFILE_DUTIES.items()}}


def checklist_data(kb: KnowledgeBase) -> dict:
    return {
        "levels": [{"id": key, "short": short, "label": LEVEL_LABELS[key]} for short, key in PROFILE_LEVELS.items()],
        "roles": [{"id": key, "short": short, "label": ROLE_LABELS[key]} for key, short in CHECKLIST_ROLES.items()],
        "areas": [{"id": a.id, "name": a.name} for a in kb.areas.values()],
        "domains": list(DOMAINS),
        "duties": [
            {
                "id": d.id, "level": d.level, "role": d.role, "domain": d.domain, "areas": d.areas,
                "category": d.category, "title": shown.title, "text": shown.text,
                "frequency": frequency_text(d), "evidence": shown.evidence,
                "sources": [citation_label(kb, c) for c in kb.basis(d)], "url": f"duties/{d.id}.html",
            }
            for d in kb.canonical.values() for shown in [canonical_text(d)]
        ],
    }


def checklist_script(kb: KnowledgeBase) -> str:
    payload = json.dumps(checklist_data(kb), ensure_ascii=False, separators=(",", ":"))
    return f"window.ZERENTIAN_CHECKLIST = {payload};\n"
