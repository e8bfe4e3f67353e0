"""Stage 3, render: a UnitPlan to the pack's files (Word, Excel, calendar), and a Catalog to the 学习手册.

Everything is rendered in memory; writing is the next stage's job.
"""
