"""The user's library (``library.json``, TinyDB): their own questions and question-set templates.

Checked once, record by record, before it is used or written: a file that does not parse,
a record that is not one, or one from a newer netbook is a StoreError naming the file.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from tinydb import Query

from netbook.domain.models import SCHEMA_VERSION, new_id
from netbook.storage.files import CorruptFileError
from netbook.storage.migrations import migrate
from netbook.storage.record_tables import first_error


class UserLibraryMixin:
    """The library's part of :class:`netbook.storage.store.Store` (it shares the store's state).

    Uses the store's ``_library_db`` and ``_library_checked`` (set up in ``Store.__init__``),
    ``root``, ``_lock`` and ``_check_writable``.
    """

    def check_library(self) -> None:
        """Read library.json (the user's own questions and question sets) and check every record, once.

        The rule of the contact book: a file that does not parse, a record that is not one,
        or one written by a newer netbook raises a StoreError naming the file, and nothing is
        ever written over it. The app checks at start (and ends with that line), ``netbook meet``
        before it creates the meeting, so a bad library never ends a meeting half-way.
        """
        if self._library_checked:
            return
        from netbook.domain.question_bank import Question

        with self._lock:
            path = self.root / "library.json"
            for name, rows in (self._library_db.storage.read() or {}).items():
                kind = _LIBRARY_KINDS.get(name, "library")
                for doc_id, doc in rows.items():
                    record = str(doc.get("id", doc_id)) if isinstance(doc, dict) else str(doc_id)
                    doc = migrate(doc, kind, path, record)
                    try:
                        if kind == "question":
                            Question.model_validate({**doc, "own": True})
                        elif kind == "template":
                            _Template.model_validate(doc)
                    except ValidationError as exc:
                        raise CorruptFileError(path, f"invalid {kind}: {first_error(exc)}", record) from exc
            self._library_checked = True

    def user_questions(self) -> list[dict[str, Any]]:
        self.check_library()
        return [{k: v for k, v in doc.items() if k != "schema_version"} for doc in self._library_db.table("questions").all()]

    def add_user_question(self, question: dict[str, Any]) -> None:
        with self._lock:
            self._check_writable(self.root / "library.json")
            self.check_library()
            question = {**question, "schema_version": SCHEMA_VERSION}
            self._library_db.table("questions").upsert(question, Query().id == question["id"])

    def templates(self) -> list[dict[str, Any]]:
        """The user's question sets (id, name, questions), as saved."""
        self.check_library()
        return [{k: v for k, v in doc.items() if k != "schema_version"} for doc in self._library_db.table("templates").all()]

    def save_template(self, name: str, questions: list[dict[str, Any]], *, template_id: str | None = None) -> str:
        """Save a question set under ``name`` (replacing a set of that name); returns its id."""
        with self._lock:
            self._check_writable(self.root / "library.json")
            self.check_library()
            table = self._library_db.table("templates")
            existing = table.get(Query().name == name) if template_id is None else None
            template_id = template_id or (existing["id"] if existing else f"tpl-{new_id()}")
            record = {"id": template_id, "name": name, "questions": questions, "schema_version": SCHEMA_VERSION}
            table.upsert(record, Query().id == template_id)
            return template_id


_LIBRARY_KINDS = {"questions": "question", "templates": "template"}


class _TemplateQuestion(BaseModel):
    model_config = ConfigDict(defer_build=True)  # built when a question set is first checked, not at start-up

    text: str


class _Template(BaseModel):
    """What a question set in library.json must hold to be offered (the rest is the picker's business)."""

    model_config = ConfigDict(defer_build=True)

    name: str
    questions: list[_TemplateQuestion]
