"""The one place where paths the user gave become units: YAML profiles, rosters, and folders holding them.

`check`, `pack`, `burden` and `collect` all read their units here, so each takes a profile, a folder
of profiles or a roster alike, and reports one unit's mistakes without losing the others.
"""

from dataclasses import dataclass
from pathlib import Path

from ..problems import Place, ProblemsFound, display_path, internal_error
from .content import KnowledgeBase
from .profile import UnitRead, load_profile

PROFILE_SUFFIXES = (".yaml", ".yml")
WORKBOOK_SUFFIX = ".xlsx"


class MissingPath(Exception):
    """A path on the command line that does not exist: a usage error, not a problem in an input."""

    def __init__(self, path: Path):
        super().__init__(f"找不到文件或目录“{path}”")


@dataclass
class Inputs:
    units: list[UnitRead]
    workbooks: list[Path]  # the other Excel files: returned ledgers and score sheets, for collect


def read_inputs(kb: KnowledgeBase, paths: list[Path]) -> Inputs:
    """Every unit in the given files and folders, in order; a roster gives one per row of its 单位 sheet."""
    units: list[UnitRead] = []
    workbooks: list[Path] = []
    for path in input_files(paths):
        try:
            if path.suffix.lower() != WORKBOOK_SUFFIX:
                units.append(_read_profile(kb, path))
                continue
            # openpyxl takes a tenth of a second to import: only for workbooks
            from .roster import is_roster, read_roster

            if is_roster(path):
                units.extend(read_roster(path, kb))
            else:
                workbooks.append(path)
        except Exception as exc:  # a defect must not cost the other inputs of a batch their turn
            place = Place(display_path(path))
            units.append(UnitRead(place, problems=[internal_error(place, "读取", exc)]))
    return Inputs(units, workbooks)


def input_files(paths: list[Path]) -> list[Path]:
    """The given files, and the profiles and workbooks anywhere in the given folders (hidden and lock files skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file()
                         and p.suffix.lower() in (*PROFILE_SUFFIXES, WORKBOOK_SUFFIX)
                         and not p.name.startswith((".", "~$")))
        else:
            raise MissingPath(path)
    return found


def _read_profile(kb: KnowledgeBase, path: Path) -> UnitRead:
    try:
        loaded = load_profile(path, kb)
    except ProblemsFound as exc:
        return UnitRead(Place(display_path(path)), problems=exc.problems)
    return UnitRead(loaded.place, loaded)
