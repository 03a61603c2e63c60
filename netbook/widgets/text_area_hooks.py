"""The two places where the note pad needs more of Textual's TextArea than its public API gives.

Written against Textual 8.2. Everything else the note pad does goes through public API
(``edit``, ``undo``/``redo``, ``on_key``, ``get_line``); tests/test_text_area_hooks.py fails
first when Textual changes either of these.

- A document replaced whole (the constructor, ``load_text``, ``text = ...``) has no public
  event, and the note pad must reset its mention tracker then. Textual routes all three
  through ``TextArea._set_document(text, language)``: :class:`HookedTextArea` turns that into
  :meth:`HookedTextArea.document_replaced`.
- Textual's ``WrappedDocument.height`` sums every line's wrap count each time it is read,
  and the TextArea reads it for every line it draws: with a 3,000-line note that was most of
  the cost of a frame. The offset table it keeps already has one entry per visual line.
"""

from __future__ import annotations

from textual.document._wrapped_document import WrappedDocument
from textual.widgets import TextArea


class CountedWrappedDocument(WrappedDocument):
    """A WrappedDocument whose height is the length of its offset table (O(1), same value)."""

    @property
    def height(self) -> int:
        return len(self._offset_to_line_info)


class HookedTextArea(TextArea):
    """TextArea with a hook for whole-document replacement and an O(1) wrapped height."""

    def _set_document(self, text: str, language: str | None) -> None:  # Textual 8.2 internal
        super()._set_document(text, language)
        if type(self.wrapped_document) is WrappedDocument:
            self.wrapped_document.__class__ = CountedWrappedDocument
        self.document_replaced(text)

    def document_replaced(self, text: str) -> None:
        """The whole document is now ``text`` (constructor, ``load_text``, ``text = ...``)."""
