"""Property tests for netbook.detector (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netbook.detector import MentionTracker, find_mentions

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = [
    "Susan", "Smith", "susan", "Citibank", "citi", "at", "@", "w/", "from", "(", ")", ",", "-",
    "Dr.", "Ms.", "Will", "June", "Hope", "Target", "target", "Valley", "Health", "System",
    "LLC", "Inc.", "Bank", "of", "America", "Kendra", "Boyle", "kb", "J.", "Park", "R.J.",
    "Mendel", "RJ", "Vu,", "Thao", "Lowe's", "Tariq's", "ex-IDEO", "NJ", "Transit", "said",
    "talk", "to", "intro", "Excel", "Monday", "MBA", "VP", "New", "York", "José", "Núñez",
    "Siobhán", "O'Neill", "Anne-Marie", "de", "la", "Cruz", "J&J", "AT&T", "3M", "pru", "vz",
    "hank.g@regeneron.com", "[6:05]", "*", "•", "’s", "Zorblax", "Corp.", "Foundation",
    "University", "Council", "Grantmakers", "Jersey", "City", "Medical", "Center", "the",
    "bobby", "k", "stan", "o", "and", "+", "Edward", "Jones", "Kelly", "Services", "\t", "\x00",
]

line_st = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)
doc_st = st.lists(line_st, min_size=1, max_size=8)
known_st = st.lists(st.sampled_from(["Susan Smith", "Thao Vu", "Kendra Boyle", "Ingrid Larsen", "x"]), max_size=2)
known_org_st = st.lists(st.sampled_from(["Citibank", "Spotify", "Project Management Institute"]), max_size=2)


def check_spans(text, ms):
    prev_end = 0
    for m in ms:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= prev_end, "overlap or unsorted"
        prev_end = m.end
        assert m.kind.value in ("person", "organization")
        assert m.key and isinstance(m.key, str)


@SETTINGS
@given(st.text(max_size=300))
def test_spans_valid_on_any_text(text):
    check_spans(text, find_mentions(text))


@SETTINGS
@given(doc_st, known_st, known_org_st)
def test_spans_valid_on_note_like_text(lines, kp, kc):
    text = "\n".join(lines)
    ms = find_mentions(text, kp, kc)
    check_spans(text, ms)
    assert ms == find_mentions(text, kp, kc)  # deterministic


@SETTINGS
@given(doc_st, st.integers(min_value=0, max_value=7), line_st, known_st, known_org_st)
def test_tracker_edit_equals_full_detection(lines, idx, new_line, kp, kc):
    tr = MentionTracker(kp, kc)
    tr.set_text("\n".join(lines))
    tr.all_mentions()  # fill caches before the edit
    idx %= len(lines)
    tr.update_line(idx, new_line)
    lines[idx] = new_line
    text = "\n".join(lines)
    assert tr.text == text
    assert tr.all_mentions() == find_mentions(text, kp, kc)
    for i, ln in enumerate(lines):
        check_spans(ln, tr.line_mentions(i))


@SETTINGS
@given(doc_st, st.integers(min_value=0, max_value=8), st.integers(min_value=0, max_value=3), doc_st)
def test_tracker_replace_lines_equals_full_detection(lines, start, count, new_lines):
    tr = MentionTracker()
    tr.set_text("\n".join(lines))
    start = min(start, len(lines))
    end = min(len(lines), start + count)
    tr.replace_lines(start, end, new_lines)
    lines[start:end] = new_lines
    if not lines:
        lines = [""]
    assert tr.all_mentions() == find_mentions("\n".join(lines))


@SETTINGS
@given(doc_st, st.integers(min_value=0, max_value=7), line_st)
def test_edit_changes_other_lines_only_through_document_facts(lines, idx, new_line):
    tr = MentionTracker()
    tr.set_text("\n".join(lines))
    idx %= len(lines)
    before = [tr.line_mentions(i) for i in range(len(lines))]
    changed = tr.update_line(idx, new_line)
    if not changed:
        after = [tr.line_mentions(i) for i in range(len(lines))]
        for i in range(len(lines)):
            if i != idx:
                assert after[i] == before[i]


@SETTINGS
@given(doc_st, known_st, known_org_st, known_st, known_org_st)
def test_tracker_set_known_equals_full_detection(lines, kp, kc, kp2, kc2):
    tr = MentionTracker(kp, kc)
    text = "\n".join(lines)
    tr.set_text(text)
    before = [tr.line_mentions(i) for i in range(len(lines))]  # fill caches
    assert before is not None
    tr.set_known(kp2, kc2)
    assert tr.all_mentions() == find_mentions(text, kp2, kc2)
    for i, ln in enumerate(lines):
        check_spans(ln, tr.line_mentions(i))
