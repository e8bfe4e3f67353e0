"""What the site's scripts read: the duties as a script, and the pack's blank list as the builder's template.

Scripts (not JSON) because browsers refuse to fetch files from a page opened from file://.
The duty fields kept are what `compile.select_duties` looks at, what a checklist prints (as the pack's 责任清单
does), and each duty's due dates; the risk fields are what `compile.select_risks` looks at and the pack prints for a
member's 分管 areas: expanded here by `compile.schedule`, so 本月要做什么 shows the dates a pack's
calendar would. The builder has no profile, so it shows the duties of units with subordinate units too
(select_duties' default).
"""

import base64
import json
import zipfile
from pathlib import Path

from ..compile.catalog import canonical_text
from ..compile.plan import BLANK, a_members_risk, deadline, risk_deadline
from ..compile.schedule import due_dates
from ..load.content import KnowledgeBase
from ..load.schema import Canonical
from ..vocabulary import DOMAINS, HOLDER_ROLES, LEVEL_LABELS, LIST_ROLES, PROFILE_LEVELS, READERS, ROLE_LABELS
from ..wording import cn_number
from .pages import citation_label, frequency_text

# Due dates depend on the year only through February: one common and one leap year stand for all years.
COMMON_YEAR, LEAP_YEAR = 2025, 2024


def month_days(duty: Canonical, year: int) -> list[str]:
    return [f"{d.month:02d}-{d.day:02d}" for d in due_dates(duty.frequency, year)] if duty.frequency else []


def duty_data(kb: KnowledgeBase, duty: Canonical) -> dict:
    shown = canonical_text(duty)
    common, leap = month_days(duty, COMMON_YEAR), month_days(duty, LEAP_YEAR)
    return {
        "id": duty.id, "level": duty.level, "role": duty.role, "domain": duty.domain, "areas": duty.areas,
        "category": duty.category, "title": shown.title, "text": shown.text, "measures": "；".join(shown.measures),
        "frequency": frequency_text(duty), "deadline": deadline(duty), "evidence": shown.evidence,
        "sources": [citation_label(kb, c) for c in kb.basis(duty)], "url": f"duties/{duty.id}.html",
        "due": common, **({"leap": leap} if leap != common else {}),
    }


def risk_data(kb: KnowledgeBase, risk) -> dict:
    return {"id": risk.id, "area": risk.area, "levels": risk.levels,
            "title": risk.title, "text": risk.text, "measures": "；".join(risk.measures),
            "sources": [citation_label(kb, c) for c in risk.sources]}


def duties_data(kb: KnowledgeBase) -> dict:
    return {
        "levels": [{"id": key, "short": short, "label": LEVEL_LABELS[key]} for short, key in PROFILE_LEVELS.items()],
        "roles": [{"id": key, "short": label, "holds": list(holds)} for key, (label, holds) in LIST_ROLES.items()],
        "holders": {role: {"section": LIST_ROLES[role][0], "label": ROLE_LABELS[role]} for role in HOLDER_ROLES},
        "readers": [{"label": label, "level": lists[0][0], "role": lists[0][1]} for label, lists in READERS.values()],
        "areas": [{"id": a.id, "name": a.name} for a in kb.areas.values()],
        "domains": list(DOMAINS),
        "blank": BLANK, "riskDeadline": risk_deadline(), "ordinals": [cn_number(i) for i in range(1, len(ROLE_LABELS) + 1)],
        "duties": [duty_data(kb, d) for d in kb.canonical.values()],
        "risks": [risk_data(kb, r) for r in kb.risks.values() if a_members_risk(r)],  # the lists are members' only
    }


def duties_script(kb: KnowledgeBase) -> str:
    payload = json.dumps(duties_data(kb), ensure_ascii=False, separators=(",", ":"))
    return f"window.ZERENTIAN_DUTIES = {payload};\n"


def list_templates(downloads: Path) -> dict[str, bytes]:
    """The pack's blank 责任清单 (.docx, .xlsx), out of a blank pack offered for download: the builder fills
    a copy with the reader's selection, so its files have the pack's format (GB/T 9704, the same columns)."""
    for pack in sorted(downloads.glob("空白文书-*.zip")):
        with zipfile.ZipFile(pack) as archive:
            found = {name.rsplit(".", 1)[1]: archive.read(name) for name in archive.namelist()
                     if name.endswith(("-责任清单.docx", "-责任清单.xlsx"))}
        if len(found) == 2:
            return found
    return {}


def files_script(templates: dict[str, bytes]) -> str:
    payload = {kind: base64.b64encode(data).decode("ascii") for kind, data in templates.items()}
    return f"window.ZERENTIAN_FILES = {json.dumps(payload)};\n"
