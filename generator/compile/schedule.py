"""Frequencies expanded to due dates: the one place that knows what 年初 or 每季度 means in days."""

import calendar
from datetime import date, timedelta
from functools import cache

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


def _month_day(day: date) -> str:
    return f"{day.month}月底" if day == month_end(day.year, day.month) else f"{day.month}月{day.day}日"


def due_words(frequency: Frequency) -> str:
    """When a list says a duty is due, from its due dates: 每季度末, 每半年末, 每月底, 3月底前, 7月底、12月底前."""
    return _due_words(frequency.per, frequency.times, frequency.window, tuple(frequency.dates))


@cache  # a pack asks for the same few rhythms thousands of times
def _due_words(per: str, times: int, window: str | None, dates: tuple[str, ...]) -> str:
    frequency = Frequency(per=per, times=times, window=window, dates=list(dates))
    days = due_dates(frequency, _ANY_YEAR)
    ends = all(d == month_end(d.year, d.month) for d in days)
    if ends and [d.month for d in days] == list(range(3, 13, 3)):
        return "每季度末"
    if ends and [d.month for d in days] == [6, 12]:
        return "每半年末"
    if ends and len(days) == 12:
        return "每月底"
    if len(days) > 4:
        return f"{PERIOD_LABELS[frequency.per]}{frequency.times}次"
    return "、".join(map(_month_day, days)) + "前"


_ANY_YEAR = 2001  # words name months and days only; a common year keeps 2月底 what it is

# When a list checks a duty that has no rhythm of its own, by category: its checkpoint, not a new recurring
# task (the ledger dates only the rhythms the sources set). Reviews follow the leading group's own rhythm:
# set-ups by the end of the first quarter, running work every quarter or half year, reports at the year's end.
CHECKPOINTS: dict[str, Frequency] = {
    category: Frequency.model_validate(rhythm) for category, rhythm in {
        "组织领导": {"per": "half"}, "学习教育": {"per": "quarter"}, "责任落实": {"per": "year", "window": "年初"},
        "基层组织建设": {"per": "quarter"}, "选人用人": {"per": "half"}, "作风建设": {"per": "quarter"},
        "纪律建设": {"per": "half"}, "意识形态": {"per": "half"}, "民主管理": {"per": "quarter"},
        "廉政风险防控": {"per": "year", "window": "年初"}, "监督检查": {"per": "quarter"},
        "考核问责": {"per": "year", "window": "年底"}, "履责报告": {"per": "year", "window": "年底"},
        "表率作用": {"per": "half"},
    }.items()
}
