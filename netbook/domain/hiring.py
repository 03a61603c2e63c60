"""Does what the notes say about a person or organization mean they are hiring?

One short cue list, one home: the drafts leave out "I'm not asking for a job" when a
line about the lead (or their organization) says they are hiring — saying it then would
talk you out of an opening. A negation on the line ("not hiring", "hiring freeze") wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

HIRING_CUES = (
    "hiring", "open role", "open roles", "open position", "open positions", "an opening", "openings",
    "job opening", "recruiting", "headcount", "vacancy", "vacancies", "job posting", "posted a job",
    "growing the team", "looking to hire",
)
NOT_HIRING_CUES = (
    "not hiring", "no hiring", "isn't hiring", "isnt hiring", "aren't hiring", "arent hiring", "hiring freeze",
    "no openings", "no open roles", "no headcount", "not recruiting", "freeze on hiring", "stopped hiring",
    "layoffs", "laid off",
)


def _pattern(cues: Iterable[str]) -> re.Pattern[str]:
    words = sorted((re.escape(c).replace(r"\ ", r"\s+") for c in cues), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(words) + r")(?![\w])", re.IGNORECASE)


_HIRING = _pattern(HIRING_CUES)
_NOT_HIRING = _pattern(NOT_HIRING_CUES)


def says_hiring(text: str) -> bool:
    """True if ``text`` (one line) says someone is hiring and does not say they are not."""
    text = text.replace("’", "'")
    return bool(_HIRING.search(text)) and not _NOT_HIRING.search(text)


def notes_say_hiring(notes: str, names: Iterable[str], extra: Iterable[str] = ()) -> bool:
    """Any line of ``notes`` naming one of ``names`` (a person, their organization), or any of
    ``extra`` (what was answered about them), says they are hiring."""
    folded = [n.casefold() for n in names if n and n.strip()]
    lines = [line for line in notes.splitlines() if any(n in line.casefold() for n in folded)]
    return any(says_hiring(line) for line in [*lines, *extra])
