"""Chinese wording of dates and numbers, as official documents write them."""

from datetime import date

BLANK_DATE = "　　年　月　日"  # a fill-in date on blank forms


def cn_date(day: date | None) -> str:
    """2027年2月20日 (no zero padding); a fill-in line when there is no date."""
    return f"{day.year}年{day.month}月{day.day}日" if day else BLANK_DATE


_DIGITS = "〇一二三四五六七八九"
_PLACES = ("", "十", "百", "千")
_GROUPS = ("", "万", "亿", "万亿")


def _below_10000(n: int) -> str:
    """0 < n < 10000 as 一千零五, 三百二十; zeros inside collapse to one 零, trailing zeros vanish."""
    digits = [int(d) for d in f"{n:04d}"]
    out, zero = "", False
    for digit, place in zip(digits, reversed(_PLACES), strict=True):
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[digit] + place
    return out


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 23 → 二十三, 105 → 一百零五, 12000 → 一万二千: any whole number from 0 below 10¹⁶."""
    if n == 0:
        return "〇"
    groups = []
    while n:
        n, group = divmod(n, 10000)
        groups.append(group)
    out = ""
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        if out and group < 1000:
            out += "零"
        out += _below_10000(group) + _GROUPS[index]
    return out[1:] if out.startswith("一十") else out
