"""Command palette (ctrl+p): jump to a contact, organization or meeting; new meeting; export."""

from __future__ import annotations

from datetime import datetime

from netbook.app import NetbookApp
from netbook.screens.command_palette import ActionsProvider, JumpProvider
from netbook.domain.demo import generate_demo
from netbook.domain.models import MeetingStatus
from netbook.storage.store import Store

from pilot_steps import palette_pick, settle
from screen_view import screen_text

NOW = datetime(2026, 3, 10, 14, 0)


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
    app.open_meeting = lambda mid, **_: opened.append(mid)
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


async def _search(pilot, query: str) -> str:
    """Type ``query`` into the palette and return what it draws, once results are in."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*query)
    palette = pilot.app.screen
    for _ in range(50):  # the palette searches asynchronously
        await pilot.pause(0.05)
        if palette.query_one("CommandList").display and palette.query_one("CommandList").option_count:
            break
    return screen_text(palette)


async def test_palette_shows_markup_in_names_as_text(make_app, data_dir):
    """An organization named `[red]Acme[/red] [/]` used to crash the palette (MarkupError)."""
    with Store.open(data_dir) as store:
        store.ensure_contact("[@click=app.quit]Zed[/] Quinn", organization="[red]Acme[/red] [/]",
                             role="[b]CTO\x1b]0;PWNED\x07")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = await _search(pilot, "acme")
        assert app.is_running
        assert "[red]Acme[/red] [/]" in text
        await pilot.press("escape")
        await settle(pilot)
        text = await _search(pilot, "zed")
        assert "[@click=app.quit]Zed[/] Quinn" in text
        assert "[b]CTO\u241b]0;PWNED\u2407" in text and "\x1b" not in text
        await pilot.click("CommandList", offset=(5, 1))  # clicking the name must not run app.quit
        await settle(pilot)
        assert app.is_running


async def test_palette_finds_an_old_meeting_and_one_contact_among_thousands(make_app, data_dir):
    """Only the best few targets are scored and listed per query; the one typed is still found."""
    from netbook.domain.models import Contact
    from netbook.screens.command_palette import JUMP_LIMIT

    generate_demo(data_dir, meetings=60, contacts=40, seed=7, now=NOW)
    with Store.open(data_dir) as store:
        store.save_contacts([Contact(name=f"Zorbex Person {i:04d}") for i in range(2500)])
        wanted = store.ensure_contact("Zorbexandra Quist")
        oldest = min((s for s in store.meeting_summaries() if s.when()), key=lambda s: s.when())
    app = make_app()
    people: list[str | None] = []
    meetings: list[str] = []
    app.open_people = lambda contact_id=None: people.append(contact_id)
    app.open_meeting_by_status = lambda mid, **_: meetings.append(mid)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.start_jump_targets()
        await app.workers.wait_for_complete()
        await _search(pilot, "zorbex")
        listed = pilot.app.screen.query_one("CommandList")
        assert listed.option_count == JUMP_LIMIT + 1  # bounded, and the last line says how many more
        assert str(listed.get_option_at_index(listed.option_count - 1).prompt).startswith(
            f"{2501 - JUMP_LIMIT:,} more match")
        await pilot.press("escape")
        await settle(pilot)
        await palette_pick(pilot, "Zorbexandra Q")
        await palette_pick(pilot, f"Meeting with {oldest.contact_name}, {oldest.when():%Y-%m-%d}")
    assert people == [wanted.id]
    assert meetings == [oldest.id]
