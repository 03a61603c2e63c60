"""The base of netbook's forms: one line per field, each field's problem shown under it as you type.

A subclass names its ``FIELDS`` (key, label, placeholder), the id ``PREFIX`` of its inputs
and how its values are checked (:meth:`CheckedForm.problems`); it composes its rows with
:meth:`CheckedForm.field_rows` around whatever else it shows. Ids: ``{PREFIX}{key}`` for
the input, ``row-{key}`` for its row, ``problem-{key}`` for the line under it.
Used by the contact form and the profile.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Static, TextArea

from netbook.widgets.text_input import TextInput


class CheckedForm(VerticalScroll):
    FIELDS: ClassVar[list[tuple[str, str, str]]] = []
    PREFIX: ClassVar[str] = "form-"

    DEFAULT_CSS = """
    CheckedForm { padding: 0 1; }
    CheckedForm .form-row { height: 1; margin-bottom: 1; }
    CheckedForm .form-row.-invalid { margin-bottom: 0; }
    CheckedForm .form-row Input { width: 1fr; background: $boost; }
    CheckedForm .form-row Input.-invalid { background: $error 20%; }
    CheckedForm .form-row Input > .input--placeholder { color: $text-disabled; text-style: italic; }
    CheckedForm .form-problem { color: $error; display: none; margin-bottom: 1; }
    CheckedForm .form-problem.-shown { display: block; }
    """

    def problems(self, values: dict[str, str]) -> dict[str, str]:
        """Field key -> what is wrong with it (nothing: the values can be saved)."""
        raise NotImplementedError

    def field_rows(self) -> ComposeResult:
        for key, label, placeholder in self.FIELDS:
            with Horizontal(classes="form-row", id=f"row-{key}"):
                yield Label(label, classes="form-label")
                yield TextInput(placeholder=placeholder, id=f"{self.PREFIX}{key}", compact=True,
                                select_on_focus=False)
            yield Static("", classes="form-problem", id=f"problem-{key}", markup=False)

    def on_mount(self) -> None:
        if self.app.is_headless:
            for widget in self.query(Input):
                widget.cursor_blink = False
            for area in self.query(TextArea):
                area.cursor_blink = False

    def field(self, key: str) -> Input:
        return self.query_one(f"#{self.PREFIX}{key}", Input)

    def load_fields(self, values: dict[str, str]) -> None:
        """Fill the fields (no problem is shown for what is loaded: the caller decides)."""
        for key, _label, _ph in self.FIELDS:
            field = self.field(key)
            with field.prevent(Input.Changed):
                field.value = values.get(key, "")
            field.cursor_position = len(field.value)

    def field_values(self) -> dict[str, str]:
        return {key: self.field(key).value for key, _l, _p in self.FIELDS}

    def values(self) -> dict[str, str]:
        """Every value of the form (a subclass adds what is not a one-line field)."""
        return self.field_values()

    def show_problems(self, problems: dict[str, str], only: set[str] | None = None) -> None:
        for key, _label, _ph in self.FIELDS:
            if only is not None and key not in only:
                continue
            problem = problems.get(key)
            widget = self.query_one(f"#problem-{key}", Static)
            widget.update(problem or "")
            widget.set_class(bool(problem), "-shown")
            self.query_one(f"#row-{key}").set_class(bool(problem), "-invalid")
            self.field(key).set_class(bool(problem), "-invalid")

    def checked_values(self) -> dict[str, str] | None:
        """The values if they can be saved; else every problem shown and the first bad field focused."""
        values = self.values()
        problems = self.problems(values)
        self.show_problems(problems)
        if problems:
            first = next(k for k, _l, _p in self.FIELDS if k in problems)
            self.field(first).focus()
            return None
        return values

    def shows_problem_while_typing(self, key: str, value: str) -> bool:
        """Whether a field's problem appears as it is typed (a subclass may wait for save)."""
        return True

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        key = (event.input.id or "").removeprefix(self.PREFIX)
        problems = self.problems(self.values())
        if self.shows_problem_while_typing(key, event.value):
            self.show_problems(problems, only={key})

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()
