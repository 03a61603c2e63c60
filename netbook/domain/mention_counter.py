"""Counting every mention of a note per entity, off the UI thread: what the mentions panel lists.

Pure core, no Textual: the note pad feeds :class:`MentionCounter` its edits, a worker
calls :meth:`MentionCounter.count` and hands the result to
:meth:`netbook.domain.meeting_mentions.MeetingMentions.sync`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from netbook.domain.meeting_mentions import Occurrence
from netbook.domain.models import MentionKind, normalise_key
from netbook.domain.tagging import org_link_after


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
