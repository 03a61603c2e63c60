"""Tagging people and organizations in live notes: pure rules, no Textual.

Three parts the live meeting screen calls:

* :func:`name_span_at` — the name at or just before the cursor for ctrl+t / ctrl+o
  ("Susan Smith", "Anne-Marie O'Neill", "María de la Cruz", "J.P. Morgan", "AT&T", "3M").
* :func:`org_link_after` — "Susan Smith at Citibank", "(Citibank)", ", Citibank",
  "from Citibank", "@ Citibank": the organization a person is linked to on that line.
* :class:`MeetingMentions` — the meeting's mention entries (``meeting.mentions``): tag,
  confirm, change kind, link, merge, remove, and :meth:`MeetingMentions.sync` from the
  detector's occurrences. Removing a flag never edits the note text.

:class:`FallbackTracker` is a tiny stand-in for ``netbook.detector.MentionTracker``
(known and tagged names only) used when the detector module is not importable.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from netbook.detector.tokens import WORD_RE, cursor_words, token_key, words
from netbook.detector.vocabulary import PARTICLES
from netbook.models import (
    Contact,
    LeadStatus,
    Mention,
    MentionKind,
    MentionStatus,
    PERSONAL_TITLES,
    Organization,
    name_likeness,
    normalise_key,
    strip_title,
)

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


# --------------------------------------------------------------------------- fallback detector

@dataclass(frozen=True, slots=True)
class SimpleMention:
    """Same shape as ``netbook.detector.Mention``."""

    start: int
    end: int
    kind: MentionKind
    text: str
    key: str
    source: str = "known"
    org_key: str | None = None


class FallbackTracker:
    """Known and tagged names only, matched case-insensitively on word boundaries, per line."""

    def __init__(self, known_people: Iterable[str] = (), known_companies: Iterable[str] = ()) -> None:
        self._lines: list[str] = []
        self._cache: dict[int, tuple[str, list[SimpleMention]]] = {}
        self.set_known(known_people, known_companies)

    def set_known(self, people: Iterable[str], companies: Iterable[str]) -> None:
        index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        for kind, names in ((MentionKind.ORGANIZATION, companies), (MentionKind.PERSON, people)):
            for name in names:
                keys = tuple(token_key(w) for w in words(name))
                if keys:
                    index.setdefault(keys[0], []).append((keys, kind, normalise_key(name)))
        for entries in index.values():
            entries.sort(key=lambda e: -len(e[0]))
        self._index = index
        self._cache.clear()

    def set_text(self, text: str) -> None:
        self._lines = text.split("\n")
        self._cache.clear()

    def update_line(self, line_no: int, new_line: str) -> bool:
        if line_no < len(self._lines):
            self._lines[line_no] = new_line
        self._cache.pop(line_no, None)
        return False

    def replace_lines(self, start: int, end: int, new_lines: Sequence[str]) -> bool:
        self._lines[start:end] = list(new_lines)
        if end - start == len(new_lines):
            for i in range(start, end):
                self._cache.pop(i, None)
        else:
            self._cache.clear()
        return False

    def line_mentions(self, line_no: int) -> list[SimpleMention]:
        if not 0 <= line_no < len(self._lines):
            return []
        line = self._lines[line_no]
        cached = self._cache.get(line_no)
        if cached is not None and cached[0] == line:
            return cached[1]
        found = self._scan(line)
        self._cache[line_no] = (line, found)
        return found

    def _scan(self, line: str) -> list[SimpleMention]:
        if not self._index:
            return []
        words = [(m.start(), m.end(), token_key(m.group())) for m in WORD_RE.finditer(line)]
        out: list[SimpleMention] = []
        i = 0
        while i < len(words):
            entries = self._index.get(words[i][2])
            matched = False
            for seq, kind, key in entries or ():
                n = len(seq)
                if i + n <= len(words) and all(words[i + k][2] == seq[k] for k in range(n)):
                    s, e = words[i][0], words[i + n - 1][1]
                    out.append(SimpleMention(s, e, kind, line[s:e], key))
                    i += n
                    matched = True
                    break
            if not matched:
                i += 1
        return out

    def all_mentions(self) -> list[SimpleMention]:
        return [m for i in range(len(self._lines)) for m in self.line_mentions(i)]

    def entities(self) -> dict[str, object]:
        return {m.key: m for m in self.all_mentions()}


# --------------------------------------------------------------------------- the meeting's mentions


@dataclass(slots=True)
class Occurrence:
    """One detector hit, resolved to a line: what :meth:`MeetingMentions.sync` consumes."""

    line: int
    text: str
    key: str
    kind: MentionKind
    suggested: bool
    org_key: str | None = None
    quote: str = ""
    count: int = 1  # an aggregate of this many hits, ``line`` being the first


class Change(str, Enum):
    NONE = "none"
    COUNTS = "counts"  # counts / first lines only
    ENTRIES = "entries"  # entries added, removed or re-kinded


@dataclass
class MeetingMentions:
    """``meeting.mentions`` as a model the screen edits: one entry per entity.

    ``own_names`` are the names of the person being met: tagging them maps to that
    contact (``own_contact_id``) and never creates a lead. ``dismissed`` keys were
    removed by the user and are no longer flagged in this meeting.
    """

    mentions: list[Mention]
    own_contact_id: str | None = None
    own_names: Sequence[str] = ()
    dismissed: set[str] = field(default_factory=set)
    _aliases: dict[str, str] = field(default_factory=dict, init=False)
    _by_key: dict[str, Mention] = field(default_factory=dict, init=False)
    _own_keys: set[str] = field(default_factory=set, init=False)

    def __post_init__(self) -> None:
        for name in self.own_names:
            key = normalise_key(name)
            if key:
                self._own_keys.add(key)
                parts = key.split()
                if len(parts) > 1:
                    self._own_keys.update({parts[0], parts[-1]})
        self._rebuild_aliases()

    # ------------------------------------------------------------------ lookup

    def _rebuild_aliases(self) -> None:
        self._aliases = {}
        self._by_key = {m.key: m for m in self.mentions}
        for m in self.mentions:
            for form in self._forms(m):
                self._aliases.setdefault(form, m.key)
        for m in self.mentions:
            self._aliases[m.key] = m.key

    def _forms(self, m: Mention) -> list[str]:
        forms = [normalise_key(m.name), *(normalise_key(a) for a in m.aliases)]
        if m.kind is MentionKind.PERSON and m.status is MentionStatus.CONFIRMED:
            parts = m.key.split()
            if len(parts) > 1:  # "Susan" and "Smith" are Susan Smith in this meeting
                forms += [parts[0], parts[-1]]
        return [f for f in forms if f]

    def get(self, key: str | None) -> Mention | None:
        if not key:
            return None
        real = self._aliases.get(normalise_key(key), normalise_key(key))
        return self._entry(real)

    def _entry(self, key: str) -> Mention | None:
        """The entry with this exact key: a dict lookup (the panel and the styling ask per row and per name)."""
        entry = self._by_key.get(key)
        if entry is not None and entry.key == key:
            return entry
        return next((m for m in self.mentions if m.key == key), None)  # changed since the last rebuild

    def resolve(self, key: str, text: str = "") -> str:
        """The entry key a detector key/text belongs to (itself if none).

        The text first: once the user has tagged "Sue" on her own, "Sue" is that entry,
        even where the detector guesses she is Susan Smith.
        """
        for candidate in (normalise_key(text), key):
            if candidate and candidate in self._aliases:
                return self._aliases[candidate]
        return normalise_key(key or text)

    def is_own(self, key: str) -> bool:
        return normalise_key(key) in self._own_keys

    def known_names(self) -> tuple[list[str], list[str]]:
        """Confirmed names (with merged forms and, for people, first/last names) for the detector."""
        people: list[str] = []
        orgs: list[str] = []
        for m in self.mentions:
            if m.status is not MentionStatus.CONFIRMED or m.key in self.dismissed:
                continue
            names = [m.name, *m.aliases]
            if m.kind is MentionKind.PERSON:
                bare = strip_title(m.name)
                parts = bare.split()
                if bare != m.name:
                    names.append(bare)  # "Susan Smith" is Dr. Susan Smith too
                if len(parts) > 1:
                    names += [parts[0], parts[-1]]
                people += names
            else:
                orgs += names
        return people, orgs

    def style_for(self, key: str, text: str, kind: MentionKind, suggested: bool) -> tuple[MentionKind, bool] | None:
        """(kind, confirmed) to draw a detector hit with, or None if the user removed it."""
        real = self.resolve(key, text)
        if real in self.dismissed:
            return None
        entry = self._entry(real) if real in self._aliases else None
        if entry is not None:
            return entry.kind, entry.status is MentionStatus.CONFIRMED
        return kind, not suggested

    # ------------------------------------------------------------------ user actions

    def tag(self, name: str, kind: MentionKind, *, line: int | None = None, quote: str = "") -> Mention:
        """Tag ``name`` (typed or selected) as a confirmed person/organization."""
        name = display_name(name, kind)
        key = normalise_key(name)
        if not key:
            raise ValueError("nothing to tag")
        self.dismissed.discard(key)
        entry = self.get(key)
        if entry is not None and entry.key != key and len(name) > len(entry.name) and entry.kind is kind:
            # "Susan" was flagged first; now "Susan Smith" is tagged: grow the entry
            self._rekey(entry, name)
        if entry is not None and entry.key == key and strip_title(entry.name) == entry.name and strip_title(name) != name:
            entry.name = name  # "Dr. Patel" typed after "Patel" was flagged: the title is kept
        if entry is None:
            entry = Mention(kind=kind, name=name, key=key, status=MentionStatus.CONFIRMED,
                            first_line=line, quote=quote, count=1 if line is not None else 0)
            self.mentions.append(entry)
        else:
            self.dismissed.discard(entry.key)
            if entry.kind is not kind:
                self._set_kind(entry, kind)
            entry.status = MentionStatus.CONFIRMED
            if line is not None and (entry.first_line is None or line < entry.first_line):
                entry.first_line, entry.quote = line, quote
            if entry.count == 0 and line is not None:
                entry.count = 1
        if kind is MentionKind.PERSON and self.is_own(key) and self.own_contact_id:
            entry.contact_id = self.own_contact_id
        if kind is MentionKind.PERSON and len(entry.key.split()) > 1:
            # "Susan" was flagged on its own before "Susan Smith" was tagged: the same person
            parts = entry.key.split()
            for other in [m for m in self.mentions if m is not entry and m.kind is MentionKind.PERSON
                          and m.key in (parts[0], parts[-1]) and not m.contact_id]:
                self._rebuild_aliases()
                self.merge(other.key, entry.key)
        self._rebuild_aliases()
        return entry

    def _rekey(self, entry: Mention, name: str) -> None:
        old_key = entry.key
        if normalise_key(entry.name) != normalise_key(name) and entry.name not in entry.aliases:
            entry.aliases.append(entry.name)
        entry.name = name
        entry.key = normalise_key(name)
        for m in self.mentions:
            if m.organization_key == old_key:
                m.organization_key = entry.key

    def confirm(self, key: str, kind: MentionKind | None = None) -> Mention | None:
        entry = self.get(key)
        if entry is None:
            return None
        self.dismissed.discard(entry.key)
        if kind is not None and kind is not entry.kind:
            self._set_kind(entry, kind)
        entry.status = MentionStatus.CONFIRMED
        if entry.kind is MentionKind.PERSON and self.is_own(entry.key) and self.own_contact_id:
            entry.contact_id = self.own_contact_id
        self._confirm_linked_organizations()
        self._rebuild_aliases()
        return entry

    def _set_kind(self, entry: Mention, kind: MentionKind) -> None:
        entry.kind = kind
        if kind is MentionKind.ORGANIZATION:
            entry.organization_key = None
            entry.contact_id = None
        else:
            entry.organization_id = None
            for m in self.mentions:  # people linked to it lose the link
                if m.organization_key == entry.key:
                    m.organization_key = None

    def change_kind(self, key: str, kind: MentionKind | None = None) -> Mention | None:
        """Person <-> organization (toggles when ``kind`` is None). The entry stays confirmed."""
        entry = self.get(key)
        if entry is None:
            return None
        if kind is None:
            kind = MentionKind.ORGANIZATION if entry.kind is MentionKind.PERSON else MentionKind.PERSON
        if kind is not entry.kind:
            self._set_kind(entry, kind)
        entry.status = MentionStatus.CONFIRMED
        self._rebuild_aliases()
        return entry

    def link(self, person_key: str, org_key: str | None) -> Mention | None:
        """Link a person to an organization entry (None unlinks)."""
        person = self.get(person_key)
        if person is None or person.kind is not MentionKind.PERSON:
            return None
        if org_key is None:
            person.organization_key = None
            return person
        org = self.get(org_key)
        if org is None or org.kind is not MentionKind.ORGANIZATION:
            return None
        person.organization_key = org.key
        self._confirm_linked_organizations()
        return person

    def link_by_name(self, person_key: str, org_name: str, *, line: int | None = None, quote: str = "") -> Mention | None:
        org = self.get(org_name)
        if org is None or org.kind is not MentionKind.ORGANIZATION:
            org = self.tag(org_name, MentionKind.ORGANIZATION, line=line, quote=quote)
        return self.link(person_key, org.key)

    def merge(self, from_key: str, into_key: str) -> Mention | None:
        """"Sue" = "Susan Smith": the first entry becomes an alias of the second."""
        src, dst = self.get(from_key), self.get(into_key)
        if src is None or dst is None or src is dst:
            return None
        for form in (src.name, *src.aliases):
            if normalise_key(form) != dst.key and form not in dst.aliases:
                dst.aliases.append(form)
        dst.count += src.count
        if src.first_line is not None and (dst.first_line is None or src.first_line < dst.first_line):
            dst.first_line, dst.quote = src.first_line, src.quote
        if dst.kind is MentionKind.PERSON and not dst.organization_key:
            dst.organization_key = src.organization_key
        if src.status is MentionStatus.CONFIRMED:
            dst.status = MentionStatus.CONFIRMED
        for m in self.mentions:
            if m.organization_key == src.key:
                m.organization_key = dst.key if dst.kind is MentionKind.ORGANIZATION else None
        self.mentions.remove(src)
        self.dismissed.discard(src.key)
        self._rebuild_aliases()
        return dst

    def link_record(self, key: str, book: BookIds) -> bool:
        """The entry is a stored contact/organization: link it and take the record's name.

        What was typed ("tom") stays an alias, so the notes still flag it; if another entry
        already is that record, the two become one. True if anything changed.
        """
        entry = self.get(key)
        if entry is None:
            return False
        changed = False
        if entry.kind is MentionKind.PERSON and book.contact_id and entry.contact_id != book.contact_id:
            entry.contact_id, changed = book.contact_id, True
        if entry.kind is MentionKind.ORGANIZATION and book.organization_id and entry.organization_id != book.organization_id:
            entry.organization_id, changed = book.organization_id, True
        name = " ".join((book.name or "").split())
        if name and entry.name != name and not (entry.contact_id and entry.contact_id == self.own_contact_id):
            same = next((m for m in self.mentions if m is not entry and m.kind is entry.kind
                         and m.key == normalise_key(name)), None)
            if same is not None:
                merged = self.merge(entry.key, same.key)
                if merged is not None and merged.kind is MentionKind.PERSON:
                    merged.contact_id = merged.contact_id or book.contact_id
                elif merged is not None:
                    merged.organization_id = merged.organization_id or book.organization_id
                return True
            self._rekey(entry, name)
            changed = True
        if changed:
            self._rebuild_aliases()
        return changed

    def remove(self, key: str) -> Mention | None:
        """Stop flagging an entity in this meeting. The note text is never touched."""
        entry = self.get(key)
        if entry is None:
            return None
        self.mentions.remove(entry)
        self.dismissed.add(entry.key)
        self.dismissed.update(normalise_key(a) for a in entry.aliases)
        for m in self.mentions:
            if m.organization_key == entry.key:
                m.organization_key = None
        self._rebuild_aliases()
        return entry

    # ------------------------------------------------------------------ from the detector

    def sync(self, occurrences: Iterable[Occurrence]) -> Change:
        """Update counts/first lines from the notes; add suggested entries for new guesses.

        Entries whose name no longer appears keep count 0 if confirmed (the user tagged
        them) and are dropped if they were only suggestions.
        """
        stats: dict[str, list] = {}  # key -> [count, first_line, quote, longest text, kind, suggested, org_key]
        for occ in occurrences:
            key = self.resolve(occ.key, occ.text)
            if not key or key in self.dismissed:
                continue
            s = stats.get(key)
            if s is None:
                stats[key] = [occ.count, occ.line, occ.quote, occ.text, occ.kind, occ.suggested, occ.org_key]
            else:
                s[0] += occ.count
                if occ.line < s[1]:
                    s[1], s[2] = occ.line, occ.quote
                if len(occ.text) > len(s[3]):
                    s[3] = occ.text
                if not occ.suggested:
                    s[5] = False
                if s[6] is None and occ.org_key:
                    s[6] = occ.org_key
        change = Change.NONE
        kept: list[Mention] = []
        seen: set[str] = set()
        for m in self.mentions:
            s = stats.get(m.key)
            seen.add(m.key)
            if s is None:
                if m.status is MentionStatus.SUGGESTED:
                    change = Change.ENTRIES
                    continue
                if m.count != 0:
                    m.count = 0
                    change = max(change, Change.COUNTS, key=_rank)
                kept.append(m)
                continue
            count, line, quote = s[0], s[1], s[2]
            if (m.count, m.first_line, m.quote) != (count, line, quote):
                m.count, m.first_line, m.quote = count, line, quote
                change = max(change, Change.COUNTS, key=_rank)
            if m.status is MentionStatus.SUGGESTED and not s[5]:
                m.status = MentionStatus.CONFIRMED  # it became a known name
                change = Change.ENTRIES
            if m.kind is MentionKind.PERSON and not m.organization_key and s[6]:
                org = self.resolve(s[6])
                if org in stats or self.get(org) is not None:
                    m.organization_key = org
                    change = Change.ENTRIES
            kept.append(m)
        for key, s in stats.items():
            if key in seen:
                continue
            count, line, quote, text, kind, suggested, org_key = s
            entry = Mention(kind=kind, name=" ".join(text.split()), key=key,
                            status=MentionStatus.SUGGESTED if suggested else MentionStatus.CONFIRMED,
                            count=count, first_line=line, quote=quote)
            if kind is MentionKind.PERSON and self.is_own(key) and self.own_contact_id:
                entry.contact_id = self.own_contact_id
            if kind is MentionKind.PERSON and org_key:
                org = self.resolve(org_key)
                if org in stats or self.get(org) is not None:
                    entry.organization_key = org
            kept.append(entry)
            change = Change.ENTRIES
        for m in kept:  # link keys point at entry keys
            if m.organization_key:
                m.organization_key = self.resolve(m.organization_key)
        if change is Change.ENTRIES or len(kept) != len(self.mentions):
            self.mentions[:] = kept
            self._rebuild_aliases()  # counts alone change no name or key: no rebuild
        if self._confirm_linked_organizations():
            change = Change.ENTRIES
        return change

    def _confirm_linked_organizations(self) -> bool:
        """The organization of a confirmed person ("Susan Smith at Citibank") is confirmed with her."""
        orgs = {m.key: m for m in self.mentions if m.kind is MentionKind.ORGANIZATION}
        changed = False
        for m in self.mentions:
            if m.kind is MentionKind.PERSON and m.status is MentionStatus.CONFIRMED and m.organization_key:
                org = orgs.get(m.organization_key)
                if org is not None and org.status is MentionStatus.SUGGESTED:
                    org.status = MentionStatus.CONFIRMED
                    changed = True
        return changed

    def ordered(self) -> list[Mention]:
        big = 1 << 60
        return sorted(self.mentions, key=lambda m: (m.first_line if m.first_line is not None else big, m.name.casefold()))

    def label(self, m: Mention) -> str:
        """"Susan Smith · Citibank" for a linked person."""
        if m.kind is MentionKind.PERSON and m.organization_key:
            org = self._entry(self._aliases.get(m.organization_key, m.organization_key))
            if org is not None:
                return f"{m.name} · {org.name}"
        return m.name


# --------------------------------------------------------------------------- counting the note, off the UI thread


QUOTE_MAX = 300
_COUNT_PAUSE_EVERY = 200  # lines read between short pauses, so the UI thread gets the interpreter


class MentionCounter:
    """Every mention of the note, counted per entity: what the mentions panel lists.

    The note pad hands it each edit (a cheap queue append on the UI thread); :meth:`count`
    runs in a worker thread with a tracker of its own, applies the queued edits, re-reads
    only the lines that changed (every line only when the known names or the
    document-level facts changed) and returns one aggregated :class:`Occurrence` per
    detector key and spelling, first line first, for :meth:`MeetingMentions.sync`.
    So however long the note, a typing pause costs the UI thread one sync over the
    entries, never a pass over the lines.
    """

    def __init__(self, make_tracker: Callable[..., Any], known: tuple[Sequence[str], Sequence[str]] = ((), ()),
                 *, max_line: int = 4000) -> None:
        self._make_tracker = make_tracker
        self._max_line = max_line
        self._lock = threading.Lock()  # guards _pending only
        self._count_lock = threading.Lock()  # one count at a time
        self._pending: list[tuple[Any, ...]] = [("known", list(known[0]), list(known[1]))]
        self._tracker: Any = None
        self._known: tuple[list[str], list[str]] = ([], [])
        self._lines: list[str] = [""]
        self._hits: list[list[tuple] | None] = [None]
        self._last: list[Occurrence] | None = None

    # ------------------------------------------------------------------ fed from the UI thread

    def set_text(self, text: str) -> None:
        with self._lock:
            self._pending = [p for p in self._pending if p[0] == "known"] + [("text", text)]

    def replace_lines(self, start: int, end: int, new_lines: Sequence[str]) -> None:
        with self._lock:
            self._pending.append(("lines", start, end, list(new_lines)))

    def set_known(self, people: Sequence[str], companies: Sequence[str]) -> None:
        """``people``/``companies`` are kept as given (not copied): do not change them afterwards."""
        with self._lock:
            self._pending.append(("known", people, companies))

    # ------------------------------------------------------------------ in the worker

    def count(self) -> tuple[list[Occurrence], bool]:
        """(occurrences, changed since the last count). Thread-safe; meant for a worker."""
        with self._count_lock:
            with self._lock:
                pending, self._pending = self._pending, []
            for op in pending:
                self._apply(op)
            result = self._aggregate()
            changed = result != self._last
            self._last = result
            return result, changed

    def _apply(self, op: tuple[Any, ...]) -> None:
        kind = op[0]
        if kind == "known":
            self._known = (op[1], op[2])
            if self._tracker is None:
                self._tracker = self._make_tracker(*self._known)
                self._tracker.set_text("\n".join(self._lines))
            else:
                self._tracker.set_known(*self._known)
            self._hits = [None] * len(self._lines)
        elif kind == "text":
            self._lines = op[1].split("\n")
            self._tracker.set_text(op[1])
            self._hits = [None] * len(self._lines)
        else:
            _, start, end, new_lines = op
            self._lines[start:end] = new_lines
            self._hits[start:end] = [None] * len(new_lines)
            if end - start == 1 and len(new_lines) == 1:
                changed = self._tracker.update_line(start, new_lines[0])
            else:
                changed = self._tracker.replace_lines(start, end, new_lines)
            if changed or changed is None:
                self._hits = [None] * len(self._lines)

    def _line_hits(self, row: int) -> list[tuple]:
        line = self._lines[row]
        if not line or len(line) > self._max_line:
            return []
        try:
            found = self._tracker.line_mentions(row)
        except Exception:  # noqa: BLE001 - a detector bug must never stop the panel
            return []
        out = []
        for m in found:
            kind = m.kind
            org_key = getattr(m, "org_key", None)
            if kind is MentionKind.PERSON and not org_key:
                link = org_link_after(line, m.end)
                if link is not None:
                    org_key = normalise_key(line[link.start:link.end])
            source = getattr(m, "source", "known")
            suggested = getattr(source, "value", source) == "suggested"
            out.append(((m.key, normalise_key(m.text)), m.text, kind, suggested, org_key))
        return out

    def _aggregate(self) -> list[Occurrence]:
        stats: dict[tuple[str, str], Occurrence] = {}
        hits = self._hits
        for row in range(len(self._lines)):
            found = hits[row]
            if found is None:
                if row % _COUNT_PAUSE_EVERY == 0:
                    time.sleep(0)  # let the UI thread run between slices
                found = hits[row] = self._line_hits(row)
            if not found:
                continue
            for pair, text, kind, suggested, org_key in found:
                occ = stats.get(pair)
                if occ is None:
                    stats[pair] = Occurrence(line=row, text=text, key=pair[0], kind=kind, suggested=suggested,
                                             org_key=org_key, quote=self._lines[row].strip()[:QUOTE_MAX])
                    continue
                occ.count += 1
                if len(text) > len(occ.text):
                    occ.text = text
                if not suggested:
                    occ.suggested = False
                if occ.org_key is None and org_key:
                    occ.org_key = org_key
        return sorted(stats.values(), key=lambda o: (o.line, o.key, o.text))


def _rank(change: Change) -> int:
    return {Change.NONE: 0, Change.COUNTS: 1, Change.ENTRIES: 2}[change]


# --------------------------------------------------------------------------- the contact book


@dataclass(frozen=True, slots=True)
class BookIds:
    contact_id: str | None = None
    organization_id: str | None = None
    name: str = ""  # the record's name as stored


def _words(name: str) -> list[str]:
    return normalise_key(name).split()


def _the_one(near: Iterable, anywhere: Callable[[], Iterable], fits: Callable[[object], bool]):
    """The one record that fits among the ``near`` ones, else the one in the whole book; None if not one."""
    close = [r for r in near if r is not None and fits(r)]
    if close:
        return close[0] if len(close) == 1 else None
    found = [r for r in anywhere() if fits(r)]
    return found[0] if len(found) == 1 else None


def match_contact(store, name: str, *, related: Sequence[str] = ()) -> Contact | None:
    """The stored contact a mention names, or None.

    The full name or an alias first; a single word ("tom") is the first or last name of
    one of the ``related`` contacts (the person met, who referred them), or else of the
    only contact in the book it could be.
    """
    found = store.find_contact(name)
    words = _words(name)
    if found is not None or len(words) != 1:
        return found

    def named(contact: Contact) -> bool:
        return any(len(w := _words(n)) > 1 and words[0] in (w[0], w[-1]) for n in contact.all_names())

    return _the_one((store.get_contact(i) for i in dict.fromkeys(related)), store.contacts, named)


def match_organization(store, name: str, *, related: Sequence[str] = ()) -> Organization | None:
    """The stored organization a mention names, or None.

    The full name or an alias first; else the organization whose name begins with these
    words ("acme" -> "Acme Pharma"): one of the ``related`` ones (where the person met
    works), or else the only one in the book.
    """
    found = store.find_organization(name)
    words = _words(name)
    if found is not None or not words:
        return found

    def starts(org: Organization) -> bool:
        return any(len(w := _words(n)) > len(words) and w[:len(words)] == words for n in org.all_names())

    return _the_one((store.get_organization(i) for i in dict.fromkeys(related)), store.organizations, starts)


def _part_of(alias: str, name: str) -> bool:
    """ "tom" of "Tom Baker", "acme" of "Acme Pharma": how the record was matched, not a new alias."""
    a, n = _words(alias), _words(name)
    return bool(a) and len(a) < len(n) and (n[:len(a)] == a or n[-len(a):] == a)


def related_records(store, meeting_contact_id: str | None) -> tuple[list[str], list[str]]:
    """(contact ids, organization ids) a bare first name or a short company name most likely means."""
    contact = store.get_contact(meeting_contact_id)
    if contact is None:
        return [], []
    return [i for i in (contact.id, contact.referred_by_id) if i], [i for i in (contact.organization_id,) if i]


def persist_mentions(
    store,  # netbook.store.Store (duck-typed to keep this module light)
    mentions: Sequence[Mention],
    *,
    meeting_id: str,
    meeting_contact_id: str | None,
    removed: Sequence[Mention] = (),
) -> dict[str, BookIds]:
    """Write confirmed entries to the contact book; return key -> stored ids.

    New people become leads referred by the person being met in this meeting; people
    already in the book keep their history (only a missing organization is filled in).
    The meeting's own contact is never made a lead. Leads this meeting created for
    entries the user ``removed`` are deleted again. Runs off the UI thread.
    """
    out: dict[str, BookIds] = {}
    orgs: dict[str, Organization] = {}
    near_people, near_orgs = related_records(store, meeting_contact_id)
    for m in mentions:
        if m.kind is MentionKind.ORGANIZATION and m.status is MentionStatus.CONFIRMED:
            org = store.get_organization(m.organization_id) or match_organization(store, m.name, related=near_orgs)
            if org is None:
                org = store.save_organization(Organization(name=m.name, aliases=list(m.aliases)))
            else:
                missing = [a for a in m.aliases if normalise_key(a) not in {normalise_key(n) for n in org.all_names()}
                           and not _part_of(a, org.name)]
                if missing:
                    org.aliases.extend(missing)
                    store.save_organization(org)
            orgs[m.key] = org
            out[m.key] = BookIds(organization_id=org.id, name=org.name)
    for m in mentions:
        if m.kind is not MentionKind.PERSON or m.status is not MentionStatus.CONFIRMED:
            continue
        org = orgs.get(m.organization_key or "")
        if meeting_contact_id and m.contact_id == meeting_contact_id:
            out[m.key] = BookIds(contact_id=meeting_contact_id)
            continue
        contact = store.get_contact(m.contact_id) or match_contact(store, m.name, related=near_people)
        if contact is not None and contact.id == meeting_contact_id:
            out[m.key] = BookIds(contact_id=meeting_contact_id)
            continue
        changed = False
        if contact is None:
            contact = Contact(
                name=m.name,
                aliases=list(m.aliases),
                referred_by_id=meeting_contact_id,
                referred_in_meeting_id=meeting_id,
                lead_status=LeadStatus.TO_CONTACT,
                how_met="mentioned in a meeting",
            )
            changed = True
        known = {normalise_key(n) for n in contact.all_names()}
        extra = [a for a in m.aliases if normalise_key(a) not in known and not _part_of(a, contact.name)]
        if extra:
            contact.aliases.extend(extra)
            changed = True
        if contact.referred_in_meeting_id == meeting_id:
            # a lead from this meeting follows the link as edited here
            wanted = org.id if org else None
            if contact.organization_id != wanted:
                contact.organization_id = wanted
                changed = True
        elif org is not None and contact.organization_id is None:
            contact.organization_id = org.id
            changed = True
        if changed:
            store.save_contact(contact)
        out[m.key] = BookIds(contact_id=contact.id, name=contact.name)
    for m in removed:
        if m.kind is MentionKind.PERSON and m.contact_id and m.contact_id != meeting_contact_id:
            contact = store.get_contact(m.contact_id)
            if contact is not None and contact.referred_in_meeting_id == meeting_id:
                store.delete_contact(contact.id)
    return out
