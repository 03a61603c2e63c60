"""Search the text of every meeting's notes: one index, built once in a worker, queried per keystroke.

:class:`NoteIndex` holds every note line of every meeting, folded by the one accent and
case rule (:func:`netbook.detector.vocabulary.fold`, the name key's), so "jose" finds
"José" and "RESUME" finds "résumé". ``refresh`` reads the meeting files as plain JSON
(only the files that changed since the last refresh, by modification time and size);
``search`` filters the lines in memory and narrows the previous result while the query
only grows (the usual case while typing). Pure core: no Textual.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from netbook.detector.vocabulary import fold
from netbook.storage.store import Store

MAX_HITS = 200  # hits SearchResult.hits makes eagerly (the screen draws from ``found`` lazily)


@dataclass(frozen=True, slots=True)
class NoteLine:
    """One line of one meeting's notes."""

    meeting_id: str
    line: int  # 0-based line number in the notes
    text: str  # exactly as typed
    folded: str  # fold(text): what queries are matched against


@dataclass(frozen=True, slots=True)
class MeetingInfo:
    """What a hit shows about its meeting (from the meeting index, never the file)."""

    when: datetime | None
    contact_name: str
    organization_name: str


@dataclass(frozen=True, slots=True)
class NoteHit:
    note: NoteLine
    meeting: MeetingInfo
    spans: tuple[tuple[int, int], ...]  # (start, end) in note.text of each query word found


@dataclass
class SearchResult:
    """Every matching line (``found``, in index order); hits with their match offsets made on demand."""

    query: str
    words: list[str]
    found: list[NoteLine]
    meetings_info: dict[str, MeetingInfo]
    limit: int = MAX_HITS

    @property
    def total(self) -> int:
        return len(self.found)

    @property
    def meetings(self) -> int:
        """How many meetings have a matching line."""
        return len({n.meeting_id for n in self.found})

    def hit(self, note: NoteLine) -> NoteHit:
        info = self.meetings_info.get(note.meeting_id) or MeetingInfo(None, "", "")
        return NoteHit(note, info, match_spans(note.text, self.words))

    @property
    def hits(self) -> list[NoteHit]:
        """The first ``limit`` hits."""
        return [self.hit(n) for n in self.found[: self.limit]]


def query_words(query: str) -> list[str]:
    """The folded words of a query; a line matches when it holds every one."""
    return fold(query).split()


def match_spans(text: str, words: Iterable[str]) -> tuple[tuple[int, int], ...]:
    """Where each (folded) word occurs in ``text``, as offsets into ``text`` itself.

    Folding may change a line's length ("ß" -> "ss", "é" -> "e" + accent dropped), so the
    offsets are mapped back character by character through the same :func:`fold`.
    """
    if text.isascii():
        folded, starts = text.lower(), None
    else:
        pieces = [fold(ch) for ch in text]
        folded = "".join(pieces)
        starts = []  # folded offset -> index of the character it came from
        for index, piece in enumerate(pieces):
            starts.extend([index] * len(piece))
    spans: list[tuple[int, int]] = []
    for word in words:
        at = folded.find(word)
        while at >= 0 and word:
            end = at + len(word)
            if starts is None:
                spans.append((at, end))
            else:
                spans.append((starts[at], starts[end - 1] + 1))
            at = folded.find(word, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


@dataclass
class _MeetingLines:
    stamp: tuple[int, int]
    lines: list[NoteLine] = field(default_factory=list)


def read_note_lines(path: Path, meeting_id: str) -> list[NoteLine] | None:
    """The non-blank note lines of one meeting file, read as plain JSON (None if it cannot be read)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    notes = doc.get("notes") if isinstance(doc, dict) else None
    if not isinstance(notes, str):
        return [] if isinstance(doc, dict) else None
    return [NoteLine(meeting_id, number, text, fold(text))
            for number, text in enumerate(notes.split("\n")) if text.strip()]


class NoteIndex:
    """Every note line of every meeting, most recent meeting first; safe to refresh from a worker."""

    def __init__(self) -> None:
        self._files: dict[str, _MeetingLines] = {}
        self._lock = threading.Lock()
        self.lines: list[NoteLine] = []
        self.meetings: dict[str, MeetingInfo] = {}
        self.unreadable: list[str] = []  # meeting ids whose file could not be read on the last refresh
        self.ready = False
        self._last: tuple[list[str], list[NoteLine]] = ([], [])

    def refresh(self, store: Store) -> None:
        """Read the meeting files that changed since the last refresh (all of them the first time)."""
        summaries = store.meeting_summaries()  # most recent first
        stamps: dict[str, tuple[int, int]] = {}
        try:
            entries = list(os.scandir(store.meetings_dir))
        except FileNotFoundError:
            entries = []
        for entry in entries:
            if entry.name.endswith(".json"):
                try:
                    st = entry.stat()
                except FileNotFoundError:
                    continue
                stamps[entry.name[:-5]] = (st.st_mtime_ns, st.st_size)
        files: dict[str, _MeetingLines] = {}
        unreadable: list[str] = []
        for summary in summaries:
            stamp = stamps.get(summary.id)
            if stamp is None:
                continue
            old = self._files.get(summary.id)
            if old is not None and old.stamp == stamp:
                files[summary.id] = old
                continue
            lines = read_note_lines(store.meeting_path(summary.id), summary.id)
            if lines is None:
                unreadable.append(summary.id)
                continue
            files[summary.id] = _MeetingLines(stamp, lines)
        meetings = {s.id: MeetingInfo(s.when(), s.contact_name, s.organization_name) for s in summaries}
        ordered = [line for s in summaries if s.id in files for line in files[s.id].lines]
        with self._lock:
            self._files, self.meetings, self.lines = files, meetings, ordered
            self.unreadable = unreadable
            self._last = ([], ordered)
            self.ready = True

    def search(self, query: str, *, limit: int = MAX_HITS) -> SearchResult:
        """The lines holding every word of ``query`` (case and accents aside); empty query, no hits."""
        words = query_words(query)
        if not words:
            return SearchResult(query, [], [], self.meetings, limit)
        with self._lock:
            last_words, last_found = self._last
            pool = last_found if last_words and _narrows(last_words, words) else self.lines
            found = pool
            for word in sorted(words, key=len, reverse=True):  # the longest word leaves the fewest lines
                found = [n for n in found if word in n.folded]
            self._last = (words, found)
            meetings = self.meetings
        return SearchResult(query, words, found, meetings, limit)

    @property
    def meeting_count(self) -> int:
        return len(self._files)


def _narrows(old: list[str], new: list[str]) -> bool:
    """Every line matching ``new`` also matches ``old`` (each old word is inside a new one)."""
    if len(new) < len(old):
        return False
    return all(o == n for o, n in zip(old[:-1], new)) and old[-1] in new[len(old) - 1]
