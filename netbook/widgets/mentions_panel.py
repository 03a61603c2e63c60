"""Everyone and every organization flagged so far, with count and first line.

Focus it (F4 or Tab from the note pad) to act on an entry: confirm, make it a person or
an organization, link a person to an organization, merge two entries, remove the flag.
Linking and merging pick their target in the same list (no dialog); Esc goes back.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from netbook.display_text import visible_text
from netbook.models import MentionKind, MentionStatus, name_likeness


@dataclass(frozen=True, slots=True)
class PanelRow:
    key: str
    label: str  # "Susan Smith · Citibank"
    kind: MentionKind
    status: MentionStatus
    count: int
    first_line: int | None
    own: bool = False  # the person being met


class MentionRow(Static):
    DEFAULT_CSS = """
    MentionRow { height: auto; }
    MentionRow.-person { color: $success; }
    MentionRow.-organization { color: $warning; }
    MentionRow.-suggested { text-style: italic; color: $text-muted; }
    MentionRow.-selected { background: $boost; }
    MentionsPanel:focus-within MentionRow.-selected { background: $accent 40%; color: $text; }
    MentionRow.-picking { text-style: bold; }
    """

    def __init__(self, index: int) -> None:
        super().__init__("", markup=False)
        self.index = index

    def on_click(self) -> None:
        panel = self.query_ancestor(MentionsPanel)
        panel.select(self.index)
        panel.focus()


class MentionsPanel(VerticalScroll, can_focus=True):
    HELP_TITLE = "Mentions"

    DEFAULT_CSS = """
    MentionsPanel { border: round $panel-lighten-2; padding: 0 1; }
    MentionsPanel:focus { border: round $accent; }
    MentionsPanel > #mentions-hint { color: $text-muted; }
    MentionsPanel > #mentions-mode { dock: top; color: $text; background: $warning 40%; }
    MentionsPanel > #mentions-offer { dock: top; color: $text; background: $accent 25%; }
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
        self.border_title = "Mentions"
        self.rows: list[PanelRow] = []
        self.selected = 0
        self.mode: str | None = None  # "link" or "merge" while picking a target
        self._source: str | None = None
        self._widgets: list[MentionRow] = []
        self._problem = ""  # why the last pick did nothing, shown in the prompt
        self._offer: tuple[str, str] | None = None  # (entry, the entry it is likely the same as)

    def compose(self):
        # docked: the prompt stays in view however far the list scrolls
        yield Static("", id="mentions-mode", markup=False)
        yield Static("", id="mentions-offer", markup=False)
        yield Static("Tag names with ctrl+t (person) or ctrl+o (organization).", id="mentions-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#mentions-mode").display = False
        self.query_one("#mentions-offer").display = False

    def offer_merge(self, key: str, target: str | None) -> None:
        """Say that ``key`` may be ``target`` ("Sue" near "Susan Smith"): F4, m, Enter merges them."""
        self._offer = (key, target) if target else None
        self._paint()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        store = getattr(self.app, "store", None)
        if store is not None and store.read_only and action not in ("move", "leave"):
            return False  # a read-only copy cannot change what is flagged
        return True

    # ------------------------------------------------------------------ content

    def show(self, rows: list[PanelRow]) -> None:
        key = self.selected_key
        self.rows = rows
        people = sum(r.kind is MentionKind.PERSON for r in rows)
        self.border_title = f"Mentions {people}p {len(rows) - people}o" if rows else "Mentions"
        if key is not None:
            self.selected = next((i for i, r in enumerate(rows) if r.key == key), min(self.selected, len(rows) - 1))
        self.selected = max(0, min(self.selected, len(rows) - 1))
        if len(self._widgets) < len(rows):
            new = [MentionRow(i) for i in range(len(self._widgets), len(rows))]
            self._widgets.extend(new)
            self.mount_all(new)
        while len(self._widgets) > len(rows):
            self._widgets.pop().remove()
        self.query_one("#mentions-hint").display = not rows
        self._paint()

    def _paint(self) -> None:
        for i, (widget, row) in enumerate(zip(self._widgets, self.rows, strict=False)):
            text = Text()
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
            text.append(f"  {row.count}×{where}", style="dim")
            widget.update(text)
            widget.set_class(row.kind is MentionKind.PERSON, "-person")
            widget.set_class(row.kind is MentionKind.ORGANIZATION, "-organization")
            widget.set_class(row.status is MentionStatus.SUGGESTED, "-suggested")
            widget.set_class(i == self.selected, "-selected")
            widget.set_class(row.key == self._source, "-picking")
        mode = self.query_one("#mentions-mode", Static)
        if self.mode and self._source is not None:
            source = self._name_of(self._source)
            verb = "Link" if self.mode == "link" else "Merge"
            target = "an organization" if self.mode == "link" else "the entry it is the same as"
            prompt = Text()
            if self._problem:
                prompt.append(self._problem + " ", style="bold")
            joint = "to" if self.mode == "link" else "into"
            prompt.append(f"{verb} {visible_text(source)} {joint} {target}: Enter picks, Esc cancels")
            mode.update(prompt)
            mode.display = True
        else:
            mode.display = False
        offer = self.query_one("#mentions-offer", Static)
        keys = {r.key for r in self.rows}
        if self._offer and not self.mode and {*self._offer} <= keys:
            source, target = (visible_text(self._name_of(k)) for k in self._offer)
            offer.update(Text(f"{source} may be {target}: F4, m, Enter merges them."))
            offer.display = True
        else:
            offer.display = False
        if 0 <= self.selected < len(self._widgets):
            self.call_after_refresh(self.scroll_to_widget, self._widgets[self.selected], animate=False)

    def _name_of(self, key: str) -> str:
        label = next((r.label for r in self.rows if r.key == key), key)
        return label.split(" · ")[0]

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
