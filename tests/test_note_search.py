"""Note search core: every note line of every meeting, case- and accent-insensitive, narrowed as you type."""

from __future__ import annotations

import os
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from netbook.domain.note_text_index import NoteIndex, match_spans, query_words
from netbook.storage.store import Store


def seed(store: Store) -> dict[str, str]:
    jose = store.ensure_contact("José Núñez", organization="Acme")
    ana = store.ensure_contact("Ana Lee")
    old = store.create_meeting(jose, started_at=datetime(2026, 1, 5, 10),
                               notes="Talked about the RÉSUMÉ format\n\nJosé knows Straße Labs\n")
    new = store.create_meeting(ana, started_at=datetime(2026, 3, 1, 10),
                               notes="resume: one page\nintro to jose at Beacon\n")
    return {"old": old.id, "new": new.id}


def built(store: Store) -> NoteIndex:
    index = NoteIndex()
    index.refresh(store)
    return index


def test_case_and_accents_are_ignored_and_the_newest_meeting_comes_first(store):
    ids = seed(store)
    index = built(store)
    hits = index.search("resume").hits
    assert [(h.note.meeting_id, h.note.line) for h in hits] == [(ids["new"], 0), (ids["old"], 0)]
    assert hits[1].note.text[slice(*hits[1].spans[0])] == "RÉSUMÉ"
    assert hits[1].meeting.contact_name == "José Núñez"
    assert [h.note.line for h in index.search("JOSÉ").hits] == [1, 2]


def test_every_word_must_be_on_the_line(store):
    seed(store)
    index = built(store)
    assert [h.note.text for h in index.search("jose beacon").hits] == ["intro to jose at Beacon"]
    assert index.search("jose page").total == 0
    assert index.search("   ").hits == [] and index.search("").total == 0


def test_match_offsets_point_into_the_line_as_typed_even_when_folding_changes_its_length():
    text = "Die ﬁrma Straße — José"
    spans = match_spans(text, query_words("strasse jose firma"))
    assert [text[a:b] for a, b in spans] == ["ﬁrma", "Straße", "José"]


def test_refresh_rereads_only_changed_files_and_drops_deleted_meetings(store, monkeypatch):
    ids = seed(store)
    index = built(store)
    import netbook.domain.note_text_index as ns

    read: list[str] = []
    real = ns.read_note_lines
    monkeypatch.setattr(ns, "read_note_lines", lambda path, mid: read.append(mid) or real(path, mid))
    meeting = store.load_meeting(ids["new"])
    meeting.notes += "salary bands are public\n"
    store.save_meeting(meeting)
    os.utime(store.meeting_path(ids["new"]), ns=(1, 1))  # a different stamp, whatever the clock's resolution
    index.refresh(store)
    assert read == [ids["new"]]
    assert index.search("salary").total == 1
    store.delete_meeting(ids["old"])
    index.refresh(store)
    assert index.search("straße").total == 0 and index.meeting_count == 1


def test_an_unreadable_meeting_file_is_named_and_the_rest_are_searched(store):
    ids = seed(store)
    store.meeting_path(ids["old"]).write_text("{not json", encoding="utf-8")
    index = built(store)
    assert index.unreadable == [ids["old"]]
    assert index.search("resume").total == 1


def test_hits_are_capped_but_counted(store):
    contact = store.ensure_contact("Pat Kim")
    store.create_meeting(contact, started_at=datetime(2026, 2, 1, 9), notes="\n".join(["coffee chat"] * 300))
    result = built(store).search("coffee", limit=50)
    assert len(result.hits) == 50 and result.total == 300


WORDS = ["res", "resume", "jose", "jo", "straße", "strasse", "page", "one", "é", "a", "intro b"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
def test_typing_letter_by_letter_finds_what_a_full_scan_finds(tmp_path_factory, queries):
    with Store.open(tmp_path_factory.mktemp("data")) as store:
        seed(store)
        index = built(store)
    typed = ""
    for q in queries:
        for ch in q:
            typed += ch
            words = query_words(typed)
            scan = [(n.meeting_id, n.line) for n in index.lines if words and all(w in n.folded for w in words)]
            assert [(h.note.meeting_id, h.note.line) for h in index.search(typed).hits] == scan
        typed = typed[: len(typed) // 2]  # some backspaces, then more typing
