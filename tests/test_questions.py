"""The shipped question bank: large, categorised, validated, with the classic default set."""

from __future__ import annotations

from collections import Counter

import pytest

from netbook.domain.question_bank import STANDING_COVERS, QuestionBankError, load_bank, shipped_bank

REQUIRED_CATEGORIES = {
    "career-path", "skills", "company-culture", "industry", "advice", "organizations",
    "resume", "roadblocks", "changing-fields", "new-to-field",
}


def test_bank_size_and_categories():
    bank = shipped_bank()
    assert len(bank.questions) >= 150
    counts = Counter(q.category for q in bank.questions)
    assert len(counts) >= 8 and REQUIRED_CATEGORIES <= set(counts)
    assert min(counts.values()) >= 10
    assert len({q.id for q in bank.questions}) == len(bank.questions)
    assert len({q.text.casefold() for q in bank.questions}) == len(bank.questions)


def test_default_set_is_the_four_classics():
    defaults = shipped_bank().defaults()
    assert [q.category for q in defaults] == ["skills", "company-culture", "organizations", "resume"]
    texts = " ".join(q.text.lower() for q in defaults)
    for word in ("critical", "join this company", "organizations", "resume"):
        assert word in texts


def test_roadblocks_teach_how_to_ask():
    roadblocks = shipped_bank().in_category("roadblocks")
    assert roadblocks and all(len(q.note) > 20 for q in roadblocks)
    topics = " ".join(q.text.lower() + q.note.lower() for q in roadblocks)
    for topic in ("age", "gap", "degree"):
        assert topic in topics


def test_covers_use_known_standing_asks():
    for q in shipped_bank().questions:
        assert set(q.covers) <= set(STANDING_COVERS), q.id


def test_user_questions_join_the_bank():
    bank = shipped_bank().with_user_questions([{"id": "own-001", "category": "my-own", "text": "Mine?"}])
    assert bank.by_id("own-001").own and "my-own" in {c.id for c in bank.categories}


@pytest.mark.parametrize(
    "content, problem",
    [
        ("not = [toml", "invalid question bank"),
        ('schema_version = 1\n[[category]]\nid="a"\ntitle="A"\n[[question]]\nid="q"\ncategory="b"\ntext="?"\n', "unknown categories b"),
        ('[[category]]\nid="a"\ntitle="A"\n[[question]]\nid="q"\ncategory="a"\n', "invalid question bank"),
    ],
)
def test_bad_bank_file_is_named(tmp_path, content, problem):
    path = tmp_path / "questions.toml"
    path.write_text(content)
    with pytest.raises(QuestionBankError) as err:
        load_bank(path)
    assert str(path) in str(err.value) and problem in str(err.value)
