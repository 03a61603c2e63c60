"""Pure tagging rules: the name at the cursor, link phrases, the meeting's mention entries."""

from __future__ import annotations

import pytest

from netbook.domain.fallback_tracker import FallbackTracker
from netbook.domain.meeting_mentions import Change, MeetingMentions, Occurrence
from netbook.domain.mention_records import persist_mentions
from netbook.domain.models import LeadStatus, Mention, MentionKind, MentionStatus
from netbook.domain.tagging import name_at, org_link_after
from netbook.storage.store import Store

P, O = MentionKind.PERSON, MentionKind.ORGANIZATION


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("talked to Susan Smith", "Susan Smith"),
        ("met Anne-Marie O'Neill", "Anne-Marie O'Neill"),
        ("then José Núñez", "José Núñez"),
        ("ask J. Park", "J. Park"),
        ("her friend María de la Cruz", "María de la Cruz"),
        ("intro to Nguyen Van An", "Nguyen Van An"),
        ("Susan Smith", "Susan Smith"),  # at the start of a line
        ("- Susan Smith", "Susan Smith"),  # after a bullet
        ("[12:40] Susan Smith", "Susan Smith"),  # after a timestamp
        ("* [03:05] Susan Smith, ", "Susan Smith"),  # trailing punctuation before the cursor
        ("Then Susan Smith", "Susan Smith"),  # sentence starters are not part of the name
        ("spoke to Dr. Susan Smith.", "Dr. Susan Smith"),  # a typed title is kept, the full stop is not
        ("talked to dr. patel", "dr. patel"),  # after a title, lowercase words are the name
        ("met prof. anna de la cruz", "prof. anna de la cruz"),
        ("see Susan Smith's", "Susan Smith"),  # possessive
        ("went to Citi. Susan Smith", "Susan Smith"),  # a sentence end stops the run
    ],
)
def test_person_name_before_the_cursor(line: str, name: str) -> None:
    assert name_at(line, len(line), P) == name


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("worked at J.P. Morgan", "J.P. Morgan"),
        ("AT&T", "AT&T"),
        ("sales at Smith & Nephew", "Smith & Nephew"),
        ("career services at Montclair State University", "Montclair State University"),
        ("- 3M", "3M"),
        ("the Bank of America", "Bank of America"),
        ("[12:40] Acme Inc.", "Acme Inc."),
    ],
)
def test_organization_name_before_the_cursor(line: str, name: str) -> None:
    assert name_at(line, len(line), O) == name


def test_cursor_inside_or_at_the_start_of_a_name() -> None:
    line = "talked to Susan Smith about roles"
    assert name_at(line, line.index("Smith") + 2, P) == "Susan Smith"
    assert name_at(line, line.index("Susan"), P) == "Susan Smith"
    assert name_at(line, len(line), P) is None  # "roles" is not a name
    assert name_at("", 0, P) is None
    assert name_at("just lowercase words", 10, P) is None
    assert name_at("3 people", 1, O) is None  # a bare number is not an organization


@pytest.mark.parametrize(
    ("line", "org", "strong"),
    [
        ("Susan Smith at Citibank", "Citibank", True),
        ("Susan Smith (Citibank)", "Citibank", True),
        ("Susan Smith, Citibank", "Citibank", False),
        ("Susan Smith from Citibank.", "Citibank", True),
        ("Susan Smith @ Citibank", "Citibank", True),
        ("Susan Smith@Citibank", "Citibank", True),
        ("Susan Smith at Bank of America", "Bank of America", True),
    ],
)
def test_link_phrases(line: str, org: str, strong: bool) -> None:
    link = org_link_after(line, len("Susan Smith"))
    assert link is not None and line[link.start:link.end] == org and link.strong is strong


def test_no_link_without_an_organization() -> None:
    assert org_link_after("Susan Smith said hi", 11) is None
    assert org_link_after("Susan Smith at noon", 11) is None


def test_detector_and_models_share_one_mention_kind() -> None:
    """One MentionKind: what the detector flags is stored as is (no third string form)."""
    from netbook.detector import MentionTracker, find_mentions

    kinds = {m.kind for m in find_mentions("coffee w/ Susan Smith at Citibank")}
    assert kinds == {P, O}
    tr = MentionTracker()
    tr.set_text("Susan Smith at Citibank")
    assert {m.kind for m in tr.line_mentions(0)} == {P, O}
    stored = Mention.model_validate(Mention(kind=tr.line_mentions(0)[1].kind, name="Citibank").model_dump(mode="json"))
    assert stored.kind is O and stored.model_dump(mode="json")["kind"] == "organization"


# --------------------------------------------------------------------------- the model


def model(**kw) -> MeetingMentions:
    return MeetingMentions([], own_contact_id="jane", own_names=["Jane Doe"], **kw)


def test_tag_and_first_name_repeats() -> None:
    mm = model()
    susan = mm.tag("Susan  Smith", P, line=2, quote="talked to Susan Smith")
    assert (susan.name, susan.key, susan.status, susan.first_line) == ("Susan Smith", "susan smith",
                                                                       MentionStatus.CONFIRMED, 2)
    assert mm.get("Susan") is susan and mm.get("smith") is susan and mm.get("SUSAN SMITH") is susan
    people, orgs = mm.known_names()
    assert {"Susan Smith", "Susan", "Smith"} <= set(people) and orgs == []
    assert mm.tag("susan", P) is susan  # the same person
    assert len(mm.mentions) == 1


def test_sync_counts_and_suggestions() -> None:
    mm = model()
    mm.tag("Susan Smith", P, line=0)
    occ = [
        Occurrence(0, "Susan Smith", "susan smith", P, False, quote="a"),
        Occurrence(3, "Susan", "susan", P, False, quote="b"),
        Occurrence(4, "Citibank", "citibank", O, True, quote="c"),
    ]
    assert mm.sync(occ) is Change.ENTRIES
    susan, citi = mm.get("susan smith"), mm.get("citibank")
    assert susan.count == 2 and susan.first_line == 0 and susan.quote == "a"
    assert citi.status is MentionStatus.SUGGESTED and citi.kind is O and citi.count == 1
    assert mm.sync(occ) is Change.NONE
    # a suggestion no longer in the notes disappears; a tagged name stays with count 0
    assert mm.sync([]) is Change.ENTRIES
    assert mm.get("citibank") is None and mm.get("susan smith").count == 0


def test_sync_links_person_to_flagged_organization() -> None:
    mm = model()
    mm.tag("Susan Smith", P)
    mm.sync([Occurrence(0, "Susan Smith", "susan smith", P, False, org_key="citibank"),
             Occurrence(0, "Citibank", "citibank", O, True)])
    assert mm.get("susan smith").organization_key == "citibank"
    assert mm.label(mm.get("susan smith")) == "Susan Smith · Citibank"
    # confirming Susan confirms the organization she was linked to
    assert mm.get("citibank").status is MentionStatus.CONFIRMED


def test_a_suggested_person_does_not_confirm_their_organization() -> None:
    mm = model()
    mm.sync([Occurrence(0, "Raj Patel", "raj patel", P, True, org_key="deloitte"),
             Occurrence(0, "Deloitte", "deloitte", O, True)])
    assert mm.get("deloitte").status is MentionStatus.SUGGESTED
    mm.confirm("raj patel")
    assert mm.get("deloitte").status is MentionStatus.CONFIRMED


def test_confirm_change_kind_link_unlink() -> None:
    mm = model()
    mm.sync([Occurrence(0, "Hooli", "hooli", P, True), Occurrence(1, "Gavin", "gavin", P, True)])
    assert mm.confirm("hooli", O).kind is O
    assert mm.get("hooli").status is MentionStatus.CONFIRMED
    mm.confirm("gavin")
    assert mm.link("gavin", "hooli").organization_key == "hooli"
    assert mm.link("hooli", "gavin") is None  # only people link to organizations
    mm.change_kind("hooli", P)  # no longer an organization: the link goes
    assert mm.get("gavin").organization_key is None
    assert mm.change_kind("hooli").kind is O  # toggles
    assert mm.link("gavin", None).organization_key is None


def test_merge_makes_an_alias() -> None:
    mm = model()
    mm.tag("Susan Smith", P, line=5, quote="later")
    mm.sync([Occurrence(1, "Sue", "sue", P, True, quote="early"), Occurrence(5, "Susan Smith", "susan smith", P, False)])
    merged = mm.merge("sue", "susan smith")
    assert merged.aliases == ["Sue"] and merged.count == 2 and merged.first_line == 1 and merged.quote == "early"
    assert mm.get("sue") is merged and len(mm.mentions) == 1
    assert "Sue" in mm.known_names()[0]
    # the detector keeps calling it "sue": it is counted as Susan Smith
    mm.sync([Occurrence(1, "Sue", "sue", P, True), Occurrence(5, "Susan Smith", "susan smith", P, False)])
    assert len(mm.mentions) == 1 and mm.get("susan smith").count == 2


def test_tagging_a_full_name_absorbs_an_earlier_first_name() -> None:
    mm = model()
    mm.sync([Occurrence(0, "Susan", "susan", P, True)])
    susan = mm.tag("Susan Smith", P, line=3)
    assert [m.key for m in mm.mentions] == ["susan smith"] and susan.first_line == 0 and "Susan" in susan.aliases


def test_remove_dismisses_without_touching_text() -> None:
    mm = model()
    mm.sync([Occurrence(0, "Excel", "excel", O, True)])
    removed = mm.remove("excel")
    assert removed is not None and mm.get("excel") is None and "excel" in mm.dismissed
    mm.sync([Occurrence(0, "Excel", "excel", O, True)])  # still in the notes: stays removed
    assert mm.get("excel") is None
    assert mm.style_for("excel", "Excel", O, True) is None
    mm.tag("Excel", O)  # tagging again brings it back
    assert mm.get("excel") is not None and "excel" not in mm.dismissed


def test_own_contact_maps_to_them() -> None:
    mm = model()
    jane = mm.tag("Jane Doe", P)
    assert jane.contact_id == "jane"
    mm.sync([Occurrence(2, "Jane", "jane", P, True)])
    assert mm.get("jane").contact_id == "jane"


def test_style_for_uses_user_decisions() -> None:
    mm = model()
    assert mm.style_for("bob", "Bob", P, True) == (P, False)
    mm.sync([Occurrence(0, "Bob", "bob", P, True)])
    mm.change_kind("bob", O)
    assert mm.style_for("bob", "Bob", P, True) == (O, True)


def test_fallback_tracker_known_names_only() -> None:
    tr = FallbackTracker(["Susan Smith", "Susan"], ["AT&T", "J.P. Morgan"])
    tr.set_text("met susan smith\nAT&T and J.P. Morgan\nnothing")
    assert [(m.text, m.kind) for m in tr.line_mentions(0)] == [("susan smith", "person")]
    assert [m.text for m in tr.line_mentions(1)] == ["AT&T", "J.P. Morgan"]
    tr.update_line(2, "Susan again")
    assert [m.key for m in tr.line_mentions(2)] == ["susan"]
    tr.replace_lines(0, 1, ["x", "y"])
    assert tr.line_mentions(0) == [] and [m.text for m in tr.line_mentions(2)] == ["AT&T", "J.P. Morgan"]


# --------------------------------------------------------------------------- contact book


def test_persist_creates_leads_and_organizations(data_dir) -> None:
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe", organization="Acme")
        known = store.ensure_contact("Bob Known")
        mm = MeetingMentions([], own_contact_id=jane.id, own_names=["Jane Doe"])
        mm.tag("Susan Smith", P)
        mm.link_by_name("susan smith", "Citibank")
        mm.tag("Jane Doe", P)  # they mentioned themselves
        mm.tag("Bob Known", P)
        mm.sync([Occurrence(0, "Globex", "globex", O, True)])  # suggested: not written
        ids = persist_mentions(store, mm.mentions, meeting_id="m1", meeting_contact_id=jane.id)
        susan = store.get_contact(ids["susan smith"].contact_id)
        citi = store.get_organization(ids["citibank"].organization_id)
        assert susan.referred_by_id == jane.id and susan.referred_in_meeting_id == "m1"
        assert susan.lead_status is LeadStatus.TO_CONTACT and susan.organization_id == citi.id
        assert ids["jane doe"].contact_id == jane.id and store.get_contact(jane.id).lead_status is None
        bob = store.get_contact(ids["bob known"].contact_id)
        assert bob.id == known.id and bob.lead_status is None and bob.referred_by_id is None
        assert store.find_organization("Globex") is None
        assert len(store.contacts()) == 3
        # removing the flag deletes the lead this meeting created
        entry = mm.get("susan smith")
        entry.contact_id = susan.id
        removed = mm.remove("susan smith")
        persist_mentions(store, mm.mentions, meeting_id="m1", meeting_contact_id=jane.id, removed=[removed])
        assert store.find_contact("Susan Smith") is None


# --------------------------------------------------------------------------- issue 12: titles, later links, aliases


def test_a_title_is_kept_in_the_display_name_but_not_in_the_key() -> None:
    from netbook.domain.models import normalise_key

    mm = MeetingMentions([])
    patel = mm.tag("dr. patel", P, line=0)
    assert patel.name == "Dr. Patel" and patel.key == "patel"
    assert normalise_key("Dr. Susan  Smith") == normalise_key("susan smith") == "susan smith"
    susan = mm.tag("Dr. Susan Smith", P, line=1)
    assert susan.name == "Dr. Susan Smith" and mm.get("Susan Smith") is susan
    people, _ = mm.known_names()
    assert {"Dr. Susan Smith", "Susan Smith", "Susan", "Smith"} <= set(people) and "Dr." not in people


@pytest.mark.parametrize(
    ("line", "end_word", "org"),
    [
        ("talked to Raj about his years at Merck", "Raj", "Merck"),
        ("Raj Patel, who now runs research at Merck", "Patel", "Merck"),
        ("Raj Patel at Merck", "Patel", "Merck"),
        ("Raj told me about Susan at Citibank", "Raj", None),  # Citibank is Susan's
        ("Raj was great. We met at Google", "Raj", None),  # another sentence
    ],
)
def test_an_organization_later_in_the_line_is_linked(line, end_word, org) -> None:
    from netbook.domain.tagging import org_link_in_line

    end = line.index(end_word) + len(end_word)
    link = org_link_in_line(line, end)
    assert (line[link.start:link.end] if link else None) == org


def test_sue_is_offered_as_susan_smith_and_the_best_match_comes_first() -> None:
    from netbook.domain.models import name_likeness
    from netbook.domain.tagging import same_person_offer

    mm = MeetingMentions([])
    mm.tag("Sam Brown", P, line=0)
    susan = mm.tag("Susan Smith", P, line=1)
    sue = mm.tag("Sue", P, line=2)
    assert sue is not susan and same_person_offer(mm.mentions, sue) is susan
    assert name_likeness("Sue", "Susan Smith") > name_likeness("Sue", "Sam Brown")
    assert same_person_offer(mm.mentions, mm.tag("Raj", P, line=3)) is None


def test_an_entry_that_is_a_stored_record_takes_its_name() -> None:
    from netbook.domain.mention_records import BookIds

    mm = model()
    mm.tag("tom", P, line=0)
    assert mm.link_record("tom", BookIds(contact_id="c1", name="Tom Baker"))
    tom = mm.get("tom")  # what was typed still finds him
    assert tom is not None and tom.name == "Tom Baker" and tom.key == "tom baker" and tom.contact_id == "c1"
    assert "tom" in tom.aliases
    mm.tag("Tom Baker", P, line=3)  # the full name typed later: still one entry
    assert [m.name for m in mm.mentions] == ["Tom Baker"]
    assert not mm.link_record("baker", BookIds(contact_id="c1", name="Tom Baker"))  # already him


def test_two_entries_that_are_one_record_become_one() -> None:
    from netbook.domain.models import Mention
    from netbook.domain.mention_records import BookIds

    mm = MeetingMentions([Mention(kind=P, name="Tom Baker", first_line=0), Mention(kind=P, name="Tommy", first_line=2)],
                         own_contact_id="jane", own_names=["Jane Doe"])
    assert mm.link_record("tommy", BookIds(contact_id="c1", name="Tom Baker"))
    assert [(m.name, m.contact_id, m.aliases) for m in mm.mentions] == [("Tom Baker", "c1", ["Tommy"])]
