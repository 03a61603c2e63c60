"""Exports the user can take elsewhere: a lossless JSON record and Markdown for people."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from netbook import __version__
from netbook.domain.display_text import one_line, visible_text
from netbook.domain.meeting_lifecycle import elapsed_seconds, format_elapsed
from netbook.domain.models import AskStatus, Contact, Meeting, MentionKind, Organization, QuestionStatus
from netbook.storage.config import Profile
from netbook.storage.store import Store

EXPORT_FORMAT = 1


class ExportLookups:
    """What an export asks about every meeting, built once per run: leads by the meeting that referred them.

    Without it each meeting scanned (and sorted) the whole contact book: exporting years
    of meetings grew with meetings x contacts.
    """

    def __init__(self, store: Store) -> None:
        self.referred_in: dict[str, list[Contact]] = {}
        for contact in store.contacts():  # sorted by name: leads are listed in that order
            if contact.referred_in_meeting_id:
                self.referred_in.setdefault(contact.referred_in_meeting_id, []).append(contact)

    def leads_of(self, meeting_id: str) -> list[Contact]:
        return self.referred_in.get(meeting_id, [])


def _linked_people(store: Store, meeting: Meeting, lookups: ExportLookups | None = None) -> tuple[list[Contact], list[Organization]]:
    contact_ids: list[str] = [meeting.contact_id]
    org_ids: list[str] = []
    for mention in meeting.mentions:
        if mention.contact_id:
            contact_ids.append(mention.contact_id)
        if mention.organization_id:
            org_ids.append(mention.organization_id)
    lookups = lookups or ExportLookups(store)
    contact_ids.extend(c.id for c in lookups.leads_of(meeting.id))
    contacts = [c for cid in dict.fromkeys(contact_ids) if (c := store.get_contact(cid))]
    for contact in contacts:
        if contact.organization_id:
            org_ids.append(contact.organization_id)
    orgs = [o for oid in dict.fromkeys(org_ids) if (o := store.get_organization(oid))]
    return contacts, orgs


def meeting_record(store: Store, meeting: Meeting, lookups: ExportLookups | None = None) -> dict[str, Any]:
    """Everything about one meeting, lossless: it can be read back with the models."""
    contacts, orgs = _linked_people(store, meeting, lookups)
    return {
        "meeting": meeting.to_json_dict(),
        "contacts": [c.to_json_dict() for c in contacts],
        "organizations": [o.to_json_dict() for o in orgs],
    }


def export_json(store: Store, meetings: list[Meeting]) -> dict[str, Any]:
    lookups = ExportLookups(store)
    return {
        "netbook_export": EXPORT_FORMAT,
        "netbook_version": __version__,
        "meetings": [meeting_record(store, m, lookups) for m in meetings],
    }


def iter_export(store: Store, meetings: Iterable[Meeting], fmt: str, *,
                progress: Callable[[int], None] | None = None, profile: Profile | None = None) -> Iterator[str]:
    """The export as text pieces, one meeting at a time, so memory stays flat however long the history.

    ``fmt`` is "md" or "json"; the pieces joined are exactly ``export_json`` dumped with
    indent 2 plus a newline, or the meetings' Markdown separated by blank lines.
    ``progress(n)`` is called after each meeting; the drafts sign with ``profile``.
    """
    from netbook.domain.drafts import drafts_for_export

    lookups = ExportLookups(store)
    done = 0
    if fmt == "json":
        head = json.dumps({"netbook_export": EXPORT_FORMAT, "netbook_version": __version__}, indent=2)
        yield head[:-2] + ',\n  "meetings": ['
        for meeting in meetings:
            record = json.dumps(meeting_record(store, meeting, lookups), ensure_ascii=False, indent=2)
            yield ("," if done else "") + "\n    " + record.replace("\n", "\n    ")
            done += 1
            if progress is not None:
                progress(done)
        yield ("\n  ]" if done else "]") + "\n}\n"
        return
    for meeting in meetings:
        text = meeting_markdown(store, meeting, drafts=drafts_for_export(store, meeting, profile), lookups=lookups)
        yield ("\n\n" if done else "") + text
        done += 1
        if progress is not None:
            progress(done)


class TerminalProgress:
    """"exporting 1,234/10,000 meetings" on one terminal line, redrawn at most five times a second."""

    def __init__(self, stream: IO[str], total: int, *, what: str = "meetings", delay: float = 0.5) -> None:
        self.stream, self.total, self.what = stream, total, what
        self._start = time.monotonic()
        self._next = self._start + delay  # short runs print nothing
        self._shown = False

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if now < self._next and done < self.total:
            return
        if not self._shown and done >= self.total:
            return
        self._next = now + 0.2
        self._shown = True
        self.stream.write(f"\rexporting {done:,}/{self.total:,} {self.what}")
        self.stream.flush()

    def finish(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _yaml_str(value: str) -> str:
    """A YAML double-quoted scalar; control characters are escaped so the front matter stays valid."""
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or ch in "\u2028\u2029\ufeff":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _fence(body: str) -> str:
    """A code fence longer than any run of backticks in ``body``."""
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    return "`" * max(3, longest + 1)


# Markdown punctuation that can start inline markup, plus "&" where it could start an entity.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#]|&(?=[#A-Za-z0-9]))")


def md_text(value: str) -> str:
    """User text for one line of Markdown: folded to one line, controls visible, markup escaped.

    A name holding ``---``, ``# x``, ``[link](...)`` or ``<b>`` then reads as those
    characters in any Markdown viewer and cannot add a rule, a heading or a link.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(value))


def md_block(body: str) -> str:
    """Multi-line user text (notes, drafts) as a fenced text block, exactly as typed but for controls."""
    body = visible_text(body.rstrip("\n"), keep_newlines=True)
    fence = _fence(body)
    return f"{fence}text\n{body}\n{fence}"


def meeting_markdown(
    store: Store,
    meeting: Meeting,
    *,
    drafts: list[tuple[str, str]] | None = None,
    lookups: ExportLookups | None = None,
    link: Callable[[str], str] | None = None,
) -> str:
    """A clean Markdown record of one meeting: names escaped, notes and drafts fenced as typed.

    ``link`` turns a name in the front matter into a link (``[[Jane Doe]]`` for a notes vault).
    """
    def name(text: str) -> str:
        return _yaml_str(link(text) if link and text else text)

    contact = store.get_contact(meeting.contact_id)
    who = contact.name if contact else "(unknown contact)"
    org = store.organization_name(contact)
    when = meeting.when()
    people = [m.name for m in meeting.mentions if m.kind is MentionKind.PERSON]
    orgs = [m.name for m in meeting.mentions if m.kind is MentionKind.ORGANIZATION]
    lines = [
        "---",
        f"date: {when.isoformat(timespec='minutes') if when else ''}",
        f"contact: {name(who) if contact else _yaml_str(who)}",
        f"organization: {name(org)}",
        f"people: [{', '.join(name(p) for p in people)}]",
        f"organizations: [{', '.join(name(o) for o in orgs)}]",
        f"meeting_id: {meeting.id}",
        "---",
        "",
        f"# Meeting with {md_text(who)}" + (f" ({md_text(org)})" if org else ""),
        "",
    ]
    if when:
        length = format_elapsed(elapsed_seconds(meeting, meeting.ended_at or when)) if meeting.started_at else ""
        lines.append(f"- When: {when:%Y-%m-%d %H:%M}")
        lines.append(f"- Planned: {meeting.planned_minutes} min" + (f"; actual: {length}" if meeting.ended_at else ""))
    if contact and contact.role:
        lines.append(f"- Role: {md_text(contact.role)}")
    if meeting.goal:
        lines.append(f"- Goal: {md_text(meeting.goal)}")
    lines.append("")
    if meeting.questions:
        lines += ["## Questions", ""]
        marks = {QuestionStatus.ASKED: "x", QuestionStatus.SKIPPED: "-", QuestionStatus.PENDING: " "}
        for q in meeting.questions:
            lines.append(f"- [{marks[q.status]}] {md_text(q.text)}" + (f" — {md_text(q.answer)}" if q.answer else ""))
        lines.append("")
    lines += ["## Notes", "", md_block(meeting.notes) if meeting.notes.strip() else "(no notes)", ""]
    lines += _mention_and_ask_lines(meeting)
    lead_lines = _lead_lines(store, meeting, lookups)
    if lead_lines:
        lines += ["## New leads", "", *lead_lines, ""]
    if meeting.followups:
        lines += ["## Follow-ups", ""]
        for f in sorted(meeting.followups, key=lambda f: (f.done, f.effective_due())):
            snoozed = f" (snoozed from {f.due:%Y-%m-%d})" if f.snoozed_until and not f.done else ""
            title = md_text(f.display_title(store.record_name))
            lines.append(f"- [{'x' if f.done else ' '}] {f.effective_due():%Y-%m-%d} {title}{snoozed}")
        lines.append("")
    if drafts:
        lines += ["## Drafted e-mails", ""]
        for title, body in drafts:
            lines += [f"### {md_text(title)}", "", md_block(body), ""]
    return "\n".join(lines)


def _mention_and_ask_lines(meeting: Meeting) -> list[str]:
    """The meeting's Markdown sections for tagged names and the closing checklist."""
    lines: list[str] = []
    if meeting.mentions:
        lines += ["## People and organizations", ""]
        org_names = {m.key: m.name for m in meeting.mentions if m.kind is MentionKind.ORGANIZATION}
        for m in meeting.mentions:
            kind = "person" if m.kind is MentionKind.PERSON else "organization"
            if m.contact_id == meeting.contact_id:
                kind = "the person you met"
            link = f" · {md_text(org_names.get(m.organization_key, m.organization_key))}" if m.organization_key else ""
            lines.append(f"- {md_text(m.name)}{link} ({kind}, {m.status.value})")
        lines.append("")
    if meeting.asks:
        from netbook.domain.closing_checklist import describe_ask

        lines += ["## Closing checklist", ""]
        for ask in meeting.asks:
            done = "x" if ask.status is AskStatus.ASKED else " "
            said = describe_ask(ask)
            lines.append(f"- [{done}] {md_text(ask.text)}" + (f" — {md_text(said)}" if said else ""))
            if ask.quote:
                lines.append(f"  > {md_text(ask.quote)}")
        lines.append("")
    return lines


def _lead_lines(store: Store, meeting: Meeting, lookups: ExportLookups | None = None) -> list[str]:
    """One line per contact referred in this meeting: org, channel, name permission, intro."""
    from netbook.domain.closing_checklist import CHANNEL_LABELS

    out = []
    for c in (lookups or ExportLookups(store)).leads_of(meeting.id):
        bits = []
        org = store.organization_name(c)
        if org:
            bits.append(md_text(org))
        if c.preferred_channel is not None:
            bits.append(CHANNEL_LABELS[c.preferred_channel])
        if c.may_use_referrer_name is not None:
            bits.append("may use the referrer's name" if c.may_use_referrer_name else "don't use the referrer's name")
        if c.intro_promised:
            bits.append(f"intro promised by {c.intro_by:%Y-%m-%d}" if c.intro_by else "intro promised")
        referrer = store.get_contact(c.referred_by_id)
        if referrer is not None:
            bits.append(f"suggested by {md_text(referrer.name)}")
        out.append(f"- {md_text(c.name)}" + (f" — {'; '.join(bits)}" if bits else ""))
    return out
