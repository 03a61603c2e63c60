"""Dates typed by hand, read one way everywhere (closing's "intro by", Prepare's "when").

Answers come fast in a conversation: "by Friday", "next Tue", "in 3 days", "+3", "2w",
"tomorrow", "13/3", "9 Dec", "2026-12-09". A small rule-based reader covers them without
a dependency that would cost start-up. Weekdays mean the next one after today ("fri" on a
Friday is a week on); a day and month without a year that has passed this year means next
year's. Core: pure functions.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
DEFAULT_HOUR = 9  # a meeting given a day but no time

_FILLER = re.compile(r"^(?:by|on|before|until|till|due|this|coming|the)\s+")
_OFFSET = re.compile(r"(?:in\s+)?\+?(\d{1,3})\s*(d|days?|w|wks?|weeks?)?(?:\s+from\s+now)?")
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?(?:,?\s+(\d{4}))?")
_MONTH_DAY = re.compile(r"([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?")
_TIME = re.compile(r"(?:^|\s|t)(?:at\s+)?(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*(am|pm|h)?$")


def _named(word: str, names: tuple[str, ...]) -> int | None:
    """Index of the name ``word`` is a 3+ letter prefix of ("tue", "tues", "thurs", "sept")."""
    word = word.rstrip(".")
    if len(word) < 3:
        return None
    for index, name in enumerate(names):
        if name.startswith(word):
            return index
    return None


def _calendar(day: int, month: int, year: int | None, today: date) -> date | None:
    if year is not None and year < 100:
        year += 2000
    try:
        found = date(year or today.year, month, day)
    except ValueError:
        return None
    if year is None and found < today:
        found = found.replace(year=found.year + 1) if not (month == 2 and day == 29) else found
    return found


def parse_date(text: str, today: date) -> date | None:
    """The day ``text`` names, counted from ``today``; None if it names none."""
    t = " ".join(text.strip().casefold().rstrip(".!,;").split())
    t = _FILLER.sub("", t)
    if not t:
        return None
    if t in ("today", "tod", "now"):
        return today
    if t in ("tomorrow", "tom", "tmr", "tmrw"):
        return today + timedelta(days=1)
    if t == "next week":
        return today + timedelta(weeks=1)
    if m := _OFFSET.fullmatch(t):
        n = int(m.group(1))
        unit = (m.group(2) or "d")[0]
        if m.group(2) or t.startswith(("+", "in ")) or t.endswith("from now"):
            return today + (timedelta(weeks=n) if unit == "w" else timedelta(days=n))
        return None  # a bare number is not a date
    weekday = t.removeprefix("next ")
    if (index := _named(weekday, WEEKDAYS)) is not None and " " not in weekday:
        ahead = (index - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    try:
        return date.fromisoformat(t)
    except ValueError:
        pass
    if m := _NUMERIC.fullmatch(t):
        return _calendar(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None, today)
    if (m := _DAY_MONTH.fullmatch(t)) and (month := _named(m.group(2), MONTHS)) is not None:
        return _calendar(int(m.group(1)), month + 1, int(m.group(3)) if m.group(3) else None, today)
    if (m := _MONTH_DAY.fullmatch(t)) and (month := _named(m.group(1), MONTHS)) is not None:
        return _calendar(int(m.group(2)), month + 1, int(m.group(3)) if m.group(3) else None, today)
    return None


DATE_HINT = "try fri, +3 or 2026-03-13"  # what a field that wants a day says it takes
_ISO_SHAPED = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str, today: date) -> date | None:
    """A day typed in a form field (the contact's next check-in): empty -> None, otherwise the
    day :func:`parse_date` reads; text that names no day raises ValueError saying what works."""
    t = text.strip()
    if not t:
        return None
    day = parse_date(t, today)
    if day is None:
        if _ISO_SHAPED.fullmatch(t):
            raise ValueError(f"{t} is not a real date; {DATE_HINT}")
        raise ValueError(f"could not read a date there; {DATE_HINT}")
    return day


def parse_moment(text: str, today: date) -> datetime | None:
    """A day and an optional time: "2026-03-12 09:30", "2026-03-12T09:30", "fri 2pm", "tomorrow at 10".

    A day alone is at 09:00; None if there is no day (a time alone is not enough).
    """
    t = " ".join(text.strip().casefold().split())
    if not t:
        return None
    clock = time(DEFAULT_HOUR, 0)
    day_text = t
    m = _TIME.search(t)
    if m and m.start() > 0 and (m.group(2) or m.group(4) or "at " in m.group(0)):
        hour, minute, second = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
        if m.group(4) == "pm" and hour < 12:
            hour += 12
        elif m.group(4) == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59 or second > 59:
            return None
        clock = time(hour, minute, second)
        day_text = t[:m.start()].strip()
    day = parse_date(day_text, today)
    return datetime.combine(day, clock) if day is not None else None


def _near_day(day: date, today: date) -> str | None:
    return {0: "today", 1: "tomorrow", -1: "yesterday"}.get((day - today).days)


def relative_day(day: date, today: date) -> str:
    """"today", "tomorrow", "yesterday", "in 5 days", "3 days ago": a day said against today."""
    delta = (day - today).days
    return _near_day(day, today) or (f"in {delta} days" if delta > 0 else f"{-delta} days ago")


def day_label(day: date, today: date) -> str:
    """A day in a list: "today"/"tomorrow"/"yesterday", else "Tue Mar 10" this year, else ISO."""
    if near := _near_day(day, today):
        return near
    return f"{day:%a %b} {day.day}" if day.year == today.year else f"{day:%Y-%m-%d}"
