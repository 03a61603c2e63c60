"""Lines of the notes the user marked as worth repeating (one key in the note pad).

The mark is part of the note text — a ``★`` at the start of the line — so it is stored
with the notes, survives every edit around it, shows in the note pad and in exports,
and needs no line numbers kept in step. The thank-you draft names the marked lines.
"""

from __future__ import annotations

MARK = "★"


def is_marked(line: str) -> bool:
    return line.lstrip().startswith(MARK)


def strip_mark(line: str) -> str:
    """The line without its mark (and the space after it); other lines unchanged."""
    head = line.lstrip()
    if not head.startswith(MARK):
        return line
    rest = head[len(MARK):]
    return line[: len(line) - len(head)] + (rest[1:] if rest.startswith(" ") else rest)


def toggle_mark(line: str) -> str:
    """Mark an unmarked line (after its indentation), unmark a marked one."""
    if is_marked(line):
        return strip_mark(line)
    indent = line[: len(line) - len(line.lstrip())]
    return f"{indent}{MARK} {line.lstrip()}"


def marked_lines(notes: str) -> list[str]:
    """The marked lines' text, in order, without the mark; empty marked lines are left out."""
    out = []
    for line in notes.splitlines():
        if is_marked(line):
            text = " ".join(strip_mark(line).split())
            if text:
                out.append(text)
    return out
