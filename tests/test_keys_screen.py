"""F1 help and the keymap: every binding has an id, F1 shows the live keys of each screen."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding

import netbook.screens
import netbook.widgets
from netbook.app import NetbookApp
from netbook.screens.keys import KeysScreen
from netbook.storage.config import Config
from netbook.storage.store import Store


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


# --------------------------------------------------------------------------- issue 12


def test_one_label_per_action_everywhere():
    labels: dict[tuple[str, str], set[str]] = {}
    for cls, binding in all_bindings():
        labels.setdefault((cls.__name__, binding.action), set()).add(binding.description)
    mixed = {key: found for key, found in labels.items() if len(found) > 1}
    assert not mixed, f"one action, several labels: {mixed}"


async def _f1_text(pilot, *keys) -> str:
    await pilot.pause()
    await pilot.press(*keys, "f1")
    await pilot.pause()
    return str(pilot.app.screen.query_one("#keys-list").render())


async def test_f1_groups_keys_by_what_the_user_is_doing(data_dir, clock, make_app):
    app = make_app(meeting_id=_meeting(data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await _f1_text(pilot)
        assert "In _CompletingInput" not in shown and "In NotePad" not in shown and "In " not in shown
        headings = [line for line in shown.splitlines() if line in
                    ("Live meeting", "Mentions", "Everywhere", "Standard editing and moving keys")]
        assert headings == ["Live meeting", "Everywhere", "Standard editing and moving keys"]
        assert "^r / f2  Insert elapsed time" in shown and "Time\n" not in shown  # one row, one label
        standard = shown.split("Standard editing and moving keys\n")[1]
        assert standard.count("\n") <= 3 and "super+" not in standard  # folded into one paragraph
        await pilot.press("escape")
        shown = await _f1_text(pilot, "f4")
        assert "\nMentions\n" in shown and shown.index("Live meeting") < shown.index("Mentions") < \
            shown.index("Everywhere")


def _readme_meeting_keys() -> list[tuple[list[str], str]]:
    import re
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("| key | in F1 | what it does |")[1].split("\n\n")[0]
    rows = []
    for line in table.strip().splitlines()[1:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows.append(([k.lower() for k in re.findall(r"`([^`]+)`", cells[0])], cells[1]))
    return rows


async def test_readme_keys_table_matches_f1(data_dir, make_app):
    from netbook.screens.keys import describe_bindings

    app = make_app(meeting_id=_meeting(data_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        f1 = {label: keys for section, rows in describe_bindings(screen) if section != "Standard editing and moving keys"
              for keys, label in rows}
        by_label: dict[str, set[str]] = {}
        for key, active in screen.active_bindings.items():
            label = f1_label(active.binding)
            by_label.setdefault(label, set()).add(key)
        readme = _readme_meeting_keys()
        assert {label for _, label in readme} == set(f1), "README rows and F1 rows differ"
        for keys, label in readme:
            assert set(keys) == by_label[label], f"{label}: README says {keys}, F1 says {by_label[label]}"


def f1_label(binding) -> str:
    from netbook.screens.keys import PALETTE_LABEL

    return PALETTE_LABEL if binding.action == "command_palette" else binding.description
