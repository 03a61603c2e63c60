"""The live note pad: a TextArea that flags people and organizations as they are typed.

Styling is lazy and per line: :meth:`NotePad.get_line` asks the mention tracker for the
mentions of the one line being drawn (the tracker caches them per line) and caches the
resulting spans keyed by the line's text, so a keystroke re-detects only the changed
line and repaints only what is visible. Nothing here scans the whole document per key.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from rich.style import Style
from rich.text import Span, Text
from textual.message import Message
from textual.timer import Timer
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult

from netbook.domain.display_text import visible_text
from netbook.domain.fallback_tracker import FallbackTracker
from netbook.domain.models import MentionKind
from netbook.domain.note_marks import MARK, is_marked, toggle_mark
from netbook.widgets.text_area_hooks import HookedTextArea

# A pasted line longer than this is shown verbatim but not scanned for names.
MAX_STYLED_LINE = 4000
# Lines other than the edited one restyle this long after a name elsewhere changed.
RESTYLE_DELAY = 0.15
# An edit this big (a large paste, opening a long note) is detected in a worker thread:
# the text shows at once, the flags follow when detection is done.
BIG_EDIT_LINES = 2_000
BIG_EDIT_CHARS = 200_000
READ_SLICE_LINES = 500
# A line this long is re-read for names when typing pauses, not on every key: re-reading it
# costs a millisecond or more per key. Meanwhile the names before the edit keep their flags.
LONG_LINE = 300
LONG_LINE_PAUSE = 0.08
READ_PAUSE_SECONDS = 0.002

PERSON = "note-pad--person"
ORGANIZATION = "note-pad--organization"
PERSON_SUGGESTED = "note-pad--person-suggested"
ORGANIZATION_SUGGESTED = "note-pad--organization-suggested"
MARKED = "note-pad--mark"  # the ★ of a line marked for the thank-you

# mention -> component class (or None to leave it plain)
Styler = Callable[[Any], str | None]


def make_tracker(known_people: Sequence[str] = (), known_companies: Sequence[str] = ()):
    """The detector's incremental tracker, or the known-names fallback if it is not available."""
    try:
        from netbook.detector import MentionTracker
    except Exception:  # noqa: BLE001 - detector missing or broken: known names still work
        return FallbackTracker(known_people, known_companies)
    try:
        return MentionTracker(known_people=known_people, known_companies=known_companies)
    except Exception:  # noqa: BLE001
        return FallbackTracker(known_people, known_companies)


def default_styler(mention: Any) -> str | None:
    kind = mention.kind
    source = getattr(getattr(mention, "source", "known"), "value", getattr(mention, "source", "known"))
    suggested = source == "suggested"
    if kind is MentionKind.PERSON:
        return PERSON_SUGGESTED if suggested else PERSON
    return ORGANIZATION_SUGGESTED if suggested else ORGANIZATION


class NotePad(HookedTextArea):
    """Soft-wrapped notes with people and organizations styled as they appear."""

    HELP_TITLE = "Note pad"

    COMPONENT_CLASSES = TextArea.COMPONENT_CLASSES | {
        PERSON, ORGANIZATION, PERSON_SUGGESTED, ORGANIZATION_SUGGESTED, MARKED,
    }

    DEFAULT_CSS = """
    NotePad { border: round $panel-lighten-2; padding: 0 1; }
    NotePad:focus { border: round $accent; }
    NotePad > .note-pad--person { color: $success; text-style: bold; }
    NotePad > .note-pad--organization { color: $warning; text-style: bold; }
    NotePad > .note-pad--person-suggested { color: $success; text-style: underline; }
    NotePad > .note-pad--organization-suggested { color: $warning; text-style: underline; }
    NotePad > .note-pad--mark { color: $accent; text-style: bold; }
    """

    class Redetected(Message):
        """Detection of a big edit finished in the background: the flags are current again."""

    def __init__(
        self,
        text: str = "",
        *,
        tracker: Any = None,
        known: tuple[Sequence[str], Sequence[str]] = ((), ()),
        styler: Styler | None = None,
        mirrors: Sequence[Any] = (),
        id: str | None = None,
        classes: str | None = None,
        **kwargs: Any,
    ) -> None:
        # Others that follow the text edit by edit (set_text / replace_lines / set_known),
        # e.g. the mention counter that feeds the panel from a worker thread.
        self.mirrors = list(mirrors)
        self._known = (list(known[0]), list(known[1]))
        self.tracker = tracker if tracker is not None else make_tracker(*self._known)
        self._detecting = 0  # version of the background reading in flight; 0 = none
        self._known_version = 0  # bumped per set_known: an older prepared set is dropped
        self._detect_version = 0
        self._pending_edits: list[tuple[int, int, list[str]]] = []  # small edits made during a reading
        self._long_edit: tuple[int, str, list[Any]] | None = None  # (line, text the tracker has, its mentions)
        self._long_timer: Timer | None = None
        self._reread = False  # a big edit during a reading: read again when it ends
        self.styler: Styler = styler or default_styler
        self._shadow: list[str] = []  # the lines as the tracker knows them
        self._span_cache: dict[int, tuple[str, int, list[Span], str]] = {}
        self._generation = 0
        self._restyle_timer: Timer | None = None
        self._styles: dict[str, Style] = {}
        self.lines_changed = 0  # bumped on every edit; the screen refreshes the panel from it
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("tab_behavior", "focus")
        super().__init__(text, id=id, classes=classes, **kwargs)

    # ------------------------------------------------------------------ document sync

    def document_replaced(self, text: str) -> None:
        if getattr(self, "_long_edit", None) is not None:
            if self._long_timer is not None:
                self._long_timer.stop()
            self._long_edit = self._long_timer = None  # the whole text is read again below
        self._shadow = list(self.document.lines)
        if self.mirrors:
            joined = "\n".join(self._shadow)
            for mirror in self.mirrors:
                mirror.set_text(joined)
        if len(self._shadow) > BIG_EDIT_LINES or len(text) > BIG_EDIT_CHARS:
            self._detect_in_background()
        else:
            self.tracker.set_text("\n".join(self._shadow))
        self._span_cache.clear()
        self._generation += 1
        self.lines_changed += 1

    @property
    def detecting(self) -> bool:
        """True while a big edit is being read in the background (lines show unflagged)."""
        return self._detecting != 0

    def _detect_in_background(self) -> None:
        """Read the whole document into a fresh tracker in a thread, then swap it in.

        One reading at a time: small edits made meanwhile are replayed on the result
        (cheap, incremental); another big edit asks for one more reading afterwards.
        """
        if self._detecting:
            self._reread = True
            return
        self._detect_version += 1
        self._detecting = self._detect_version
        self._pending_edits = []
        self._reread = False
        if not self.is_mounted:
            return  # on_mount starts it (a long note being opened)
        self._start_reading()

    def _start_reading(self) -> None:
        version = self._detecting
        text = "\n".join(self._shadow)
        fresh = make_tracker(*self._known)

        def read() -> None:
            # In slices, pausing between them: a thread holding the GIL for seconds would
            # starve the UI thread, and typing must stay live while a paste is read.
            lines = text.split("\n")
            fresh.set_text("\n".join(lines[:READ_SLICE_LINES]))
            for at in range(READ_SLICE_LINES, len(lines), READ_SLICE_LINES):
                time.sleep(READ_PAUSE_SECONDS)
                if version != self._detecting:
                    return  # superseded
                fresh.replace_lines(at, at, lines[at:at + READ_SLICE_LINES])
            try:
                self.app.call_from_thread(self._adopt, fresh, version)
            except RuntimeError:  # the app is closing
                pass

        self.run_worker(read, thread=True, group="note-detect", exit_on_error=False)

    def on_mount(self) -> None:
        if self._detecting:
            self._start_reading()

    def _adopt(self, fresh: Any, version: int) -> None:
        if version != self._detecting:
            return
        if self._reread:
            self._detecting = 0
            self._detect_in_background()
            return
        for start, end, new_lines in self._pending_edits:
            if end - start == 1 and len(new_lines) == 1:
                fresh.update_line(start, new_lines[0])
            else:
                fresh.replace_lines(start, end, new_lines)
        fresh.set_known(*self._known)
        self._pending_edits = []
        self.tracker = fresh
        self._detecting = 0
        self.lines_changed += 1
        self.restyle()
        self.post_message(self.Redetected())

    def _replace_lines(self, start: int, end: int, new_lines: list[str]) -> None:
        """Tell the tracker that lines [start, end) are now ``new_lines``."""
        single = end - start == 1 and len(new_lines) == 1
        if self._long_edit is not None and not (single and self._long_edit[0] == start):
            self._flush_long_edit()  # before line numbers can move
        old_line = self._shadow[start] if single and start < len(self._shadow) else ""
        self._shadow[start:end] = new_lines
        for mirror in self.mirrors:
            mirror.replace_lines(start, end, new_lines)
        big = len(new_lines) > BIG_EDIT_LINES or sum(map(len, new_lines)) > BIG_EDIT_CHARS
        if big or self._detecting:
            if big:
                self._detect_in_background()
            else:
                self._pending_edits.append((start, end, list(new_lines)))
            self.lines_changed += 1
            return
        if single and len(new_lines[0]) > LONG_LINE and self.is_mounted:
            if self._long_edit is None:
                self._long_edit = (start, old_line, self._tracker_line_mentions(start))
            if self._long_timer is not None:
                self._long_timer.stop()
            self._long_timer = self.set_timer(LONG_LINE_PAUSE, self._flush_long_edit)
            self.lines_changed += 1
            return
        tracker = self.tracker
        if single:
            changed = tracker.update_line(start, new_lines[0])
        else:
            changed = tracker.replace_lines(start, end, new_lines)
        if changed:
            # a new full name or link: other lines may restyle. The edited line is redrawn
            # now (its text changed); the rest catch up a moment later, so a keystroke
            # never pays for re-detecting the whole visible region.
            self._schedule_restyle()
        self.lines_changed += 1

    def _flush_long_edit(self) -> None:
        """Re-read the long line being typed into (typing paused, or something needs it now)."""
        if self._long_timer is not None:
            self._long_timer.stop()
            self._long_timer = None
        edit, self._long_edit = self._long_edit, None
        if edit is None:
            return
        line_no = edit[0]
        self.tracker.update_line(line_no, self._shadow[line_no])
        self.restyle()

    def _schedule_restyle(self) -> None:
        if self._restyle_timer is None and self.is_mounted:
            self._restyle_timer = self.set_timer(RESTYLE_DELAY, self._deferred_restyle)

    def _deferred_restyle(self) -> None:
        self._restyle_timer = None
        self.restyle()

    def edit(self, edit: Edit) -> EditResult:
        top_row = min(edit.from_location, edit.to_location)[0]
        bottom_row = max(edit.from_location, edit.to_location)[0]
        result = super().edit(edit)
        new_bottom = result.end_location[0]
        lines = self.document.lines
        self._replace_lines(top_row, bottom_row + 1, lines[top_row:new_bottom + 1])
        return result

    def _resync(self) -> None:
        """Find what changed by comparing with the shadow copy (undo/redo: rare)."""
        new = self.document.lines
        old = self._shadow
        n_old, n_new = len(old), len(new)
        lo = 0
        limit = min(n_old, n_new)
        while lo < limit and old[lo] == new[lo]:
            lo += 1
        hi = 0
        while hi < limit - lo and old[n_old - 1 - hi] == new[n_new - 1 - hi]:
            hi += 1
        if lo == n_old == n_new:
            return
        self._replace_lines(lo, n_old - hi, new[lo:n_new - hi])

    def undo(self) -> None:
        super().undo()
        self._resync()

    def redo(self) -> None:
        super().redo()
        self._resync()

    # ------------------------------------------------------------------ keys in order

    async def on_key(self, event: Any) -> None:
        """Run the screen's chords (ctrl+t, ctrl+n, ...) in typing order.

        Textual checks non-priority bindings only after a key has bubbled up to the app,
        while the keys typed after it are already being inserted here: with fast typing
        ctrl+t would see text typed after it. So a chord bound on an ancestor (the screen)
        is run from this widget's own queue, before the next key is handled.
        """
        if self.check_consume_key(event.key, event.character):
            return  # typed text: TextArea inserts it
        active = self.screen.active_bindings.get(event.key)  # keymap applied, disabled ones left out
        if active is None or active.node is self or active.node is self.app:
            return  # our own keys and the app's (ctrl+q): the usual path
        event.stop()
        event.prevent_default()  # TextArea's own handler does not see it
        await self.app.run_action(active.binding.action, active.node)

    # ------------------------------------------------------------------ styling

    def restyle(self) -> None:
        """Known names or user decisions changed: redraw the visible lines."""
        self._generation += 1
        self._span_cache.clear()
        self.notify_style_update()
        self.refresh()

    def set_known(self, people: Sequence[str], companies: Sequence[str]) -> None:
        self._flush_long_edit()
        # Not copied (20,000 names per tag add up): callers hand over fresh lists they leave alone.
        self._known = (people if isinstance(people, list) else list(people),
                       companies if isinstance(companies, list) else list(companies))
        for mirror in self.mirrors:
            mirror.set_known(self._known[0], self._known[1])
        if not self._detecting:  # else applied to the fresh tracker when it is adopted
            tracker = self.tracker
            if hasattr(tracker, "prepare_known") and self.is_mounted:
                self._prepare_known(tracker)
                return
            tracker.set_known(*self._known)
        self.lines_changed += 1
        self.restyle()

    def _prepare_known(self, tracker: Any) -> None:
        """Build the new known-name tables in a worker (they grow with the contact book), then adopt them here."""
        self._known_version += 1
        version, known = self._known_version, self._known

        def prepare() -> None:
            prepared = tracker.prepare_known(*known)
            try:
                self.app.call_from_thread(self._adopt_known, tracker, version, prepared)
            except RuntimeError:  # the app is closing
                pass

        self.run_worker(prepare, thread=True, group="note-known", exit_on_error=False)

    def _adopt_known(self, tracker: Any, version: int, prepared: Any) -> None:
        if version != self._known_version or tracker is not self.tracker or self._detecting:
            return  # newer names, or a fresh tracker that was given them when adopted
        self._flush_long_edit()
        try:
            tracker.adopt_known(prepared)
        except Exception:  # noqa: BLE001 - a detector bug must never stop typing
            return
        self.lines_changed += 1
        self.restyle()

    def notify_style_update(self) -> None:
        self._styles.clear()
        self._span_cache.clear()
        super().notify_style_update()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name, partial=True)
        return style

    def get_line(self, line_index: int) -> Text:
        line_string = self.document.get_line(line_index)
        cached = self._span_cache.get(line_index)
        if cached is not None and cached[1] == self._generation and cached[0] == line_string:
            spans, shown = cached[2], cached[3]
        else:
            spans = self._compute_spans(line_index, line_string)
            shown = visible_text(line_string)
            self._span_cache[line_index] = (line_string, self._generation, spans, shown)
        return Text(shown, end="", no_wrap=True, spans=spans[:] if spans else None)

    def _compute_spans(self, line_index: int, line_string: str) -> list[Span]:
        if not line_string or len(line_string) > MAX_STYLED_LINE:
            return []
        spans = []
        if is_marked(line_string):
            at = line_string.index(MARK)
            spans.append(Span(at, at + len(MARK), self._style(MARKED)))
        for mention in self._mentions_for_styling(line_index):
            name = self.styler(mention)
            if name:
                spans.append(Span(mention.start, mention.end, self._style(name)))
        return spans

    def line_mentions(self, line_index: int) -> list[Any]:
        """The mentions of one line, current with every key typed (re-reads a pending long line)."""
        if self._long_edit is not None:
            self._flush_long_edit()
        return self._tracker_line_mentions(line_index)

    def _tracker_line_mentions(self, line_index: int) -> list[Any]:
        if self._detecting or line_index >= len(self._shadow) or len(self._shadow[line_index]) > MAX_STYLED_LINE:
            return []
        try:
            return list(self.tracker.line_mentions(line_index))
        except Exception:  # noqa: BLE001 - a detector bug must never stop typing
            return []

    def _mentions_for_styling(self, line_index: int) -> list[Any]:
        """While a long line waits to be re-read, the flags before the edit stay; the rest follow."""
        edit = self._long_edit
        if edit is not None and edit[0] == line_index:
            before, now = edit[1], self._shadow[line_index]
            same = 0
            for a, b in zip(before, now):
                if a != b:
                    break
                same += 1
            return [m for m in edit[2] if m.end < same]
        return self._tracker_line_mentions(line_index)

    def mention_at(self, row: int, col: int) -> Any | None:
        """The flagged mention under (or ending at) the cursor position."""
        for mention in self.line_mentions(row):
            if mention.start <= col <= mention.end:
                return mention
        return None

    def toggle_mark(self) -> None:
        """Mark the cursor's line for the thank-you (a ★ in front), or unmark it; the cursor stays on its word."""
        row, col = self.cursor_location
        line = self.document.get_line(row)
        new = toggle_mark(line)
        self.replace(new, (row, 0), (row, len(line)), maintain_selection_offset=False)
        self.cursor_location = (row, max(0, col + len(new) - len(line)))

    @property
    def line_count(self) -> int:
        return self.document.line_count
