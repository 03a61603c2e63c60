"""Skips: words where no name starts although the rules might read one there.

Each returns the token index to continue from, or None.
"""

from __future__ import annotations

from collections.abc import Callable

from netbook.detector.cues import EVENT_PREV, SUFFIX_ALL
from netbook.detector.org_rules import match_org_list
from netbook.detector.reader import LineReader
from netbook.detector.tokens import LOWER, TITLE

def _software_phrase(r: LineReader, i: int) -> int | None:
    """"Power BI", "Blue Yonder": a tool's name, unless the company is meant."""
    if not r.data.soft_phrases or i + 1 >= r.n or r.gaps[i + 1] != " ":
        return None
    end = _phrase_end(r, i, r.data.soft_phrases, stop_at_possessive=False)
    return end if end and not r.org_context(i, end, strict=True) else None


def _plural_role(r: LineReader, i: int) -> int | None:
    """"PMs", "VPs", "MBAs": plural roles and degrees."""
    t = r.toks[i]
    k = t.key
    if t.shape == TITLE and len(k) >= 3 and k[-1] == "s" and t.text[:-1].isupper() and k[:-1] in r.data.stop:
        return i + 1
    return None


def _place_name(r: LineReader, i: int) -> int | None:
    """"Kings Cross", "Canary Wharf", "Port Harcourt": a place, unless an organization is longer."""
    toks, n, data = r.toks, r.n, r.data
    k = toks[i].key
    if k not in data.place_first or i + 1 >= n or r.gaps[i + 1] != " " or k in r.ctx.all_keys:
        return None
    end = _phrase_end(r, i, data.place_phrases, stop_at_possessive=True)
    if not end:
        return None
    org = match_org_list(r, i, data.org_index, False) if k in data.org_index else None
    if (org is None or org[0] <= end) and not (end < n and r.gaps[end] == " " and toks[end].shape != LOWER
                                               and toks[end].key in SUFFIX_ALL):
        return end
    return None


def _event_name(r: LineReader, i: int) -> int | None:
    """"Hurricane Helene", "BSides Leeds": an event, not a person."""
    toks = r.toks
    if i > 0 and toks[i].key not in r.ctx.all_keys and r.gaps[i] == " " and toks[i - 1].key in EVENT_PREV \
            and toks[i - 1].shape != LOWER:
        return i + 1
    return None


def _phrase_end(r: LineReader, i: int, phrases: frozenset, stop_at_possessive: bool) -> int | None:
    """End of the longest phrase of ``phrases`` (2 to 4 words) starting at token i."""
    toks = r.toks
    key = toks[i].key
    best = None
    for m in range(i + 1, min(r.n, i + 4)):
        if r.gaps[m] != " " or (stop_at_possessive and toks[m - 1].poss):
            break
        key = key + " " + toks[m].key
        if key in phrases:
            best = m + 1
    return best


# the loop tries these only at a token that can start one: a first word of a phrase of
# ``WordLists.phrase_first``, a capitalised word ending in "s", a word after an event cue
SKIPS: tuple[tuple[str, Callable[[LineReader, int], int | None]], ...] = (
    ("software phrase", _software_phrase),
    ("plural role", _plural_role),
    ("place name", _place_name),
    ("event name", _event_name),
)
