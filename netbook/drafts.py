"""Drafted e-mails after a meeting (thank-you, first message to each lead)."""

from __future__ import annotations

from netbook.models import Meeting
from netbook.store import Store


def drafts_for_export(store: Store, meeting: Meeting) -> list[tuple[str, str]]:
    """(title, body) pairs for the Markdown export."""
    return []
