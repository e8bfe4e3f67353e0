"""The collect pipeline: profiles → plans; returned workbooks matched to them → figures for each unit."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..compile.plan import UnitPlan, compile_unit
from ..load.content import KnowledgeBase
from ..load.profile import load_profile
from ..problems import Problem, ProblemsFound, display_path
from .figures import UnitFigures, unit_figures
from .read import match_returns


@dataclass
class Collected:
    units: list[UnitFigures]
    problems: list[Problem]


def collect(kb: KnowledgeBase, profiles: list[Path], workbooks: list[Path], as_of: date) -> Collected:
    """A bad profile or workbook is reported and skipped; every other unit is still counted."""
    problems: list[Problem] = []
    plans: dict[str, UnitPlan] = {}
    for path in profiles:
        try:
            plan = compile_unit(kb, load_profile(path, kb).profile)
        except ProblemsFound as exc:
            problems.extend(exc.problems)
            continue
        except Exception as exc:  # a defect must not cost the other units their figures
            problems.append(Problem(display_path(path), 1, 1, f"汇总失败（程序内部错误 {type(exc).__name__}）："
                                                              "其他单位不受影响，请把本档案和这条信息报给维护人员"))
            continue
        plans[plan.profile.单位] = plan
    returns, refused, found = match_returns(plans, workbooks)
    units = [unit_figures(plan, returns[unit], as_of, refused[unit]) for unit, plan in plans.items()]
    return Collected(units, problems + found)
