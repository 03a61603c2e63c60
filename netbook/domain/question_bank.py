"""The question bank: the shipped questions in data/questions.toml plus the user's own."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from netbook.storage.resources import data_path

STANDING_COVERS = ("resume-feedback", "organizations-to-join", "anyone-else", "stay-in-touch")


class Category(BaseModel):
    model_config = ConfigDict(defer_build=True)  # schemas built on first use: Home draws without the bank

    id: str
    title: str


class Question(BaseModel):
    model_config = ConfigDict(defer_build=True)

    id: str
    category: str
    text: str
    default: bool = False
    note: str = ""
    covers: list[str] = Field(default_factory=list)
    own: bool = False  # written by the user, stored in their data dir


class QuestionBank(BaseModel):
    model_config = ConfigDict(defer_build=True)

    schema_version: int = 1
    category: list[Category]
    question: list[Question]

    @property
    def categories(self) -> list[Category]:
        return self.category

    @property
    def questions(self) -> list[Question]:
        return self.question

    def by_id(self, question_id: str) -> Question | None:
        return next((q for q in self.question if q.id == question_id), None)

    def find_text(self, text: str) -> Question | None:
        return find_question(self.questions, text)

    def in_category(self, category: str) -> list[Question]:
        return [q for q in self.question if q.category == category]

    def defaults(self) -> list[Question]:
        return [q for q in self.question if q.default]

    def with_user_questions(self, own: list[dict]) -> QuestionBank:
        extra = [Question.model_validate({**q, "own": True}) for q in own]
        known = {c.id for c in self.category}
        cats = list(self.category)
        for q in extra:
            if q.category not in known:
                cats.append(Category(id=q.category, title=q.category.replace("-", " ").capitalize()))
                known.add(q.category)
        return QuestionBank(category=cats, question=[*self.question, *extra])


def find_question(questions: Iterable[Question], text: str) -> Question | None:
    """The question already there with this wording (case and spacing aside), if any."""
    wanted = " ".join(text.casefold().split())
    return next((q for q in questions if " ".join(q.text.casefold().split()) == wanted), None)


class QuestionBankError(ValueError):
    pass


def load_bank(path: Path | None = None) -> QuestionBank:
    path = path or data_path("questions.toml")
    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
        bank = QuestionBank.model_validate(raw)
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as exc:
        raise QuestionBankError(f"{path}: invalid question bank ({exc})") from exc
    ids = [q.id for q in bank.question]
    if len(ids) != len(set(ids)):
        raise QuestionBankError(f"{path}: duplicate question ids")
    categories = {c.id for c in bank.category}
    stray = sorted({q.category for q in bank.question} - categories)
    if stray:
        raise QuestionBankError(f"{path}: unknown categories {', '.join(stray)}")
    return bank


@lru_cache(maxsize=1)
def shipped_bank() -> QuestionBank:
    return load_bank()
