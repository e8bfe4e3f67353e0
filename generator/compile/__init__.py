"""Stage 2, compile: what applies to a unit and when (UnitPlan), and the knowledge base arranged for reading."""

from .plan import UnitPlan, compile_blank, compile_unit, select_duties

__all__ = ["UnitPlan", "compile_blank", "compile_unit", "select_duties"]
