"""A multi-line text field that shows what it holds with control characters made visible."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from netbook.domain.display_text import visible_text


class TextBox(TextArea):
    """``TextArea`` for private notes and other user text: the text is kept exactly, drawn safely.

    ``get_line`` is TextArea's public hook for what a line looks like (the note pad uses it
    too); one character for one, so the cursor and selection stay where they are.
    """

    def get_line(self, line_index: int) -> Text:
        # From the document, not super(): Text(line) would drop BEL/BS/CR and shift the cursor.
        return Text(visible_text(self.document.get_line(line_index)), end="", no_wrap=True)
