"""The mention counter (what the panel lists) matches a full re-read of the note after any edits."""

from __future__ import annotations

import random

from netbook.domain.meeting_mentions import MeetingMentions, Occurrence
from netbook.domain.mention_counter import MentionCounter
from netbook.widgets.note_pad import make_tracker

PEOPLE = ["Susan Smith", "Wei Chen", "Carlos Diaz"]
ORGS = ["Citibank", "Acme Labs"]


def full_count(text: str, people=PEOPLE, orgs=ORGS) -> dict[str, tuple[int, int]]:
    """key -> (count, first line), read from scratch with a fresh tracker."""
    tracker = make_tracker(people, orgs)
    tracker.set_text(text)
    out: dict[str, tuple[int, int]] = {}
    for row in range(len(text.split("\n"))):
        for m in tracker.line_mentions(row):
            count, first = out.get(m.key, (0, row))
            out[m.key] = (count + 1, first)
    return out


def counted(occurrences: list[Occurrence]) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for occ in occurrences:
        count, first = out.get(occ.key, (0, occ.line))
        out[occ.key] = (count + occ.count, min(first, occ.line))
    return out


def test_counts_follow_random_edits() -> None:
    rng = random.Random(5)
    lines = [f"- met {rng.choice(PEOPLE)} at {rng.choice(ORGS)}" if i % 2 else "- notes" for i in range(60)]
    counter = MentionCounter(make_tracker, (PEOPLE, ORGS))
    counter.set_text("\n".join(lines))
    assert counted(counter.count()[0]) == full_count("\n".join(lines))
    for _ in range(40):
        at = rng.randrange(len(lines))
        choice = rng.random()
        if choice < 0.4:
            new = [f"{lines[at]} and {rng.choice(PEOPLE)}"]
            counter.replace_lines(at, at + 1, new)
            lines[at:at + 1] = new
        elif choice < 0.7:
            new = [f"- {rng.choice(ORGS)} is hiring", "- call Wei Chen"]
            counter.replace_lines(at, at, new)
            lines[at:at] = new
        elif len(lines) > 5:
            counter.replace_lines(at, at + 2, [])
            del lines[at:at + 2]
        assert counted(counter.count()[0]) == full_count("\n".join(lines))


def test_new_known_names_are_counted_and_unchanged_text_reports_no_change() -> None:
    counter = MentionCounter(make_tracker, (PEOPLE, ORGS))
    counter.set_text("talked to Zed Quux today\nZed Quux again")
    first, changed = counter.count()
    assert changed
    assert counter.count() == (first, False)
    counter.set_known([*PEOPLE, "Zed Quux"], ORGS)
    after, changed = counter.count()
    assert changed and counted(after)["zed quux"] == (2, 0)


def test_sync_of_aggregates_equals_sync_of_single_hits() -> None:
    text = "Susan Smith at Citibank\nsusan said hi\nCitibank again\nSusan Smith"
    counter = MentionCounter(make_tracker, (PEOPLE, ORGS))
    counter.set_text(text)
    aggregated = MeetingMentions([])
    aggregated.sync(counter.count()[0])
    tracker = make_tracker(PEOPLE, ORGS)
    tracker.set_text(text)
    single = MeetingMentions([])
    single.sync([Occurrence(line=row, text=m.text, key=m.key, kind=m.kind, suggested=False,
                            quote=line.strip()) for row, line in enumerate(text.split("\n"))
                 for m in tracker.line_mentions(row)])
    view = lambda model: sorted((m.key, m.count, m.first_line, m.quote) for m in model.mentions)  # noqa: E731
    assert view(aggregated) == view(single)
