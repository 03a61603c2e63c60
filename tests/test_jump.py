"""Palette targets are built once and then follow every write, record by record."""

from __future__ import annotations

import threading

from netbook.domain.jump_targets import CONTACT, MEETING, ORGANIZATION, JumpTargets
from netbook.domain.models import Contact
from netbook.storage.store import Store


def by_kind(targets: JumpTargets, kind: str) -> dict[str, tuple[str, str]]:
    return {t.id: (t.label, t.help) for t in targets.targets() if t.kind == kind}


def test_targets_follow_saves_renames_and_deletes(data_dir) -> None:
    with Store.open(data_dir) as store:
        susan = store.ensure_contact("Susan Smith", organization="Citibank", role="VP")
        targets = JumpTargets(store)
        assert targets.targets() == []  # nothing is read until it is built
        targets.build()
        assert by_kind(targets, CONTACT)[susan.id] == ("Susan Smith", "contact · VP · Citibank")
        wei = store.save_contact(Contact(name="Wei Chen"))
        assert by_kind(targets, CONTACT)[wei.id] == ("Wei Chen", "contact")
        org = store.find_organization("Citibank")
        org.name = "Citigroup"
        store.save_organization(org)
        assert by_kind(targets, ORGANIZATION)[org.id][0] == "Citigroup"
        assert by_kind(targets, CONTACT)[susan.id][1] == "contact · VP · Citigroup"
        meeting = store.create_meeting(susan, title="coffee")
        assert by_kind(targets, MEETING)[meeting.id][0].startswith("Meeting with Susan Smith")
        store.delete_contact(wei.id)
        store.delete_meeting(meeting.id)
        assert wei.id not in by_kind(targets, CONTACT) and meeting.id not in by_kind(targets, MEETING)
        store.save_contacts([Contact(name=f"Bulk {i}") for i in range(3)])
        assert {"Bulk 0", "Bulk 1", "Bulk 2"} <= {label for label, _ in by_kind(targets, CONTACT).values()}


def test_a_write_while_the_targets_are_being_built_is_not_lost(data_dir) -> None:
    with Store.open(data_dir) as store:
        store.save_contacts([Contact(name=f"Person {i}") for i in range(2000)])
        targets = JumpTargets(store)
        builder = threading.Thread(target=targets.build)
        builder.start()
        late = store.save_contact(Contact(name="Written During Build"))
        builder.join()
        assert by_kind(targets, CONTACT)[late.id][0] == "Written During Build"
        assert len(by_kind(targets, CONTACT)) == 2001


def test_best_is_bounded_ranked_and_counts_every_match(data_dir) -> None:
    with Store.open(data_dir) as store:
        store.save_contacts([Contact(name=f"Anna Person {i:04d}") for i in range(500)])
        store.save_contacts([Contact(name="Hannah Lee"), Contact(name="Joanna Lee"), Contact(name="Ann")])
        targets = JumpTargets(store)
        targets.build()
        shown, total = targets.best("ann", 20)
        assert total == 503 and len(shown) == 20
        # the label starting with the query first, then a word of it, then inside a word
        assert shown[0].label == "Ann" and shown[1].label.startswith("Anna Person")
        shown, total = targets.best("ann", 510)
        assert [t.label for t in shown[-2:]] == ["Hannah Lee", "Joanna Lee"]
        shown, total = targets.best("jlee", 20)  # letters in order, as the palette's fuzzy match takes them
        assert [t.label for t in shown] == ["Joanna Lee"] and total == 1
        assert targets.best("zzz", 20) == ([], 0) and targets.best("  ", 20) == ([], 0)
