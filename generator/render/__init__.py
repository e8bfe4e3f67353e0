"""Stage 3: a UnitPlan rendered to files (Word, Excel, calendar), all in memory."""
