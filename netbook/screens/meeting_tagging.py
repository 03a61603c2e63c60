"""Tagging in the live meeting: what ctrl+t / ctrl+o tag in the note pad, what the panel's keys do to an entry.

The rules for finding names live in :mod:`netbook.domain.tagging` and the entries in
:class:`~netbook.domain.meeting_mentions.MeetingMentions`; this module joins them to the
note pad's selection and to the meeting's contact book (stored leads whose entry goes).
"""

from __future__ import annotations

from typing import Any

from netbook.domain.meeting_mentions import MeetingMentions
from netbook.domain.mention_counter import QUOTE_MAX
from netbook.domain.models import Mention, MentionKind
from netbook.domain.tagging import name_span_at, org_link_in_line
from netbook.screens.meeting_book import MeetingBook
from netbook.widgets.note_pad import ORGANIZATION, ORGANIZATION_SUGGESTED, PERSON, PERSON_SUGGESTED, NotePad

NO_NAME = "no name"  # nothing at the cursor to tag
EMPTY = "empty"  # the selection is blank


def mention_style(model: MeetingMentions, mention: Any) -> str | None:
    """The note pad's style for a detected mention: person or organization, confirmed or suggested."""
    source = getattr(mention, "source", "known")
    suggested = getattr(source, "value", source) == "suggested"
    style = model.style_for(mention.key, mention.text, mention.kind, suggested)
    if style is None:
        return None
    kind, confirmed = style
    if kind is MentionKind.PERSON:
        return PERSON if confirmed else PERSON_SUGGESTED
    return ORGANIZATION if confirmed else ORGANIZATION_SUGGESTED


def _selected_name(pad: NotePad) -> tuple[int, str, tuple[int, int]]:
    """(row, name, span) of the selection, on its first line, trimmed of spaces and trailing punctuation."""
    start_loc, end_loc = sorted((pad.selection.start, pad.selection.end))
    row = start_loc[0]
    line = pad.document.get_line(row)
    span = (start_loc[1], end_loc[1] if end_loc[0] == row else len(line))
    name = line[span[0]:span[1]]
    lead = len(name) - len(name.lstrip())
    name = name.strip().rstrip(",;:")
    return row, name, (span[0] + lead, span[0] + lead + len(name))


def tag_in_pad(pad: NotePad, model: MeetingMentions, kind: MentionKind, book: MeetingBook) -> Mention | str:
    """Tag the selection or the name at the cursor as ``kind``: the entry, or why nothing was tagged."""
    selection = pad.selection
    entry = None
    if selection.start != selection.end:
        row, name, span = _selected_name(pad)
        line = pad.document.get_line(row)
    else:
        row, col = selection.end
        line = pad.document.get_line(row)
        found = name_span_at(line, col, kind)
        span = found
        name = ""
        hit = pad.mention_at(row, col)
        if hit is not None and (found is None or (hit.start <= found[0] and found[1] <= hit.end)):
            # the flagged mention under the cursor: confirm it (as this kind)
            span = (hit.start, hit.end)
            existing = model.get(model.resolve(hit.key, hit.text))
            if existing is not None and model.get(hit.text) is not existing:
                existing = None  # the detector's guess ("Sue" is Susan Smith): tag what was typed, offer the merge
            if existing is not None:
                book.forget_lead_if_kind_changes(existing, kind)
                entry = model.confirm(existing.key, kind)
            else:
                name = hit.text
        elif found is not None:
            name = line[found[0]:found[1]]
        else:
            return NO_NAME
    if entry is None:
        if not name.strip():
            return EMPTY
        existing = model.get(name)
        if existing is not None:
            book.forget_lead_if_kind_changes(existing, kind)
        entry = model.tag(name, kind, line=row, quote=line.strip()[:QUOTE_MAX])
    if kind is MentionKind.PERSON and span is not None:
        link = org_link_in_line(line, span[1])
        if link is not None:
            org_name = line[link.start:link.end]
            org = model.get(org_name)
            if link.strong or (org is not None and org.kind is MentionKind.ORGANIZATION):
                model.link_by_name(entry.key, org_name, line=row, quote=line.strip()[:QUOTE_MAX])
    return entry


def act_on_entry(model: MeetingMentions, book: MeetingBook, action: str, key: str,
                 target: str | None) -> tuple[str, str | None]:
    """A panel key on entry ``key``: ("done", the entry to select after), or ("refused"/"ignored", None)
    when nothing changed (refused: the user asked for something impossible, the screen rings the bell)."""
    entry = model.get(key)
    if entry is None:
        return "ignored", None
    select: str | None = entry.key
    if action == "confirm":
        model.confirm(key)
    elif action in ("person", "organization"):
        kind = MentionKind(action)
        book.forget_lead_if_kind_changes(entry, kind)
        model.change_kind(key, kind)
    elif action == "link" and target:
        if model.link(key, target) is None:
            return "refused", None
    elif action == "unlink":
        model.link(key, None)
    elif action == "merge" and target:
        source = entry.model_copy()
        merged = model.merge(key, target)
        if merged is None:
            return "ignored", None
        if source.contact_id and source.contact_id != merged.contact_id:
            book.removed.append(source)
        select = merged.key
    elif action == "remove":
        removed = model.remove(key)
        if removed is not None and removed.contact_id:
            book.removed.append(removed)
        select = None
    else:
        return "ignored", None
    return "done", select
