"""A one-line input that shows what it holds with control characters made visible.

The value stays exactly as typed or loaded (a name with an escape sequence is saved back
unchanged); only the drawing goes through the display text cleaner, so an ESC in a
stored name never reaches the terminal while it is being edited.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input

from netbook.domain.display_text import visible_text


class TextInput(Input):
    """``Input`` for text from the user or a file; every field in netbook is one."""

    @property
    def _value(self) -> Text:
        # Adapter for Textual 8.2: Input draws (and measures the cursor with) this private
        # property, built as Text(value), which passes ESC through and drops BEL/BS/CR.
        # tests/test_hostile_text.py fails if Textual stops drawing the field from here.
        if self.password:
            return super()._value
        text = Text(visible_text(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text
