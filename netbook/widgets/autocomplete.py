"""A text input with a dropdown of matching names (contacts, organizations).

Typing filters the candidates (prefix of the name first, then of any word, then
anywhere); up/down move through the dropdown, Enter picks, Escape closes it. Free text is always allowed: a name nobody has yet is simply a new one.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from netbook.domain.display_text import one_line
from netbook.domain.models import normalise_key, search_form
from netbook.widgets.text_input import TextInput

MAX_MATCHES = 6


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    detail: str = ""


class _CompletingInput(TextInput):
    HELP_TITLE = "Name field with suggestions"

    BINDINGS = [
        Binding("down", "dropdown(1)", "Next match", id="autocomplete.next", show=False),
        Binding("up", "dropdown(-1)", "Previous match", id="autocomplete.previous", show=False),
        Binding("escape", "close_dropdown", "Close matches", id="autocomplete.close", show=False),
    ]

    @property
    def owner(self) -> Autocomplete:
        return self.parent  # type: ignore[return-value]

    def action_dropdown(self, step: int) -> None:
        if not self.owner.is_open:
            raise SkipAction()
        self.owner.move(step)

    def action_close_dropdown(self) -> None:
        if not self.owner.is_open:
            raise SkipAction()
        self.owner.close()

    async def action_submit(self) -> None:
        if self.owner.is_open and self.owner.pick_highlighted():
            return
        await super().action_submit()


class Autocomplete(Vertical):
    DEFAULT_CSS = """
    Autocomplete { height: auto; }
    Autocomplete > OptionList {
        display: none; height: auto; max-height: 7; border: none; padding: 0;
        background: $panel;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    Autocomplete.-open > OptionList { display: block; }
    """

    class Picked(Message):
        """A candidate was chosen from the dropdown."""

        def __init__(self, autocomplete: Autocomplete, candidate: Candidate) -> None:
            super().__init__()
            self.autocomplete = autocomplete
            self.candidate = candidate

        @property
        def control(self) -> Autocomplete:
            return self.autocomplete

    def __init__(self, *, placeholder: str = "", value: str = "", id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._placeholder = placeholder
        self._initial = value
        self._candidates: list[Candidate] = []
        self._keys: list[tuple[str, list[str]]] = []
        self._by_key: dict[str, Candidate] = {}
        self._suppress = False

    def compose(self) -> ComposeResult:
        field = _CompletingInput(value=self._initial, placeholder=self._placeholder, compact=True)
        field.cursor_blink = not self.app.is_headless
        yield field
        dropdown = OptionList()
        dropdown.can_focus = False  # keys stay in the input; the dropdown follows them
        yield dropdown

    @property
    def input(self) -> Input:
        return self.query_one(_CompletingInput)

    @property
    def dropdown(self) -> OptionList:
        return self.query_one(OptionList)

    @property
    def value(self) -> str:
        return self.input.value

    @value.setter
    def value(self, text: str) -> None:
        if text != self.input.value:
            self._suppress = True
        self.input.value = text
        self.input.cursor_position = len(text)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def set_candidates(self, candidates: list[Candidate]) -> None:
        self._candidates = candidates
        self._keys = [(key, key.split()) for key in (search_form(c.name) for c in candidates)]
        self._by_key = {}
        for c in candidates:
            self._by_key.setdefault(normalise_key(c.name), c)

    def exact(self) -> Candidate | None:
        """The candidate whose name is exactly what is typed (case, accents and spacing aside)."""
        return self._by_key.get(normalise_key(self.value))

    def matches(self, query: str) -> list[Candidate]:
        q = " ".join(search_form(query).split())
        if not q:
            return []
        first, second, third = [], [], []
        for cand, (name, words) in zip(self._candidates, self._keys):
            if name.startswith(q):
                first.append(cand)
            elif any(w.startswith(q) for w in words):
                second.append(cand)
            elif q in name:
                third.append(cand)
            if len(first) >= MAX_MATCHES:
                break
        return (first + second + third)[:MAX_MATCHES]

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._suppress:
            self._suppress = False
            self.close()
            return
        found = self.matches(event.value)
        if not found or (len(found) == 1 and normalise_key(found[0].name) == normalise_key(event.value)):
            self.close()
            return
        options = []
        for cand in found:
            prompt = Text(one_line(cand.name), no_wrap=True, overflow="ellipsis")
            if cand.detail:
                prompt.append(f"  {one_line(cand.detail)}", style="dim")
            options.append(Option(prompt, id=cand.id))
        self.dropdown.set_options(options)
        self.dropdown.highlighted = 0
        self.add_class("-open")

    def on_descendant_blur(self) -> None:
        if not self.input.has_focus:
            self.close()

    def close(self) -> None:
        self.remove_class("-open")

    def move(self, step: int) -> None:
        dropdown = self.dropdown
        count = dropdown.option_count
        if count:
            dropdown.highlighted = ((dropdown.highlighted or 0) + step) % count

    def pick_highlighted(self) -> bool:
        option = self.dropdown.highlighted_option
        if option is None:
            return False
        self._pick(option.id or "")
        return True

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option.id or "")
        self.input.focus()

    def _pick(self, candidate_id: str) -> None:
        cand = next((c for c in self._candidates if c.id == candidate_id), None)
        self.close()
        if cand is None:
            return
        self.value = cand.name
        self.post_message(self.Picked(self, cand))
