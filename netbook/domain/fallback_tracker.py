"""A tiny stand-in for ``netbook.detector.MentionTracker``: known and tagged names only.

Used when the detector cannot be imported, so the note pad still flags the names the
user tagged and the contact book holds. Pure core, no Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from netbook.detector.tokens import WORD_RE, token_key, words
from netbook.domain.models import MentionKind, normalise_key


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
