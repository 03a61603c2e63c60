"""Pilot steps the screen tests share: let workers finish, pick a command palette entry."""

from __future__ import annotations

from textual.command import CommandPalette


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def palette_pick(pilot, query: str) -> None:
    """ctrl+p, type ``query``, Enter on the first entry once the palette has listed some."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    palette = pilot.app.screen
    for _ in range(50):  # the palette searches asynchronously
        await pilot.pause(0.05)
        if palette.query_one("CommandList").display and palette.query_one("CommandList").option_count:
            break
    await pilot.press("enter")
    await settle(pilot)
