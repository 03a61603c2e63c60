"""Command palette (ctrl+p): jump to a contact, organization or meeting; new meeting; export."""

from __future__ import annotations

from datetime import datetime

from textual.command import CommandPalette

from netbook.app import ActionsProvider, JumpProvider, NetbookApp
from netbook.demo import generate_demo
from netbook.models import MeetingStatus
from netbook.store import Store

NOW = datetime(2026, 3, 10, 14, 0)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def palette_pick(pilot, query: str) -> None:
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    palette = pilot.app.screen
    for _ in range(50):  # the palette searches asynchronously
        await pilot.pause(0.05)
        if palette._list_visible and palette.query_one("CommandList").option_count:
            break
    await pilot.press("enter")
    await settle(pilot)


def test_providers_registered():
    assert {ActionsProvider, JumpProvider} <= set(NetbookApp.COMMANDS)


async def test_palette_new_meeting(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette_pick(pilot, "New meeting")
        assert type(app.screen).__name__ == "PrepareScreen"


async def test_palette_jump_to_meeting_opens_by_status(make_app, data_dir):
    generate_demo(data_dir, meetings=12, contacts=30, seed=3, now=NOW)
    live = next(s for s in Store(data_dir, read_only=True).meeting_summaries() if s.status is MeetingStatus.LIVE)
    app = make_app()
    opened: list[str] = []
    app.open_meeting = lambda mid: opened.append(mid)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette_pick(pilot, f"Meeting with {live.contact_name}")
    assert opened == [live.id]


async def test_palette_jump_to_contact(make_app, data_dir):
    with Store.open(data_dir) as store:
        susan = store.ensure_contact("Susan Smith", organization="Citibank")
    app = make_app()
    seen: list[str | None] = []
    app.open_people = lambda contact_id=None: seen.append(contact_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette_pick(pilot, "Susan Smith")
    assert seen == [susan.id]


async def test_palette_export_writes_a_file(make_app, data_dir):
    generate_demo(data_dir, meetings=5, contacts=10, seed=4, now=NOW)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette_pick(pilot, "Export all meetings as Markdown")
        await settle(pilot)
    files = list((data_dir / "exports").glob("*.md"))
    assert len(files) == 1 and files[0].read_text().count("# Meeting with") == 5
    assert oct(files[0].stat().st_mode & 0o777) == "0o600"
