"""A batch of units as a command takes them: each usable unit with its own output folder and the profiles of
its upper body and subunits found among the others; the rest with their problems.

`check` and `pack` share it, so whatever pack would refuse (two profiles of one unit too) check refuses first,
without loading the renderers.
"""

from dataclasses import dataclass, field
from pathlib import Path

from .compile.plan import Relatives, relatives
from .filenames import safe_filename
from .load.profile import Profile, UnitRead
from .problems import Place, Problem
from .write import WriteResult


@dataclass
class UnitOutcome:
    place: Place  # where the unit was read: its profile, or its row of a roster
    unit: str | None = None
    folder: Path | None = None
    result: WriteResult | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    profile_model: Profile | None = None
    related: Relatives = field(default_factory=Relatives)

    @property
    def ok(self) -> bool:
        return not self.problems


def assign_folders(units: list[UnitRead], out: Path) -> list[UnitOutcome]:
    """Give each usable unit its own folder under `out`, and find the profiles of its upper body and subunits
    among the others (their letters then read the same from both sides); the others carry their problems."""
    outcomes, folders = [], {}
    for read in units:
        outcome = UnitOutcome(read.place, problems=list(read.problems))
        outcomes.append(outcome)
        if not read.ok:
            continue
        loaded = read.loaded
        outcome.notes, outcome.unit = loaded.notes, loaded.profile.单位
        folder = out / safe_filename(loaded.profile.单位)
        if folder in folders:
            outcome.problems = [read.place.problem(f"单位“{outcome.unit}”与 {folders[folder]} 的输出目录相同："
                                                   "请确认是否重复，或改用不同的单位名称")]
            continue
        folders[folder] = read.place
        outcome.folder, outcome.profile_model = folder, loaded.profile
    models = [o.profile_model for o in outcomes if o.ok]
    for outcome in outcomes:
        if outcome.ok:
            outcome.related = relatives(outcome.profile_model, models)
    return outcomes
