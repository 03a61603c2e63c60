"""The incremental tracker: a document's mentions kept up to date line by line for the editor.

Per line it keeps the facts of the local pass (full names, organization names,
person-organization links).  An edit re-runs the local pass on the changed line only and
updates ref-counted alias tables for the touched aliases only, so one keystroke costs one
line of work whatever the length of the note.  The result always equals
:func:`~netbook.detector.document.find_mentions` on the whole text (a property test says so).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from netbook.detector.document import DocumentFacts, final_pass, line_spans, link_map, links_for_line, read_line
from netbook.detector.known import Context, clean_names, make_context
from netbook.detector.mention import Entity, Mention
from netbook.detector.reader import PERSON
from netbook.detector.vocabulary import MentionSource, fold

KNOWN = MentionSource.KNOWN


class MentionTracker:
    """Mentions of a document kept up to date line by line (for the note editor).

    Per line it keeps the facts of the local pass (full names, organization names,
    person-organization links).  An edit re-runs the local pass on the changed line
    only and updates ref-counted alias tables for the touched aliases only, so one
    keystroke costs one line of work whatever the length of the note.
    ``line_mentions`` is computed lazily and cached per line until document-level
    facts change (then every cache is stale and lines are recomputed on demand).

    ``update_line`` / ``replace_lines`` return True when document-level facts changed:
    other lines may then show different mentions and should be restyled.
    """

    def __init__(self, known_people: Iterable[str] = (), known_companies: Iterable[str] = ()):
        self._known = (clean_names(known_people), clean_names(known_companies))
        self._ctx = make_context(*self._known)
        self._facts = DocumentFacts()
        self._ctx.set_doc(self._facts.pa, self._facts.oa)
        self._lines: list[str] = [""]
        self._lfacts: list = [((), ())]  # per line: (facts, links)
        self._cache: list = [None]  # per line: (generation, raw mentions)
        self._links: dict[tuple[str, str], int] = {}
        self._gen = 0
        self._links_gen = 0
        self._lm_gen: tuple[int, int] = (-1, -1)
        self._lm: dict[str, str] = {}
        self._stale = False
        self._last_local = None

    # -- configuration ---------------------------------------------------------------
    def set_known(self, known_people: Iterable[str], known_companies: Iterable[str]) -> bool:
        """Replace the known people / companies (user tagged a name).

        Only the lines that contain a word of a name whose entry changed (a known name, its
        aliases, nicknames, initials, or a gazetteer organization it renames) can detect
        differently, so only their local pass is re-run; every other line keeps its facts and
        its cached mentions.  Returns True if document-level facts changed."""
        return self.adopt_known(self.prepare_known(known_people, known_companies))

    def prepare_known(self, known_people: Iterable[str], known_companies: Iterable[str]):
        """The half of :meth:`set_known` that grows with the contact book (building the
        known-name tables and what changed in them).  It only reads the tracker, so it may
        run in a worker thread; hand its result to :meth:`adopt_known` on the tracker's own
        thread."""
        known = (clean_names(known_people), clean_names(known_companies))
        old_ctx = self._ctx
        if known == self._known:
            return (known, None, None, old_ctx)
        new_ctx = make_context(*known)
        return (known, new_ctx, _changed_words(old_ctx, new_ctx), old_ctx)

    def adopt_known(self, prepared) -> bool:
        """Install what :meth:`prepare_known` built: re-reads only the lines it affects."""
        known, new_ctx, words, old_ctx = prepared
        if old_ctx is not self._ctx:
            return self.set_known(*known)  # the tables were rebuilt meanwhile: start again
        if new_ctx is None:
            return False
        new_ctx.set_doc(self._facts.pa, self._facts.oa)
        self._known = known
        self._ctx = new_ctx
        if not words:
            return False
        pat = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
        changed = False
        for i, ln in enumerate(self._lines):
            if not ln:
                continue
            f = fold(ln)
            if "." in f or "’" in f:
                f = f.replace(".", "").replace("’", "'")
            if pat.search(f) is None:
                continue
            self._cache[i] = None
            old = self._lfacts[i]
            lf = self._local(ln)
            if lf != old:
                self._lfacts[i] = lf
                changed = self._update(old, lf) or changed
        return changed

    def _ensure(self) -> None:
        if self._stale:
            self._stale = False
            self._ctx = make_context(*self._known)
            self.set_text("\n".join(self._lines))

    def set_text(self, text: str) -> None:
        """Replace the whole document (load, paste)."""
        if not isinstance(text, str):
            text = ""
        if self._stale:
            self._stale = False
            self._ctx = make_context(*self._known)
        self._lines = [text[a:b] for a, b in line_spans(text)]
        self._facts = DocumentFacts()
        self._ctx.set_doc(self._facts.pa, self._facts.oa)
        self._links = {}
        self._lfacts = []
        data = self._ctx.data
        for ln in self._lines:
            lf = self._local(ln)
            self._lfacts.append(lf)
            if lf[0]:
                self._facts.add(lf[0], data)
            for pair in lf[1]:
                self._links[pair] = self._links.get(pair, 0) + 1
        self._cache = [None] * len(self._lines)
        self._gen += 1

    @property
    def line_count(self) -> int:
        return len(self._lines)

    @property
    def text(self) -> str:
        return "\n".join(self._lines)

    def line(self, line_no: int) -> str:
        return self._lines[line_no] if 0 <= line_no < len(self._lines) else ""

    # -- edits --------------------------------------------------------------------------
    def update_line(self, line_no: int, new_line: str) -> bool:
        """Replace one line.  True if document-level facts changed (other lines may restyle)."""
        self._ensure()
        if not (0 <= line_no < len(self._lines)):
            return False
        if not isinstance(new_line, str):
            new_line = ""
        if "\n" in new_line:
            return self.replace_lines(line_no, line_no + 1, new_line.split("\n"))
        if self._lines[line_no] == new_line:
            return False
        old = self._lfacts[line_no]
        lf = self._local(new_line)
        self._lines[line_no] = new_line
        self._lfacts[line_no] = lf
        self._cache[line_no] = None
        if old == lf:
            return False
        return self._update(old, lf)

    def replace_lines(self, start: int, end: int, new_lines: list[str]) -> bool:
        """Replace lines[start:end] with new_lines (insert: start == end; delete: new_lines=[])."""
        self._ensure()
        start = max(0, min(start, len(self._lines)))
        end = max(start, min(end, len(self._lines)))
        new_lines = [x if isinstance(x, str) else "" for x in new_lines]
        flat = []
        for x in new_lines:
            flat.extend(x.split("\n"))
        new_lines = flat
        facts_changed = links_changed = False
        for lf in self._lfacts[start:end]:
            f, lk = self._apply(lf, -1)
            facts_changed, links_changed = facts_changed or f, links_changed or lk
        new_lf = [self._local(ln) for ln in new_lines]
        for lf in new_lf:
            f, lk = self._apply(lf, +1)
            facts_changed, links_changed = facts_changed or f, links_changed or lk
        changed = facts_changed or links_changed
        self._lines[start:end] = new_lines
        self._lfacts[start:end] = new_lf
        self._cache[start:end] = [None] * len(new_lines)
        if not self._lines:
            self._lines, self._lfacts, self._cache = [""], [((), ())], [None]
        if facts_changed:
            self._gen += 1
        return changed

    def insert_lines(self, line_no: int, new_lines: list[str]) -> bool:
        return self.replace_lines(line_no, line_no, new_lines)

    def delete_lines(self, start: int, end: int) -> bool:
        return self.replace_lines(start, end, [])

    # -- queries --------------------------------------------------------------------------
    def line_mentions(self, line_no: int) -> list[Mention]:
        """Mentions of one line, offsets relative to the line."""
        self._ensure()
        if not (0 <= line_no < len(self._lines)):
            return []
        raw = self._raw(line_no)
        ln = self._lines[line_no]
        lm = self._link_map() if any(f.kind is PERSON for f in raw) else {}
        return [Mention(s, e, kind, ln[s:e], key, src, lm.get(key) if kind is PERSON else None)
                for s, e, kind, key, src in raw]

    def all_mentions(self) -> list[Mention]:
        """Mentions of the whole document, document offsets (lines joined by "\\n")."""
        self._ensure()
        out = []
        pos = 0
        lm = self._link_map()
        for i, ln in enumerate(self._lines):
            for s, e, kind, key, src in self._raw(i):
                out.append(Mention(pos + s, pos + e, kind, ln[s:e], key, src,
                                   lm.get(key) if kind is PERSON else None))
            pos += len(ln) + 1
        return out

    def entities(self) -> dict[str, Entity]:
        """key -> Entity(kind, display (fullest form seen), count, first_line, org_key, source)."""
        self._ensure()
        ents: dict[str, Entity] = {}
        lm = self._link_map()
        for i, ln in enumerate(self._lines):
            for s, e, kind, key, src in self._raw(i):
                text = ln[s:e]
                ent = ents.get(key)
                if ent is None:
                    ents[key] = Entity(key, kind, text, 1, i, lm.get(key) if kind is PERSON else None, src)
                else:
                    ent.count += 1
                    if len(text) > len(ent.display) or (len(text) == len(ent.display)
                                                        and text[:1].isupper() and not ent.display[:1].isupper()):
                        ent.display = text
                    if src is KNOWN:
                        ent.source = KNOWN
        return ents

    # -- internals -------------------------------------------------------------------------
    def _local(self, line: str):
        raw, facts, toks = read_line(line, self._ctx, False)
        self._last_local = (line, raw, toks)  # reused by _raw right after an edit
        links = tuple(links_for_line(line, raw)) if len(raw) > 1 else ()
        return (tuple(facts), links)

    def _apply(self, lf, sign) -> tuple[bool, bool]:
        """Add (sign +1) or remove (-1) one line's facts and links: (facts changed, links changed).

        Links only decide a person's org_key, looked up at query time, so a link change
        leaves every line's cached mentions valid; only a change of facts (full names,
        aliases) can change how other lines read."""
        facts, links = lf
        facts_changed = self._facts.add(facts, self._ctx.data, sign) if facts else False
        links_changed = False
        for pair in links:
            c = self._links.get(pair, 0) + sign
            if c <= 0:
                self._links.pop(pair, None)
            else:
                self._links[pair] = c
            links_changed = True
        if links_changed:
            self._links_gen += 1
        return facts_changed, links_changed

    def _update(self, old, new) -> bool:
        """Swap one line's facts ``old`` for ``new``; True if anything document-level changed."""
        f1, l1 = self._apply(old, -1)
        f2, l2 = self._apply(new, +1)
        if f1 or f2:
            self._gen += 1
        return f1 or f2 or l1 or l2

    def _link_map(self) -> dict[str, str]:
        stamp = (self._gen, self._links_gen)
        if self._lm_gen != stamp:
            self._lm = link_map(self._links, self._facts.pa)
            self._lm_gen = stamp
        return self._lm

    def _raw(self, i):
        c = self._cache[i]
        if c is not None and c[0] == self._gen:
            return c[1]
        ln = self._lines[i]
        fa = self._facts
        last = self._last_local
        if last is not None and last[0] is ln:
            raw, toks = last[1], last[2]
        else:
            raw, _f, toks = read_line(ln, self._ctx, False)
        if fa.pa or fa.oa:
            # exactly what find_mentions does: local pass, then the final pass where needed
            raw = final_pass(ln, raw, toks, self._ctx)
        self._cache[i] = (self._gen, raw)
        return raw


def _changed_words(old: Context, new: Context) -> set[str]:
    """Lowercase words whose presence in a line can make it detect differently under
    ``new`` than under ``old`` known lists (a superset is fine: it only costs a re-run)."""
    words: set[str] = set()
    for a, b in ((old.known_person_full, new.known_person_full),
                 (old.known_person_alias, new.known_person_alias),
                 (old.known_org_index, new.known_org_index),
                 (old.known_org_alias, new.known_org_alias)):
        for k in set(a) | set(b):
            if a.get(k) != b.get(k):
                k = k.lstrip("\0").split(" ")[0].lower()
                if k:
                    words.add(k)
    ok_a, ok_b = old.org_known_keys, new.org_known_keys
    canon = {k for k in set(ok_a) | set(ok_b) if ok_a.get(k) != ok_b.get(k)}
    if canon:
        for lst in new.data.org_index.values():
            for ent in lst:
                if ent[1] in canon:
                    words.add(ent[0][0])
        words.update(c.split(" ")[0] for c in canon)
    return words
