"""The one display text cleaner: user text reaches the terminal with every control character visible."""

from __future__ import annotations

from netbook.domain.display_text import one_line, single_line_name, visible_text

PWNED = "Eve\x1b]0;PWNED\x07\x1b[2J"


def test_visible_text_draws_control_characters_one_for_one():
    shown = visible_text(PWNED)
    assert shown == "Eve\u241b]0;PWNED\u2407\u241b[2J"
    assert len(shown) == len(PWNED)  # offsets into a note line stay valid
    assert visible_text("a\x00b\x7fc\x9bd") == "a\u2400b\u2421c\ufffdd"
    assert visible_text("tab\there") == "tab\there"
    assert visible_text("line\nnext") == "line\u240anext"
    assert visible_text("line\nnext", keep_newlines=True) == "line\nnext"
    assert visible_text("lone \ud800 surrogate") == "lone \ufffd surrogate"


def test_visible_text_leaves_ordinary_text_alone():
    for text in ("[bold]x[/] [@click=app.quit]y[/]", "José Núñez", "שלום עולם", "👩‍💻 Zoë", ""):
        assert visible_text(text) == text


def test_one_line_folds_whitespace_and_keeps_controls_visible():
    assert one_line("  Susan\n  Smith\tat Citi ") == "Susan Smith at Citi"
    assert one_line(PWNED) == "Eve\u241b]0;PWNED\u2407\u241b[2J"
    assert one_line("a\x1fb") == "a\u241fb"  # a separator control is not whitespace here


def test_single_line_name_folds_line_breaks_only():
    assert single_line_name("Acme\nPharma") == "Acme Pharma"
    assert single_line_name("Acme \r\n  Pharma\n") == "Acme Pharma"
    assert single_line_name("Acme\u2028Pharma") == "Acme Pharma"
    assert single_line_name("Susan  Smith") == "Susan  Smith"  # spacing within a line is kept as typed


def test_names_are_one_line_even_from_an_older_file(data_dir):
    """Newlines in a name broke Home and the mentions panel: they fold at the model edge."""
    import json

    from netbook.domain.models import Contact, Mention, MentionKind, Organization
    from netbook.storage.store import Store

    assert Contact(name="Jane\nDoe", aliases=["J.\r\nDoe"]).all_names() == ["Jane Doe", "J. Doe"]
    assert Organization(name="Acme\n---\nPharma").name == "Acme --- Pharma"
    assert Mention(kind=MentionKind.PERSON, name="Susan\nSmith").key == "susan smith"
    with Store.open(data_dir) as store:
        jane = store.ensure_contact("Jane Doe", organization="Acme")
    # The contact book is a snapshot plus an append-only journal: edit whichever holds the names.
    files = sorted(data_dir.glob("people.*")) + [data_dir / "people.json"]
    raws = {f: f.read_text(encoding="utf-8") for f in set(files) if f.exists()}
    assert any("Jane Doe" in r for r in raws.values()) and any("Acme" in r for r in raws.values())
    for f, raw in raws.items():
        f.write_text(raw.replace('"Jane Doe"', json.dumps("Jane\n\nDoe")).replace('"Acme"', json.dumps("Acme\nPharma")),
                     encoding="utf-8")
    with Store.open(data_dir) as store:
        loaded = store.get_contact(jane.id)
        assert loaded.name == "Jane Doe"
        assert store.organization_name(loaded) == "Acme Pharma"
