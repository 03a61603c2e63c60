"""The one rule for showing text from the user or a file: control characters made visible.

A name, note or answer may hold anything (an escape sequence from a paste, a NUL from a
bad file). Drawn as is, ``ESC ] 0 ; ... BEL`` retitles the terminal and ``ESC [ 2 J``
clears it; so every screen, widget, title and terminal-bound CLI line shows user text
through these helpers. Stored data keeps the exact characters; only the display changes.
"""

from __future__ import annotations

import re

# C0 controls become their "control pictures" (ESC -> ␛, BEL -> ␇), DEL -> ␡, the C1 controls
# and lone surrogates (which no terminal can print) -> U+FFFD. One character for one, so
# offsets into a line (the note pad's highlights) stay valid. Tabs are left to the renderer.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_NO_NEWLINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_PICTURES = {c: 0x2400 + c for c in range(0x20)} | {0x7F: 0x2421} | {c: 0xFFFD for c in range(0x80, 0xA0)}
del _PICTURES[0x09]

# Whitespace runs (spaces, tabs, line and paragraph breaks), but not the four "separator"
# controls \x1c-\x1f that str.split() also counts as whitespace: those stay visible.
_SPACE_RUN = re.compile(r"[^\S\x1c-\x1f]+")
_LINE_BREAK_RUN = re.compile(r"\s*[\n\r\x0b\x0c\x85\u2028\u2029]\s*")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(_PICTURES.get(code, 0xFFFD))


def visible_text(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character drawn as a visible symbol (same length).

    With ``keep_newlines`` line breaks stay, for multi-line notes shown as they were typed.
    """
    pattern = _CONTROL_NO_NEWLINE if keep_newlines else _CONTROL
    if pattern.search(text) is None:  # the common case costs one scan
        return text
    return pattern.sub(_picture, text)


def one_line(text: str) -> str:
    """``text`` for a one-line label: whitespace runs (line breaks too) as one space, controls visible."""
    return visible_text(_SPACE_RUN.sub(" ", text).strip())


def single_line_name(name: str) -> str:
    """A name as stored: line breaks (and the spaces around them) folded to one space.

    Names are one line everywhere they are shown; spacing within a line is kept as typed.
    """
    if name.isprintable():  # the common case: one C-level scan, no regex
        return name
    if _LINE_BREAK_RUN.search(name) is None:
        return name
    return _LINE_BREAK_RUN.sub(" ", name).strip()
