"""Bring stored documents written by older netbooks up to the current schema.

Each step is a pure function from version N to N+1 for one kind of document. A
document from a *newer* netbook is refused, never rewritten: this version cannot
know what it would lose.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from netbook.domain.models import SCHEMA_VERSION
from netbook.storage.files import CorruptFileError, StoreError

Doc = dict[str, Any]


class NewerSchemaError(StoreError):
    """The document was written by a newer netbook."""


def _meeting_0_to_1(doc: Doc) -> Doc:
    # Version 0 (pre-release) kept the notes under "text" and had no question status.
    doc = dict(doc)
    if "text" in doc and "notes" not in doc:
        doc["notes"] = doc.pop("text")
    questions = []
    for q in doc.get("questions", []):
        if isinstance(q, str):
            q = {"text": q}
        questions.append(q)
    doc["questions"] = questions
    return doc


def _contact_0_to_1(doc: Doc) -> Doc:
    # Version 0 kept the organization as free text under "company".
    doc = dict(doc)
    company = doc.pop("company", None)
    if company and not doc.get("how_met"):
        doc["how_met"] = f"works at {company}"
    return doc


def _identity(doc: Doc) -> Doc:
    return dict(doc)


STEPS: dict[str, dict[int, Callable[[Doc], Doc]]] = {
    "meeting": {0: _meeting_0_to_1},
    "contact": {0: _contact_0_to_1},
    "organization": {0: _identity},
    "summary": {0: _identity},
    # library.json: the user's own questions, question sets, and any other list kept there
    "question": {0: _identity},
    "template": {0: _identity},
    "library": {0: _identity},
}


def migrate(doc: Any, kind: str, path: Path, record: str | None = None) -> Doc:
    """Return ``doc`` at :data:`SCHEMA_VERSION`, or raise naming the file and record."""
    if not isinstance(doc, dict):
        raise CorruptFileError(path, f"{kind} record is not an object", record)
    version = doc.get("schema_version", 0)
    if not isinstance(version, int) or version < 0:
        raise CorruptFileError(path, f"has an invalid schema_version {version!r}", record)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            path,
            f"was written by a newer netbook (schema {version}, this one reads up to "
            f"{SCHEMA_VERSION}); upgrade netbook to open it",
            record,
        )
    steps = STEPS[kind]
    while version < SCHEMA_VERSION:
        doc = steps[version](doc)
        version += 1
        doc["schema_version"] = version
    return doc
