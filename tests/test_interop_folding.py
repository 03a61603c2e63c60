"""Content-line folding: 75 octets, CRLF, never inside a UTF-8 character."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netbook.interop.folding import fold_content_lines, fold_line, unfold


def physical_lines(text: str) -> list[bytes]:
    assert text.endswith("\r\n")
    return text.encode("utf-8")[:-2].split(b"\r\n")


def test_a_long_line_of_emoji_and_accents_folds_at_75_octets_on_character_boundaries():
    line = "NOTE:" + "Zoë 🎉 Ñúñez — 李小龙 " * 12
    folded = fold_content_lines(line)
    parts = physical_lines(folded)
    assert len(parts) > 3
    for part in parts:
        assert len(part) <= 75
        part.decode("utf-8")  # each physical line is whole characters
    assert all(p.startswith(b" ") for p in parts[1:])
    assert unfold(folded) == [line]


def test_short_lines_stay_as_they_are_with_crlf():
    assert fold_content_lines("BEGIN:VCARD\nFN:Ana\nEND:VCARD\n") == "BEGIN:VCARD\r\nFN:Ana\r\nEND:VCARD\r\n"


def test_a_line_of_exactly_75_octets_is_not_folded_and_76_is():
    assert "\r\n" not in fold_line("X" * 75)
    assert fold_line("X" * 76) == "X" * 75 + "\r\n X"
    # 73 ASCII + a 2-octet character = 75 octets: fits; a 4-octet emoji after 73 octets does not
    assert "\r\n" not in fold_line("X" * 73 + "é")
    assert fold_line("X" * 73 + "🎉") == "X" * 73 + "\r\n 🎉"


def test_unfolding_takes_tab_and_space_continuations_and_lf_or_crlf():
    assert unfold("FN:Jo\r\n hn\n\tDoe\r\nEND:VCARD") == ["FN:JohnDoe", "END:VCARD"]


@given(st.text(min_size=1, max_size=400).map(lambda t: "X:" + t.replace("\r", "").replace("\n", "")))
def test_folding_never_loses_or_splits_anything(line):
    folded = fold_content_lines(line)
    for part in physical_lines(folded):
        assert len(part) <= 75
        part.decode("utf-8")
    assert unfold(folded) == [line]
