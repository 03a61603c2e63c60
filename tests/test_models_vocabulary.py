"""One vocabulary for the detector, the stored models, tagging and search.

Each test here failed before the detector and the models shared one MentionKind, one name
key (accents folded), one tokenizer and one particle list.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from netbook.detector import MentionTracker, find_mentions
from netbook.domain.contact_search import SearchIndex
from netbook.domain.fallback_tracker import FallbackTracker
from netbook.domain.meeting_mentions import MeetingMentions
from netbook.domain.models import FollowUp, Meeting, Mention, MentionKind, normalise_key
from netbook.domain.tagging import name_at
from netbook.storage.store import Store

P, O = MentionKind.PERSON, MentionKind.ORGANIZATION


# --------------------------------------------------------------------------- one name key


def test_accents_are_folded_in_the_one_name_key() -> None:
    """A user typing "Jose Nunez" means "José Núñez": one key for both, everywhere."""
    assert normalise_key("José  Núñez") == normalise_key("jose nunez") == normalise_key("JOSÉ NÚÑEZ") == "jose nunez"
    assert normalise_key("O’Neill") == normalise_key("o'neill")
    [m] = find_mentions("coffee w/ José Núñez")
    assert m.key == normalise_key("José Núñez")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_name_key_is_idempotent(text: str) -> None:
    """Stored keys are passed through the key again on load: that must not change them."""
    key = normalise_key(text)
    assert normalise_key(key) == key


def test_typing_a_name_without_accents_flags_the_tagged_entry() -> None:
    mm = MeetingMentions([])
    entry = mm.tag("José Núñez", P)
    tr = MentionTracker(*mm.known_names())
    tr.set_text("later: Jose Nunez said to call")
    [m] = tr.line_mentions(0)
    assert m.text == "Jose Nunez"
    assert mm.resolve(m.key, m.text) == entry.key  # the panel counts it for José Núñez


def test_known_name_fallback_matches_without_accents() -> None:
    tr = FallbackTracker(["José Núñez"], ["Café Bleu"])
    tr.set_text("met Jose Nunez at Cafe Bleu")
    assert [(m.text, m.kind) for m in tr.line_mentions(0)] == [("Jose Nunez", P), ("Cafe Bleu", O)]


def test_contact_found_by_its_name_without_accents(data_dir) -> None:
    with Store.open(data_dir) as store:
        jose = store.ensure_contact("José Núñez")
        assert store.find_contact("Jose Nunez").id == jose.id
        assert [hit.name for hit in SearchIndex.contacts_of(store).search("jose nunez")][:1] == [jose.name]
        assert [hit.name for hit in SearchIndex.contacts_of(store).search("José")][:1] == [jose.name]


def test_keys_stored_before_folding_still_match(data_dir) -> None:
    """Meeting files written with unfolded keys ("josé núñez") are read with today's keys:
    the mention, its asks, its follow-up rule and a dismissed suggestion still line up."""
    with Store.open(data_dir) as store:
        contact = store.ensure_contact("Ana Ruiz")
        meeting = store.create_meeting(contact)
    path = data_dir / "meetings" / f"{meeting.id}.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["mentions"] = [{"kind": "person", "name": "José Núñez", "key": "josé núñez", "organization_key": "café bleu"},
                       {"kind": "organization", "name": "Café Bleu", "key": "café bleu"}]
    doc["asks"] = [{"kind": "good_person", "subject": "josé núñez"}]
    doc["followups"] = [{"kind": "contact_lead", "title": "Contact José", "due": "2026-01-05",
                         "rule_key": f"contact_lead:{meeting.id}:josé núñez"}]
    doc["dismissed_mentions"] = ["zoë"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    with Store.open(data_dir) as store:
        loaded = store.load_meeting(meeting.id)
    person = loaded.mentions[0]
    assert person.key == "jose nunez" and person.organization_key == loaded.mentions[1].key == "cafe bleu"
    assert loaded.asks[0].subject == person.key
    assert loaded.followups[0].rule_key == f"contact_lead:{meeting.id}:{person.key}"
    assert loaded.dismissed_mentions == ["zoe"]
    [found] = [m for m in find_mentions("coffee w/ José Núñez", ["José Núñez"]) if m.kind is P]
    assert found.key == person.key  # the detector's key finds the stored entry


def test_follow_up_rule_key_keeps_ids_as_written() -> None:
    f = FollowUp.model_validate({"kind": "thank_you", "title": "Thank", "due": "2026-01-05", "rule_key": "thank_you:AbC"})
    assert f.rule_key == "thank_you:AbC"


# --------------------------------------------------------------------------- one MentionKind


def test_detector_kinds_are_the_stored_kinds() -> None:
    found = {m.kind for m in find_mentions("coffee w/ Susan Smith at Citibank")}
    assert found == {P, O}
    meeting = Meeting(contact_id="x", mentions=[Mention(kind=k, name="n") for k in sorted(found)])
    assert sorted(m["kind"] for m in meeting.model_dump(mode="json")["mentions"]) == ["organization", "person"]


# --------------------------------------------------------------------------- one tokenizer, one particle list


def test_ctrl_o_on_a_prefixed_employer_tags_what_the_detector_flags() -> None:
    line = "Oksana Marsh (ex-Gannett like me)"
    assert "Gannett" in [m.text for m in find_mentions(line) if m.kind is O]
    assert name_at(line, line.index("Gannett") + 3, O) == "Gannett"


def test_name_particles_are_the_same_for_detector_and_tagging() -> None:
    for line, name in (("coffee w/ Maria dela Cruz", "Maria dela Cruz"), ("met Omar ibn Rashid today", "Omar ibn Rashid"),
                       ("coffee w/ Siti binti Ahmad", "Siti binti Ahmad")):
        assert [m.text for m in find_mentions(line)] == [name]
        assert name_at(line, line.index(name) + len(name) - 1, P) == name


def test_one_search_form_for_queries_and_names() -> None:
    from netbook.domain.models import search_form

    assert search_form("Zoë O’Brien at Société Générale") == "zoe o'brien at societe generale"
    assert search_form("JOSÉ") == search_form("josé") == "jose"
    assert normalise_key("Dr. José  Núñez") == " ".join(search_form("José Núñez").split())


def test_merge_hints_use_the_detector_s_one_nickname_list() -> None:
    from netbook.detector.wordlists import given_name_forms
    from netbook.domain.models import name_likeness

    assert {"susie", "susan"} <= given_name_forms("susie")
    # "Robbie" is only in the shipped list (the model kept a short copy of its own before)
    assert name_likeness("Robbie Jones", "Robert Jones") == name_likeness("Bob Jones", "Robert Jones") > 50
    assert name_likeness("Robbie Jones", "Anna Jones") < name_likeness("Robbie Jones", "Robert Jones")


def test_titles_dropped_from_the_key_are_titles_the_detector_knows() -> None:
    """The key drops only the everyday titles (never "General" of General Mills); each is one
    the detector also leaves out of a name span, so "Dr. Susan Smith" is one person to both."""
    from netbook.detector.cues import HONORIFICS
    from netbook.detector.vocabulary import PERSONAL_TITLES

    assert {title.rstrip(".") for title in PERSONAL_TITLES} <= HONORIFICS
    assert normalise_key("General Mills") == "general mills"
