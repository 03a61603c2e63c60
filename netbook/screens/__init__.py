"""One screen per module. The shared helper here applies a screen's width classes on arrival."""

from __future__ import annotations

from textual.screen import Screen


def apply_breakpoints(screen: Screen) -> None:
    """Set ``HORIZONTAL_BREAKPOINTS`` classes now: Textual only sets them on a resize, which a
    screen pushed after start-up in a real terminal may never get (Prepare drew its wide layout at 80x24).

    Call it first thing in ``compose``: a class set once the children are mounted restyles
    every one of them on the spot (25 ms of Home's start-up, measured with cProfile).
    """
    breakpoints = screen.HORIZONTAL_BREAKPOINTS or []
    width = screen.app.size.width
    chosen = None
    for threshold, name in sorted(breakpoints):
        if width >= threshold:
            chosen = name
    for _, name in breakpoints:
        screen.set_class(name == chosen, name)
