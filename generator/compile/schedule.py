"""Frequencies expanded to due dates: the one place that knows what 年初 or 每季度 means in days."""

import calendar
from datetime import date, timedelta

from ..load.schema import Frequency
from ..vocabulary import PERIOD_LABELS

# Months each period spans, and the window each 年初/年中/年底 stands for (first month, last month).
PERIOD_MONTHS = {"year": 12, "half": 6, "quarter": 3, "month": 1}
WINDOW_MONTHS = {"年初": (1, 3), "年中": (6, 7), "年底": (11, 12)}

# How source wording states a rhythm, and how many times a year each word means (longest first, for regexes).
RHYTHM_WORDS = {"每季度": 4, "每半年": 2, "每月": 12, "季度": 4, "半年": 2, "每年": 1,
                "年初": 1, "年中": 1, "年底": 1, "年终": 1}


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def due_dates(frequency: Frequency, year: int) -> list[date]:
    """Every due date of one frequency within `year`, in order."""
    if frequency.dates:
        return sorted(date(year, *map(int, md.split("-"))) for md in frequency.dates)
    if frequency.window:
        first, last = WINDOW_MONTHS[frequency.window]
        return _spread(year, first, last, frequency.times)
    span = PERIOD_MONTHS[frequency.per]
    dates: list[date] = []
    for first in range(1, 13, span):
        dates.extend(_spread(year, first, first + span - 1, frequency.times))
    return dates


def _spread(year: int, first_month: int, last_month: int, times: int) -> list[date]:
    """`times` due dates closing equal parts of the months first..last (month ends when they divide evenly)."""
    months = last_month - first_month + 1
    if months % times == 0:
        step = months // times
        return [month_end(year, first_month + step * i - 1) for i in range(1, times + 1)]
    start = date(year, first_month, 1)
    days = (month_end(year, last_month) - start).days + 1
    return [start + timedelta(days=-(-days * i // times) - 1) for i in range(1, times + 1)]


def describe(frequency: Frequency) -> str:
    """The frequency as a clerk would write it in a 时限 column: 每季度1次、每年年底前."""
    if frequency.dates:
        days = "、".join(f"{int(m)}月{int(d)}日" for m, d in (md.split("-") for md in frequency.dates))
        return f"每年{days}前"
    if frequency.window:
        count = f"{frequency.times}次" if frequency.times > 1 else ""
        return f"每年{frequency.window}{count}"
    return f"{PERIOD_LABELS[frequency.per]}至少{frequency.times}次"
