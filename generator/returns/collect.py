"""The collect pipeline: units (profiles, rosters) → plans; returned workbooks matched to them → figures for each unit."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..compile.plan import UnitPlan, compile_unit
from ..load.content import KnowledgeBase
from ..load.profile import UnitRead
from ..problems import Problem, internal_error
from .figures import UnitFigures, unit_figures
from .read import match_returns


@dataclass
class Collected:
    units: list[UnitFigures]
    problems: list[Problem]


def collect(kb: KnowledgeBase, units: list[UnitRead], workbooks: list[Path], as_of: date) -> Collected:
    """A bad unit or workbook is reported and skipped; every other unit is still counted."""
    problems: list[Problem] = [p for unit in units for p in unit.problems]
    plans: dict[str, UnitPlan] = {}
    for unit in (u for u in units if u.ok):
        try:
            plan = compile_unit(kb, unit.loaded.profile)
        except Exception as exc:  # a defect must not cost the other units their figures
            problems.append(internal_error(unit.place, "汇总", exc))
            continue
        plans[plan.profile.单位] = plan
    returns, refused, found = match_returns(plans, workbooks)
    units = [unit_figures(plan, returns[unit], as_of, refused[unit]) for unit, plan in plans.items()]
    return Collected(units, problems + found)
