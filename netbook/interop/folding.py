"""Content-line folding for vCard and iCalendar text (RFC 6350 / RFC 5545 section 3.1).

A line longer than 75 octets is folded with CRLF + one space. vobject counts characters,
not octets, and so leaves lines of accented or emoji text over the limit; this one place
re-folds its output by octets, never inside a UTF-8 character.
"""

from __future__ import annotations

LIMIT = 75


def unfold(text: str) -> list[str]:
    """Logical lines: CRLF/LF line ends, a line starting with a space or tab continues the one before."""
    lines: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        elif line:
            lines.append(line)
    return lines


def fold_line(line: str, limit: int = LIMIT) -> str:
    """One logical line folded to at most ``limit`` octets per physical line (CRLF between)."""
    if len(line) * 4 <= limit or len(line.encode("utf-8")) <= limit:  # most lines: nothing to fold
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size = [], 1  # the continuation line starts with a space
        current.append(ch)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def fold_content_lines(text: str, limit: int = LIMIT) -> str:
    """Unfold ``text`` and fold it again correctly: CRLF line ends, at most ``limit`` octets a line."""
    return "".join(fold_line(line, limit) + "\r\n" for line in unfold(text))
