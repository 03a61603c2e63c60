"""One reader for dates typed by hand (closing's "intro by", Prepare's "when")."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from netbook.domain.dates import parse_date, parse_moment

TODAY = date(2026, 3, 10)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fri", date(2026, 3, 13)),
        ("Friday", date(2026, 3, 13)),
        ("by Friday", date(2026, 3, 13)),
        ("by fri.", date(2026, 3, 13)),
        ("next Tue", date(2026, 3, 17)),
        ("tue", date(2026, 3, 17)),
        ("thurs", date(2026, 3, 12)),
        ("this wednesday", date(2026, 3, 11)),
        ("tomorrow", date(2026, 3, 11)),
        ("today", TODAY),
        ("+3", date(2026, 3, 13)),
        ("in 3 days", date(2026, 3, 13)),
        ("2w", date(2026, 3, 24)),
        ("2 weeks", date(2026, 3, 24)),
        ("next week", date(2026, 3, 17)),
        ("2026-04-01", date(2026, 4, 1)),
        ("2026-12-09", date(2026, 12, 9)),
        ("13/3", date(2026, 3, 13)),
        ("1/2", date(2027, 2, 1)),
        ("9 Dec", date(2026, 12, 9)),
        ("Dec 9th", date(2026, 12, 9)),
        ("march 1", date(2027, 3, 1)),
        ("9 December 2027", date(2027, 12, 9)),
    ],
)
def test_loose_dates(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "someday", "31/2", "3", "friends", "soon", "Feb 30"])
def test_what_is_not_a_date(text: str) -> None:
    assert parse_date(text, TODAY) is None


def test_moments() -> None:
    assert parse_moment("tomorrow at 10", TODAY) == datetime(2026, 3, 11, 10, 0)
    assert parse_moment("2026-03-12 09:30:15", TODAY) == datetime(2026, 3, 12, 9, 30, 15)
    assert parse_moment("9 dec 12am", TODAY) == datetime(2026, 12, 9, 0, 0)
    assert parse_moment("10:30", TODAY) is None  # a time alone names no day
    assert parse_moment("fri 25:00", TODAY) is None


def test_one_rule_says_a_day_against_today() -> None:
    from datetime import date

    from netbook.domain.dates import day_label, relative_day

    today = date(2026, 3, 10)
    assert [relative_day(date(2026, 3, d), today) for d in (10, 11, 9, 15, 7)] == [
        "today", "tomorrow", "yesterday", "in 5 days", "3 days ago"]
    assert [day_label(d, today) for d in (date(2026, 3, 11), date(2026, 4, 2), date(2025, 12, 30))] == [
        "tomorrow", "Thu Apr 2", "2025-12-30"]
