"""F1 help and the keymap: every binding has an id, F1 shows the live keys of each screen."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding

import netbook.screens
import netbook.widgets
from netbook.app import NetbookApp
from netbook.config import Config
from netbook.screens.keys import KeysScreen
from netbook.store import Store


def all_bindings():
    classes = [NetbookApp]
    for package in (netbook.screens, netbook.widgets):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            classes += [c for _, c in inspect.getmembers(module, inspect.isclass) if c.__module__ == module.__name__]
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding):
                yield cls, binding


def test_every_binding_has_a_unique_id_and_description():
    seen: dict[str, str] = {}
    for cls, binding in all_bindings():
        assert binding.id, f"{cls.__name__}: binding {binding.key} has no id"
        assert binding.description or not binding.show, f"{cls.__name__}: {binding.id} shown without a description"
        owner = seen.setdefault(binding.id, cls.__name__)
        assert owner == cls.__name__, f"binding id {binding.id} used by {owner} and {cls.__name__}"
    assert "meeting.tag_person" in seen and "app.quit" in seen


def _meeting(data_dir) -> str:
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe", organization="Acme")
        return store.create_meeting(jane, status="live", notes="hello").id


async def test_keymap_remaps_a_meeting_key(data_dir, clock):
    from netbook.app import create_app

    meeting_id = _meeting(data_dir)
    app = create_app(data_dir, config=Config(keymap={"meeting.closing": "f9"}), clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        shown = str(app.screen.query_one("#keys-list").render())
        assert "Closing" in shown and "f9" in shown
        await pilot.press("escape")
        await pilot.press("f9")
        await pilot.pause()
        assert type(app.screen).__name__ == "ClosingScreen"


async def _open_keys(pilot):
    await pilot.pause()
    await pilot.press("f1")
    await pilot.pause()
    assert isinstance(pilot.app.screen, KeysScreen)


def test_snapshot_keys_over_meeting_80x24(snap_compare, make_app, data_dir):
    assert snap_compare(make_app(meeting_id=_meeting(data_dir)), terminal_size=(80, 24), run_before=_open_keys)


def test_snapshot_keys_over_meeting_120x40(snap_compare, make_app, data_dir):
    assert snap_compare(make_app(meeting_id=_meeting(data_dir)), terminal_size=(120, 40), run_before=_open_keys)
