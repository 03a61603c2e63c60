"""Tagging people and organizations in live notes: the name at the cursor and its link phrase.

Pure rules, no Textual. What the live meeting screen calls on ctrl+t / ctrl+o:

* :func:`name_span_at` — the name at or just before the cursor ("Susan Smith",
  "Anne-Marie O'Neill", "María de la Cruz", "J.P. Morgan", "AT&T", "3M").
* :func:`org_link_after` — "Susan Smith at Citibank", "(Citibank)", ", Citibank",
  "from Citibank", "@ Citibank": the organization a person is linked to on that line.
* :func:`display_name` and :func:`same_person_offer` — how a tagged name is kept, and
  the entry it probably is already ("Sue" near "Susan Smith").

The meeting's entries live in :mod:`netbook.domain.meeting_mentions`, their counting in
:mod:`netbook.domain.mention_counter`, their way into the contact book in
:mod:`netbook.domain.mention_records`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from netbook.detector.tokens import cursor_words
from netbook.detector.vocabulary import PARTICLES
from netbook.domain.models import Mention, MentionKind, PERSONAL_TITLES, name_likeness, strip_title


# --------------------------------------------------------------------------- name at the cursor

_INITIALS = re.compile(r"^(?:[^\W\d_]\.)+$", re.UNICODE)  # J.  J.P.
_ABBREVIATIONS = {
    "st.", "mt.", "ft.", "co.", "inc.", "corp.", "ltd.", "jr.", "sr.", "bros.", "dept.", "univ.", "intl.",
    "assn.", "no.", "plc.", "llc.", "l.l.c.",
}
_ORG_CONNECTORS = {"&", "of", "the", "and", "for", "de", "du", "la", "des", "di", "del", "y", "e", "on"}
_LEADING_STOP = {
    # sentence starters and titles that are never part of the name they precede
    "a", "an", "the", "i", "we", "he", "she", "they", "it", "you", "then", "also", "and", "but", "so", "or",
    "met", "meet", "talk", "talked", "call", "called", "email", "e-mail", "emailed", "ask", "asked",
    "mentioned", "mentions", "spoke", "speak", "said", "says", "contact", "reach", "intro", "introduce",
    "follow", "maybe", "her", "his", "my", "our", "their", "try", "see", "check", "look", "send", "knows",
    "know", "worked", "works", "work", "at", "from", "with", "to", "for", "in", "on", "of", "about", "via",
    "per", "dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "prof.", "prof", "sir", "dame", "mx.",
    "if", "when", "ex", "former", "new", "old", "cc", "re", "fyi", "ps", "note", "todo", "q", "a:", "q:",
}
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str


def _tokens(line: str) -> list[_Tok]:
    return [_Tok(s, e, t) for s, e, t in cursor_words(line)]


def _is_initial(text: str) -> bool:
    return bool(_INITIALS.match(text))


def _ends_sentence(text: str) -> bool:
    """A token like "Citi." that closes a sentence (not "J." nor "Inc.")."""
    return text.endswith(".") and not _is_initial(text) and text.casefold() not in _ABBREVIATIONS


def _is_name_token(text: str, kind: MentionKind) -> bool:
    if text == "&":
        return False
    first = text[0]
    if first.isupper():
        return True
    if kind is MentionKind.ORGANIZATION:
        if first.isdigit():
            return any(c.isalpha() for c in text)  # 3M, 7-Eleven (never a bare number)
        return any(c.isupper() for c in text[1:])  # eBay, iHeartMedia
    return False


def _is_connector(text: str, kind: MentionKind) -> bool:
    folded = text.casefold()
    if kind is MentionKind.PERSON:
        return folded.rstrip(".") in PARTICLES and not text[0].isupper()
    return folded in _ORG_CONNECTORS


def _space_only(line: str, a: int, b: int) -> bool:
    gap = line[a:b]
    return bool(gap) and gap.isspace() and "\t" not in gap and len(gap) <= 3


def _trim(toks: list[_Tok], kind: MentionKind) -> list[_Tok]:
    """Drop leading stop words/connectors and trailing connectors."""
    i, j = 0, len(toks)
    while i < j and (toks[i].text.casefold() in _LEADING_STOP or not _is_name_token(toks[i].text, kind)):
        i += 1
    while j > i and not _is_name_token(toks[j - 1].text, kind):
        j -= 1
    return toks[i:j]


def _clean_end(line: str, start: int, end: int, kind: MentionKind) -> int:
    text = line[start:end]
    last = text.split()[-1] if text.split() else text
    if last.endswith(".") and not _is_initial(last) and last.casefold() not in _ABBREVIATIONS:
        end -= 1
        text = line[start:end]
    m = _POSSESSIVE.search(text)
    if m and len(text) > 2:
        end -= 2
    return end


def name_span_at(line: str, col: int, kind: MentionKind = MentionKind.PERSON) -> tuple[int, int] | None:
    """Span of the name at or just before ``col`` in ``line`` (None if there is none).

    A title typed before a person's name is part of it ("Dr. Susan Smith"), and after a
    title even lowercase words are the name the user means ("dr. patel").
    """
    col = max(0, min(col, len(line)))
    span = _capitalised_span_at(line, col, kind)
    if kind is not MentionKind.PERSON:
        return span
    toks = _tokens(line)
    if span is None:
        return _after_title_span(line, col, toks)
    before = [t for t in toks if t.end <= span[0]]
    if before and before[-1].text.casefold() in PERSONAL_TITLES and _space_only(line, before[-1].end, span[0]):
        return before[-1].start, span[1]
    return span


def _after_title_span(line: str, col: int, toks: list[_Tok]) -> tuple[int, int] | None:
    """"dr. patel|": a title, then up to four words ending at the cursor, all lowercase-typed."""
    upto = [t for t in toks if t.start < col]
    if not upto:
        return None
    last = len(upto) - 1
    if upto[last].end < col and line[upto[last].end:col].strip(" ,;:)") != "":
        return None
    for first in range(last - 1, max(-1, last - 5), -1):
        if not _space_only(line, upto[first].end, upto[first + 1].start):
            return None
        if upto[first].text.casefold() in PERSONAL_TITLES:
            words = upto[first + 1:last + 1]
            if all(w.text[0].isalpha() and w.text.casefold() not in _LEADING_STOP for w in words):
                end = _clean_end(line, upto[first].start, upto[last].end, MentionKind.PERSON)
                return upto[first].start, end
            return None
    return None


def _capitalised_span_at(line: str, col: int, kind: MentionKind) -> tuple[int, int] | None:
    toks = _tokens(line)
    if not toks:
        return None
    anchor = None
    for idx, tok in enumerate(toks):  # cursor inside a word or at its end
        if tok.start < col <= tok.end:
            anchor = idx
            break
    if anchor is None:
        for idx, tok in enumerate(toks):  # cursor at the start of a name
            if tok.start == col and _is_name_token(tok.text, kind):
                anchor = idx
                break
    if anchor is None or not (_is_name_token(toks[anchor].text, kind) or _is_connector(toks[anchor].text, kind)):
        # just before the cursor: only spaces and closing punctuation in between
        before = [i for i, t in enumerate(toks) if t.end <= col]
        if not before:
            return None
        idx = before[-1]
        gap = line[toks[idx].end:col]
        if gap.strip(" \t,;:!?)]}\"'”’.") != "":
            return None
        anchor = idx
    if not (_is_name_token(toks[anchor].text, kind) or _is_connector(toks[anchor].text, kind)):
        return None

    def joinable(tok: _Tok) -> bool:
        return _is_name_token(tok.text, kind) or _is_connector(tok.text, kind)

    lo = anchor
    while (
        lo > 0
        and joinable(toks[lo - 1])
        and _space_only(line, toks[lo - 1].end, toks[lo].start)
        and not _ends_sentence(toks[lo - 1].text)
    ):
        lo -= 1
    hi = anchor
    while (
        hi + 1 < len(toks)
        and joinable(toks[hi + 1])
        and _space_only(line, toks[hi].end, toks[hi + 1].start)
        and not _ends_sentence(toks[hi].text)
    ):
        hi += 1
    run = toks[lo:hi + 1]
    # a run like "Susan Smith Bob": keep the sentence-part that holds the anchor
    run = _trim(run, kind)
    if not run:
        return None
    start, end = run[0].start, run[-1].end
    end = _clean_end(line, start, end, kind)
    if end <= start:
        return None
    return start, end


def name_at(line: str, col: int, kind: MentionKind = MentionKind.PERSON) -> str | None:
    span = name_span_at(line, col, kind)
    return line[span[0]:span[1]] if span else None


# --------------------------------------------------------------------------- link phrases

_LINK_STRONG = re.compile(r"(?:['’]s)?(?:\s+(?:at|from|of|with)\s+|\s*@\s*|\s*\(\s*)", re.IGNORECASE)
_LINK_COMMA = re.compile(r"(?:['’]s)?\s*,\s*")


@dataclass(frozen=True, slots=True)
class OrgLink:
    start: int
    end: int
    strong: bool  # "at"/"from"/"@"/"(": always a link; ", X" only when X is a known organization


def org_link_after(line: str, end: int) -> OrgLink | None:
    """The organization named right after a person ending at ``end``: "… at Citibank"."""
    for pattern, strong in ((_LINK_STRONG, True), (_LINK_COMMA, False)):
        m = pattern.match(line, end)
        if not m:
            continue
        pos = m.end()
        toks = [t for t in _tokens(line) if t.start >= pos]
        kind = MentionKind.ORGANIZATION
        if not toks or toks[0].start != pos or not _is_name_token(toks[0].text, kind):
            continue
        hi = 0
        while (
            hi + 1 < len(toks)
            and (_is_name_token(toks[hi + 1].text, kind) or _is_connector(toks[hi + 1].text, kind))
            and _space_only(line, toks[hi].end, toks[hi + 1].start)
            and not _ends_sentence(toks[hi].text)
        ):
            hi += 1
        while hi > 0 and not _is_name_token(toks[hi].text, kind):
            hi -= 1
        span = (pos, _clean_end(line, pos, toks[hi].end, kind))
        if span[1] <= span[0]:
            continue
        return OrgLink(span[0], span[1], strong)
    return None


_LINK_LATER = re.compile(r"\s(?:at|from)\s+|\s*@\s*", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)|\s[-–—]\s")


def org_link_in_line(line: str, end: int) -> OrgLink | None:
    """The organization a tagged person is linked to: right after the name, or later in the
    same sentence ("Raj, who now runs research at Merck") when no other name comes between."""
    link = org_link_after(line, end)
    if link is not None:
        return link
    stop = _CLAUSE_END.search(line, end)
    limit = stop.start() if stop else len(line)
    for m in _LINK_LATER.finditer(line, end, limit):
        between = [t for t in _tokens(line[end:m.start()]) if t.text[0].isupper() and not t.text.isupper()]
        if between:
            return None  # "Raj told me about Susan at Citi": Citi is Susan's
        link = org_link_after(line, m.start())
        if link is not None and link.start < limit:
            return OrgLink(link.start, link.end, True)
    return None


def display_name(typed: str, kind: MentionKind = MentionKind.PERSON) -> str:
    """The name as typed, with a title kept; a person typed in lowercase after a title ("dr. patel") is capitalised."""
    name = " ".join(typed.split())
    titled = kind is MentionKind.PERSON and strip_title(name) != name
    if titled and name == name.lower() and any(c.isalpha() for c in name):
        words = name.split()
        name = " ".join(w if i and w in PARTICLES else w[:1].upper() + w[1:] for i, w in enumerate(words))
    return name


def same_person_offer(mentions: Sequence[Mention], entry: Mention) -> Mention | None:
    """Another person in this meeting ``entry`` is likely to be ("Sue" near "Susan Smith"), the best match."""
    if entry.kind is not MentionKind.PERSON:
        return None
    best, best_score = None, 0
    for other in mentions:
        if other is entry or other.kind is not MentionKind.PERSON:
            continue
        if entry.contact_id and other.contact_id == entry.contact_id:
            continue
        score = max(name_likeness(entry.name, form) for form in (other.name, *other.aliases))
        if score > best_score and score < 100:
            best, best_score = other, score
    return best
