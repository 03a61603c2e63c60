"""Everyone and every organization flagged so far, with count and first line.

Focus it (F4 or Tab from the note pad) to act on an entry: confirm, make it a person or
an organization, link a person to an organization, merge two entries, remove the flag.
Linking and merging pick their target in the same list (no dialog); Esc goes back.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from netbook.domain.display_text import visible_text
from netbook.domain.models import MentionKind, MentionStatus, name_likeness


@dataclass(frozen=True, slots=True)
class PanelRow:
    key: str
    label: str  # "Susan Smith · Citibank"
    kind: MentionKind
    status: MentionStatus
    count: int
    first_line: int | None
    own: bool = False  # the person being met


PERSON_ROW = "mentions-panel--person"
ORGANIZATION_ROW = "mentions-panel--organization"
SUGGESTED_ROW = "mentions-panel--suggested"
SELECTED_ROW = "mentions-panel--selected"
SELECTED_FOCUSED_ROW = "mentions-panel--selected-focused"
PICKING_ROW = "mentions-panel--picking"
HINT_LINE = "mentions-panel--hint"
MODE_LINE = "mentions-panel--mode"
OFFER_LINE = "mentions-panel--offer"
SIZE_STEP = 32
HINT = "Tag names with ctrl+t (person) or ctrl+o (organization)."


class MentionsPanel(ScrollView, can_focus=True):
    """Virtualised: only the rows on screen are drawn, and a refresh redraws only the rows that changed.

    A long meeting flags thousands of names; one widget per row made every panel update
    cost the whole list.
    """

    HELP_TITLE = "Mentions"

    COMPONENT_CLASSES = {PERSON_ROW, ORGANIZATION_ROW, SUGGESTED_ROW, SELECTED_ROW, SELECTED_FOCUSED_ROW,
                         PICKING_ROW, HINT_LINE, MODE_LINE, OFFER_LINE}

    DEFAULT_CSS = """
    MentionsPanel { border: round $panel-lighten-2; padding: 0 1; }
    MentionsPanel:focus { border: round $accent; }
    MentionsPanel > .mentions-panel--person { color: $success; }
    MentionsPanel > .mentions-panel--organization { color: $warning; }
    MentionsPanel > .mentions-panel--suggested { text-style: italic; color: $text-muted; }
    MentionsPanel > .mentions-panel--selected { background: $boost; }
    MentionsPanel > .mentions-panel--selected-focused { background: $accent 40%; color: $text; }
    MentionsPanel > .mentions-panel--picking { text-style: bold; }
    MentionsPanel > .mentions-panel--hint { color: $text-muted; }
    MentionsPanel > .mentions-panel--mode { color: $text; background: $warning 40%; }
    MentionsPanel > .mentions-panel--offer { color: $text; background: $accent 25%; }
    """

    # the footer keeps to what fits at 80 columns (and Esc); F1 lists the rest
    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False, id="mentions.up"),
        Binding("down,j", "move(1)", "Down", show=False, id="mentions.down"),
        Binding("enter", "enter", "Confirm/pick", id="mentions.enter", show=False),
        Binding("c", "confirm", "Confirm", id="mentions.confirm"),
        Binding("p", "kind('person')", "Person", id="mentions.person", show=False),
        Binding("o", "kind('organization')", "Organization", id="mentions.organization", show=False),
        Binding("l", "link", "Link to org", id="mentions.link"),
        Binding("u", "unlink", "Unlink", id="mentions.unlink", show=False),
        Binding("m", "merge", "Merge into…", id="mentions.merge"),
        Binding("x,delete", "remove", "Remove flag", id="mentions.remove"),
        Binding("escape", "leave", "Back to notes", id="mentions.leave"),
    ]

    class Act(Message):
        """The user asked for ``action`` on entry ``key`` (``target``: link/merge target key)."""

        def __init__(self, action: str, key: str | None, target: str | None = None) -> None:
            super().__init__()
            self.action = action
            self.key = key
            self.target = target

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = self._title = "Mentions"
        self.rows: list[PanelRow] = []
        self.selected = 0
        self.mode: str | None = None  # "link" or "merge" while picking a target
        self._source: str | None = None
        self._texts: dict[int, tuple[PanelRow, int, Text]] = {}  # row index -> its text, built when first drawn
        self._problem = ""  # why the last pick did nothing, shown in the prompt
        self._banner_lines: list[tuple[Text, str]] | None = None  # rebuilt when the rows or the mode change
        self._banner_width = 0
        self._offer: tuple[str, str] | None = None  # (entry, the entry it is likely the same as)

    def offer_merge(self, key: str, target: str | None) -> None:
        """Say that ``key`` may be ``target`` ("Sue" near "Susan Smith"): F4, m, Enter merges them."""
        self._offer = (key, target) if target else None
        self._paint()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        store = getattr(self.app, "store", None)
        if store is not None and store.read_only and action not in ("move", "leave"):
            return False  # a read-only copy cannot change what is flagged
        return True

    def _name_of(self, key: str) -> str:
        label = next((r.label for r in self.rows if r.key == key), key)
        return label.split(" · ")[0]

    # ------------------------------------------------------------------ drawing

    def _banners(self) -> list[tuple[Text, str]]:
        """Lines fixed at the top of the view: the picking prompt, a merge offer, or the hint when empty."""
        width = max(1, self.scrollable_content_region.width)
        if self._banner_lines is None or self._banner_width != width:
            lines: list[tuple[Text, str]] = []
            for text, component in self._make_banners():  # wrapped: a narrow panel shows all of it
                for line in text.wrap(self.app.console, width):
                    lines.append((line, component))
            self._banner_lines, self._banner_width = lines, width
        return self._banner_lines

    def _make_banners(self) -> list[tuple[Text, str]]:
        out: list[tuple[Text, str]] = []
        if self.mode and self._source is not None:
            verb = "Link" if self.mode == "link" else "Merge"
            target = "an organization" if self.mode == "link" else "the entry it is the same as"
            joint = "to" if self.mode == "link" else "into"
            prompt = Text(end="")
            if self._problem:
                prompt.append(self._problem + " ", style="bold")
            prompt.append(f"{verb} {visible_text(self._name_of(self._source))} {joint} {target}: "
                          "Enter picks, Esc cancels")
            out.append((prompt, MODE_LINE))
        keys = {r.key for r in self.rows} if self._offer else set()
        if self._offer and not self.mode and {*self._offer} <= keys:
            source, target = (visible_text(self._name_of(k)) for k in self._offer)
            out.append((Text(f"{source} may be {target}: F4, m, Enter merges them.", end=""), OFFER_LINE))
        if not self.rows:
            out.append((Text(HINT, end=""), HINT_LINE))
        return out

    @property
    def _top(self) -> int:
        return len(self._banners())

    def _resize(self) -> None:
        # The height grows and shrinks in steps: each change of a virtual size re-lays out the
        # whole screen, and a new name per typing pause would pay that every time.
        lines = self._top + len(self.rows)
        height = lines if lines <= self.scrollable_content_region.height else -(-lines // SIZE_STEP) * SIZE_STEP
        size = Size(self.scrollable_content_region.width, height)
        if size != self.virtual_size:
            self.virtual_size = size

    def on_resize(self) -> None:
        self._resize()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def _row_text(self, index: int, width: int) -> Text:
        """One line per row: a long label is cut short so the count and first line stay in view."""
        row = self.rows[index]
        cached = self._texts.get(index)
        if cached is not None and cached[0] is row and cached[1] == width:
            return cached[2]
        text = Text(no_wrap=True, end="")
        mark = "●" if row.kind is MentionKind.PERSON else "■"
        if row.status is MentionStatus.SUGGESTED:
            mark = "○" if row.kind is MentionKind.PERSON else "□"
        text.append(f"{mark} ")
        text.append(visible_text(row.label))
        if row.own:
            text.append(" (you're meeting)", style="dim")
        if row.status is MentionStatus.SUGGESTED:
            text.append(" ?", style="bold")
        where = f" L{row.first_line + 1}" if row.first_line is not None else ""
        suffix = Text(f"  {row.count}×{where}", style="dim", end="")
        if text.cell_len + suffix.cell_len > width:
            text.truncate(max(4, width - suffix.cell_len), overflow="ellipsis")
        text.append_text(suffix)
        self._texts[index] = (row, width, text)
        return text

    def _line_style(self, index: int) -> Style:
        row = self.rows[index]
        style = self.rich_style
        style += self.get_component_rich_style(PERSON_ROW if row.kind is MentionKind.PERSON else ORGANIZATION_ROW)
        if row.status is MentionStatus.SUGGESTED:
            style += self.get_component_rich_style(SUGGESTED_ROW)
        if row.key == self._source:
            style += self.get_component_rich_style(PICKING_ROW)
        if index == self.selected:
            style += self.get_component_rich_style(SELECTED_FOCUSED_ROW if self.has_focus else SELECTED_ROW)
        return style

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        top = self._top
        base = self.rich_style
        if y < top:
            text, component = self._banners()[y]
            style = base + self.get_component_rich_style(component)
            text.truncate(width, overflow="ellipsis")
            return Strip(text.render(self.app.console), text.cell_len).crop_extend(0, width, style).apply_style(style)
        index = scroll_y + y - top
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, base)
        style = self._line_style(index)
        text = self._row_text(index, width).copy()
        text.truncate(width + scroll_x, overflow="ellipsis")
        strip = Strip(text.render(self.app.console, end=""), text.cell_len)
        return strip.crop_extend(scroll_x, scroll_x + width, style).apply_style(style)

    def _refresh_rows(self, indices: set[int]) -> None:
        """Redraw these rows if they are on screen (others are drawn when scrolled to)."""
        if not indices:
            return
        scroll_y = int(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        top = self._top
        width = self.size.width
        for index in indices:
            y = index - scroll_y + top
            if top <= y < height:
                self.refresh(Region(0, y, width, 1))

    # ------------------------------------------------------------------ content

    def show(self, rows: list[PanelRow]) -> None:
        """Replace the rows; only those whose content changed are redrawn."""
        key = self.selected_key
        old_rows, old_selected, old_top = self.rows, self.selected, self._top
        self.rows = rows
        self._banner_lines = None
        people = sum(r.kind is MentionKind.PERSON for r in rows)
        title = f"Mentions {people}p {len(rows) - people}o" if rows else "Mentions"
        if title != self._title:
            self._title = self.border_title = title
        if key is not None:
            self.selected = next((i for i, r in enumerate(rows) if r.key == key), min(self.selected, len(rows) - 1))
        self.selected = max(0, min(self.selected, len(rows) - 1))
        if len(rows) != len(old_rows) or self._top != old_top:
            self._texts = {i: t for i, t in self._texts.items() if i < len(rows) and t[0] is rows[i]}
            self._resize()
            self.refresh()
        else:
            changed = {i for i, (a, b) in enumerate(zip(old_rows, rows)) if a != b}
            for i in changed:
                self._texts.pop(i, None)
            if self.selected != old_selected:
                changed |= {self.selected, old_selected}
            self._refresh_rows(changed)
        if self.selected != old_selected or not old_rows:
            self._scroll_to_selected()

    def _paint(self) -> None:
        """Selection, picking mode or banner changed: redraw what is on screen."""
        self._banner_lines = None
        self._resize()
        self.refresh()
        self._scroll_to_selected()

    def _scroll_to_selected(self) -> None:
        if 0 <= self.selected < len(self.rows) and self.rows:
            # the banners cover the top lines of the view: keep the row below them
            self.scroll_to_region(Region(0, self.selected, 1, self._top + 1), animate=False, immediate=False)

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y < self._top:
            return
        index = int(self.scroll_offset.y) + offset.y - self._top
        if 0 <= index < len(self.rows):
            self.select(index)
        self.focus()

    @property
    def selected_key(self) -> str | None:
        if 0 <= self.selected < len(self.rows):
            return self.rows[self.selected].key
        return None

    def select(self, index: int) -> None:
        if self.rows:
            self.selected = max(0, min(index, len(self.rows) - 1))
            self._paint()

    def select_key(self, key: str) -> None:
        for i, row in enumerate(self.rows):
            if row.key == key:
                self.select(i)
                return

    # ------------------------------------------------------------------ actions

    def _emit(self, action: str, target: str | None = None) -> None:
        if self.selected_key is not None:
            self.post_message(self.Act(action, self.selected_key, target))

    def action_move(self, delta: int) -> None:
        self.select(self.selected + delta)

    def action_enter(self) -> None:
        if self.mode is not None:
            self._pick()
        else:
            self._emit("confirm")

    def action_confirm(self) -> None:
        self._emit("confirm")

    def action_kind(self, kind: str) -> None:
        self._emit(kind)

    def action_link(self) -> None:
        if self.mode == "link":
            self._pick()
            return
        row = self.rows[self.selected] if self.rows else None
        if row is None or row.kind is not MentionKind.PERSON:
            self.app.bell()
            return
        self.mode, self._source, self._problem = "link", row.key, ""
        orgs = [i for i, r in enumerate(self.rows) if r.kind is MentionKind.ORGANIZATION]
        if orgs:
            self.selected = orgs[0]
        self._paint()

    def action_unlink(self) -> None:
        self._emit("unlink")

    def action_merge(self) -> None:
        if self.mode == "merge":
            self._pick()
            return
        if self.selected_key is None:
            return
        self.mode, self._source, self._problem = "merge", self.selected_key, ""
        source = self.rows[self.selected]
        scores = [(name_likeness(self._name_of(source.key), self._name_of(r.key)) if r.kind is source.kind else -1, -i)
                  for i, r in enumerate(self.rows)]
        scores[self.selected] = (-2, 0)
        if len(self.rows) > 1:
            self.selected = -max(scores)[1]  # the likeliest duplicate first
        self._paint()

    def _pick(self) -> None:
        mode, source, target = self.mode, self._source, self.selected_key
        row = self.rows[self.selected] if 0 <= self.selected < len(self.rows) else None
        if mode == "link" and row is not None and row.kind is not MentionKind.ORGANIZATION:
            self._problem = f"{visible_text(self._name_of(row.key))} is a person, not an organization."
            self.app.bell()
            self._paint()
            return
        if mode == "merge" and source == target:
            self._problem = "Pick another entry, not the same one."
            self.app.bell()
            self._paint()
            return
        self.mode = self._source = None
        self._problem = ""
        if source and target and source != target:
            if self._offer and source in self._offer:
                self._offer = None
            self.post_message(self.Act(mode or "", source, target))
        self._paint()

    def action_remove(self) -> None:
        self._emit("remove")

    def action_leave(self) -> None:
        if self.mode is not None:
            self.mode = self._source = None
            self._problem = ""
            self._paint()
            return
        self.post_message(self.Act("leave", None))
