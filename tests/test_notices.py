"""Notices (toasts) are plain text: never a rich Text, never markup, control characters visible.

One helper, ``NetbookApp.say``, shows every notice; each flow below quotes user text in one.
"""

from __future__ import annotations

import re
from pathlib import Path

from rich.text import Text

from test_hostile_text import PWNED, SHOWN, seed

from screen_view import screen_text

NETBOOK = Path(__file__).resolve().parents[1] / "netbook"


def drawn(app) -> str:
    return screen_text(app.screen)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_every_notice_goes_through_say():
    callers = []
    for path in NETBOOK.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\bnotify\b", line) and "_cond.notify" not in line:
                callers.append(f"{path.relative_to(NETBOOK)}:{number}")
    assert [c for c in callers if not c.startswith("app.py")] == []
    assert len([c for c in callers if c.startswith("app.py")]) <= 3  # say() itself, its docstring


async def test_say_takes_text_markup_and_escapes_as_plain_text(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.say(Text("[red]a rich Text[/]"))  # type: ignore[arg-type] - a slip must not crash the toast
        app.say(f"[@click=app.quit]quit[/] {PWNED}", title=f"T {PWNED}", severity="warning")
        await settle(pilot)
        text = drawn(app)
        assert app.is_running
        assert "[red]a rich Text[/]" in text and "[@click=app.quit]quit[/]" in text
        assert SHOWN in text and "\x1b" not in text


async def test_home_done_says_the_followup_title_as_text(make_app, data_dir):
    seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.screen.query_one("#home-followups").focus()
        await pilot.press("d")
        await settle(pilot)
        text = drawn(app)
        assert f"Done: Thank Eve {SHOWN}" in text and "\x1b" not in text


async def test_summary_copy_says_the_draft_title_as_text(make_app, data_dir):
    """`c` on the summary used to crash: the notice was a rich Text."""
    ids = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.open_summary(ids["ended"])
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert app.is_running
        text = drawn(app)
        assert "Copied “" in text and f"Eve {SHOWN}" in text and "\x1b" not in text
        assert PWNED in app.clipboard  # the draft itself is copied exactly


async def test_prepare_save_for_later_says_who_as_text(make_app, data_dir):
    ids = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.open_prepare(meeting_id=ids["planned"])
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = drawn(app)
        assert f"Saved for later: meeting with Eve {SHOWN}" in text and "\x1b" not in text


async def test_people_save_says_the_name_as_text(make_app, data_dir):
    ids = seed(data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.open_people(contact_id=ids["eve"])
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = drawn(app)
        assert f"Saved Eve {SHOWN}" in text and "\x1b" not in text
