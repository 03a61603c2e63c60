"""The meeting's mention entries (``meeting.mentions``) as a model the screens edit.

:class:`MeetingMentions`: tag, confirm, change kind, link, merge, remove, and
:meth:`MeetingMentions.sync` from the detector's :class:`Occurrence` list. Removing a
flag never edits the note text. Pure core, no Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from netbook.domain.mention_records import BookIds
from netbook.domain.models import Mention, MentionKind, MentionStatus, normalise_key, strip_title
from netbook.domain.tagging import display_name


# --------------------------------------------------------------------------- the meeting's mentions


@dataclass(slots=True)
class Occurrence:
    """One detector hit, resolved to a line: what :meth:`MeetingMentions.sync` consumes."""

    line: int
    text: str
    key: str
    kind: MentionKind
    suggested: bool
    org_key: str | None = None
    quote: str = ""
    count: int = 1  # an aggregate of this many hits, ``line`` being the first


class Change(str, Enum):
    NONE = "none"
    COUNTS = "counts"  # counts / first lines only
    ENTRIES = "entries"  # entries added, removed or re-kinded


@dataclass
class MeetingMentions:
    """``meeting.mentions`` as a model the screen edits: one entry per entity.

    ``own_names`` are the names of the person being met: tagging them maps to that
    contact (``own_contact_id``) and never creates a lead. ``dismissed`` keys were
    removed by the user and are no longer flagged in this meeting.
    """

    mentions: list[Mention]
    own_contact_id: str | None = None
    own_names: Sequence[str] = ()
    dismissed: set[str] = field(default_factory=set)
    _aliases: dict[str, str] = field(default_factory=dict, init=False)
    _by_key: dict[str, Mention] = field(default_factory=dict, init=False)
    _own_keys: set[str] = field(default_factory=set, init=False)

    def __post_init__(self) -> None:
        for name in self.own_names:
            key = normalise_key(name)
            if key:
                self._own_keys.add(key)
                parts = key.split()
                if len(parts) > 1:
                    self._own_keys.update({parts[0], parts[-1]})
        self._rebuild_aliases()

    # ------------------------------------------------------------------ lookup

    def _rebuild_aliases(self) -> None:
        self._aliases = {}
        self._by_key = {m.key: m for m in self.mentions}
        for m in self.mentions:
            for form in self._forms(m):
                self._aliases.setdefault(form, m.key)
        for m in self.mentions:
            self._aliases[m.key] = m.key

    def _forms(self, m: Mention) -> list[str]:
        forms = [normalise_key(m.name), *(normalise_key(a) for a in m.aliases)]
        if m.kind is MentionKind.PERSON and m.status is MentionStatus.CONFIRMED:
            parts = m.key.split()
            if len(parts) > 1:  # "Susan" and "Smith" are Susan Smith in this meeting
                forms += [parts[0], parts[-1]]
        return [f for f in forms if f]

    def get(self, key: str | None) -> Mention | None:
        if not key:
            return None
        real = self._aliases.get(normalise_key(key), normalise_key(key))
        return self._entry(real)

    def _entry(self, key: str) -> Mention | None:
        """The entry with this exact key: a dict lookup (the panel and the styling ask per row and per name)."""
        entry = self._by_key.get(key)
        if entry is not None and entry.key == key:
            return entry
        return next((m for m in self.mentions if m.key == key), None)  # changed since the last rebuild

    def resolve(self, key: str, text: str = "") -> str:
        """The entry key a detector key/text belongs to (itself if none).

        The text first: once the user has tagged "Sue" on her own, "Sue" is that entry,
        even where the detector guesses she is Susan Smith.
        """
        for candidate in (normalise_key(text), key):
            if candidate and candidate in self._aliases:
                return self._aliases[candidate]
        return normalise_key(key or text)

    def is_own(self, key: str) -> bool:
        return normalise_key(key) in self._own_keys

    def known_names(self) -> tuple[list[str], list[str]]:
        """Confirmed names (with merged forms and, for people, first/last names) for the detector."""
        people: list[str] = []
        orgs: list[str] = []
        for m in self.mentions:
            if m.status is not MentionStatus.CONFIRMED or m.key in self.dismissed:
                continue
            names = [m.name, *m.aliases]
            if m.kind is MentionKind.PERSON:
                bare = strip_title(m.name)
                parts = bare.split()
                if bare != m.name:
                    names.append(bare)  # "Susan Smith" is Dr. Susan Smith too
                if len(parts) > 1:
                    names += [parts[0], parts[-1]]
                people += names
            else:
                orgs += names
        return people, orgs

    def style_for(self, key: str, text: str, kind: MentionKind, suggested: bool) -> tuple[MentionKind, bool] | None:
        """(kind, confirmed) to draw a detector hit with, or None if the user removed it."""
        real = self.resolve(key, text)
        if real in self.dismissed:
            return None
        entry = self._entry(real) if real in self._aliases else None
        if entry is not None:
            return entry.kind, entry.status is MentionStatus.CONFIRMED
        return kind, not suggested

    # ------------------------------------------------------------------ user actions

    def tag(self, name: str, kind: MentionKind, *, line: int | None = None, quote: str = "") -> Mention:
        """Tag ``name`` (typed or selected) as a confirmed person/organization."""
        name = display_name(name, kind)
        key = normalise_key(name)
        if not key:
            raise ValueError("nothing to tag")
        self.dismissed.discard(key)
        entry = self.get(key)
        if entry is not None and entry.key != key and len(name) > len(entry.name) and entry.kind is kind:
            # "Susan" was flagged first; now "Susan Smith" is tagged: grow the entry
            self._rekey(entry, name)
        if entry is not None and entry.key == key and strip_title(entry.name) == entry.name and strip_title(name) != name:
            entry.name = name  # "Dr. Patel" typed after "Patel" was flagged: the title is kept
        if entry is None:
            entry = Mention(kind=kind, name=name, key=key, status=MentionStatus.CONFIRMED,
                            first_line=line, quote=quote, count=1 if line is not None else 0)
            self.mentions.append(entry)
        else:
            self.dismissed.discard(entry.key)
            if entry.kind is not kind:
                self._set_kind(entry, kind)
            entry.status = MentionStatus.CONFIRMED
            if line is not None and (entry.first_line is None or line < entry.first_line):
                entry.first_line, entry.quote = line, quote
            if entry.count == 0 and line is not None:
                entry.count = 1
        if kind is MentionKind.PERSON and self.is_own(key) and self.own_contact_id:
            entry.contact_id = self.own_contact_id
        if kind is MentionKind.PERSON and len(entry.key.split()) > 1:
            # "Susan" was flagged on its own before "Susan Smith" was tagged: the same person
            parts = entry.key.split()
            for other in [m for m in self.mentions if m is not entry and m.kind is MentionKind.PERSON
                          and m.key in (parts[0], parts[-1]) and not m.contact_id]:
                self._rebuild_aliases()
                self.merge(other.key, entry.key)
        self._rebuild_aliases()
        return entry

    def _rekey(self, entry: Mention, name: str) -> None:
        old_key = entry.key
        if normalise_key(entry.name) != normalise_key(name) and entry.name not in entry.aliases:
            entry.aliases.append(entry.name)
        entry.name = name
        entry.key = normalise_key(name)
        for m in self.mentions:
            if m.organization_key == old_key:
                m.organization_key = entry.key

    def confirm(self, key: str, kind: MentionKind | None = None) -> Mention | None:
        entry = self.get(key)
        if entry is None:
            return None
        self.dismissed.discard(entry.key)
        if kind is not None and kind is not entry.kind:
            self._set_kind(entry, kind)
        entry.status = MentionStatus.CONFIRMED
        if entry.kind is MentionKind.PERSON and self.is_own(entry.key) and self.own_contact_id:
            entry.contact_id = self.own_contact_id
        self._confirm_linked_organizations()
        self._rebuild_aliases()
        return entry

    def _set_kind(self, entry: Mention, kind: MentionKind) -> None:
        entry.kind = kind
        if kind is MentionKind.ORGANIZATION:
            entry.organization_key = None
            entry.contact_id = None
        else:
            entry.organization_id = None
            for m in self.mentions:  # people linked to it lose the link
                if m.organization_key == entry.key:
                    m.organization_key = None

    def change_kind(self, key: str, kind: MentionKind | None = None) -> Mention | None:
        """Person <-> organization (toggles when ``kind`` is None). The entry stays confirmed."""
        entry = self.get(key)
        if entry is None:
            return None
        if kind is None:
            kind = MentionKind.ORGANIZATION if entry.kind is MentionKind.PERSON else MentionKind.PERSON
        if kind is not entry.kind:
            self._set_kind(entry, kind)
        entry.status = MentionStatus.CONFIRMED
        self._rebuild_aliases()
        return entry

    def link(self, person_key: str, org_key: str | None) -> Mention | None:
        """Link a person to an organization entry (None unlinks)."""
        person = self.get(person_key)
        if person is None or person.kind is not MentionKind.PERSON:
            return None
        if org_key is None:
            person.organization_key = None
            return person
        org = self.get(org_key)
        if org is None or org.kind is not MentionKind.ORGANIZATION:
            return None
        person.organization_key = org.key
        self._confirm_linked_organizations()
        return person

    def link_by_name(self, person_key: str, org_name: str, *, line: int | None = None, quote: str = "") -> Mention | None:
        org = self.get(org_name)
        if org is None or org.kind is not MentionKind.ORGANIZATION:
            org = self.tag(org_name, MentionKind.ORGANIZATION, line=line, quote=quote)
        return self.link(person_key, org.key)

    def merge(self, from_key: str, into_key: str) -> Mention | None:
        """"Sue" = "Susan Smith": the first entry becomes an alias of the second."""
        src, dst = self.get(from_key), self.get(into_key)
        if src is None or dst is None or src is dst:
            return None
        for form in (src.name, *src.aliases):
            if normalise_key(form) != dst.key and form not in dst.aliases:
                dst.aliases.append(form)
        dst.count += src.count
        if src.first_line is not None and (dst.first_line is None or src.first_line < dst.first_line):
            dst.first_line, dst.quote = src.first_line, src.quote
        if dst.kind is MentionKind.PERSON and not dst.organization_key:
            dst.organization_key = src.organization_key
        if src.status is MentionStatus.CONFIRMED:
            dst.status = MentionStatus.CONFIRMED
        for m in self.mentions:
            if m.organization_key == src.key:
                m.organization_key = dst.key if dst.kind is MentionKind.ORGANIZATION else None
        self.mentions.remove(src)
        self.dismissed.discard(src.key)
        self._rebuild_aliases()
        return dst

    def link_record(self, key: str, book: BookIds) -> bool:
        """The entry is a stored contact/organization: link it and take the record's name.

        What was typed ("tom") stays an alias, so the notes still flag it; if another entry
        already is that record, the two become one. True if anything changed.
        """
        entry = self.get(key)
        if entry is None:
            return False
        changed = False
        if entry.kind is MentionKind.PERSON and book.contact_id and entry.contact_id != book.contact_id:
            entry.contact_id, changed = book.contact_id, True
        if entry.kind is MentionKind.ORGANIZATION and book.organization_id and entry.organization_id != book.organization_id:
            entry.organization_id, changed = book.organization_id, True
        name = " ".join((book.name or "").split())
        if name and entry.name != name and not (entry.contact_id and entry.contact_id == self.own_contact_id):
            same = next((m for m in self.mentions if m is not entry and m.kind is entry.kind
                         and m.key == normalise_key(name)), None)
            if same is not None:
                merged = self.merge(entry.key, same.key)
                if merged is not None and merged.kind is MentionKind.PERSON:
                    merged.contact_id = merged.contact_id or book.contact_id
                elif merged is not None:
                    merged.organization_id = merged.organization_id or book.organization_id
                return True
            self._rekey(entry, name)
            changed = True
        if changed:
            self._rebuild_aliases()
        return changed

    def remove(self, key: str) -> Mention | None:
        """Stop flagging an entity in this meeting. The note text is never touched."""
        entry = self.get(key)
        if entry is None:
            return None
        self.mentions.remove(entry)
        self.dismissed.add(entry.key)
        self.dismissed.update(normalise_key(a) for a in entry.aliases)
        for m in self.mentions:
            if m.organization_key == entry.key:
                m.organization_key = None
        self._rebuild_aliases()
        return entry

    # ------------------------------------------------------------------ from the detector

    def sync(self, occurrences: Iterable[Occurrence]) -> Change:
        """Update counts/first lines from the notes; add suggested entries for new guesses.

        Entries whose name no longer appears keep count 0 if confirmed (the user tagged
        them) and are dropped if they were only suggestions.
        """
        stats: dict[str, list] = {}  # key -> [count, first_line, quote, longest text, kind, suggested, org_key]
        for occ in occurrences:
            key = self.resolve(occ.key, occ.text)
            if not key or key in self.dismissed:
                continue
            s = stats.get(key)
            if s is None:
                stats[key] = [occ.count, occ.line, occ.quote, occ.text, occ.kind, occ.suggested, occ.org_key]
            else:
                s[0] += occ.count
                if occ.line < s[1]:
                    s[1], s[2] = occ.line, occ.quote
                if len(occ.text) > len(s[3]):
                    s[3] = occ.text
                if not occ.suggested:
                    s[5] = False
                if s[6] is None and occ.org_key:
                    s[6] = occ.org_key
        change = Change.NONE
        kept: list[Mention] = []
        seen: set[str] = set()
        for m in self.mentions:
            s = stats.get(m.key)
            seen.add(m.key)
            if s is None:
                if m.status is MentionStatus.SUGGESTED:
                    change = Change.ENTRIES
                    continue
                if m.count != 0:
                    m.count = 0
                    change = max(change, Change.COUNTS, key=_rank)
                kept.append(m)
                continue
            count, line, quote = s[0], s[1], s[2]
            if (m.count, m.first_line, m.quote) != (count, line, quote):
                m.count, m.first_line, m.quote = count, line, quote
                change = max(change, Change.COUNTS, key=_rank)
            if m.status is MentionStatus.SUGGESTED and not s[5]:
                m.status = MentionStatus.CONFIRMED  # it became a known name
                change = Change.ENTRIES
            if m.kind is MentionKind.PERSON and not m.organization_key and s[6]:
                org = self.resolve(s[6])
                if org in stats or self.get(org) is not None:
                    m.organization_key = org
                    change = Change.ENTRIES
            kept.append(m)
        for key, s in stats.items():
            if key in seen:
                continue
            count, line, quote, text, kind, suggested, org_key = s
            entry = Mention(kind=kind, name=" ".join(text.split()), key=key,
                            status=MentionStatus.SUGGESTED if suggested else MentionStatus.CONFIRMED,
                            count=count, first_line=line, quote=quote)
            if kind is MentionKind.PERSON and self.is_own(key) and self.own_contact_id:
                entry.contact_id = self.own_contact_id
            if kind is MentionKind.PERSON and org_key:
                org = self.resolve(org_key)
                if org in stats or self.get(org) is not None:
                    entry.organization_key = org
            kept.append(entry)
            change = Change.ENTRIES
        for m in kept:  # link keys point at entry keys
            if m.organization_key:
                m.organization_key = self.resolve(m.organization_key)
        if change is Change.ENTRIES or len(kept) != len(self.mentions):
            self.mentions[:] = kept
            self._rebuild_aliases()  # counts alone change no name or key: no rebuild
        if self._confirm_linked_organizations():
            change = Change.ENTRIES
        return change

    def _confirm_linked_organizations(self) -> bool:
        """The organization of a confirmed person ("Susan Smith at Citibank") is confirmed with her."""
        orgs = {m.key: m for m in self.mentions if m.kind is MentionKind.ORGANIZATION}
        changed = False
        for m in self.mentions:
            if m.kind is MentionKind.PERSON and m.status is MentionStatus.CONFIRMED and m.organization_key:
                org = orgs.get(m.organization_key)
                if org is not None and org.status is MentionStatus.SUGGESTED:
                    org.status = MentionStatus.CONFIRMED
                    changed = True
        return changed

    def ordered(self) -> list[Mention]:
        big = 1 << 60
        return sorted(self.mentions, key=lambda m: (m.first_line if m.first_line is not None else big, m.name.casefold()))

    def label(self, m: Mention) -> str:
        """"Susan Smith · Citibank" for a linked person."""
        if m.kind is MentionKind.PERSON and m.organization_key:
            org = self._entry(self._aliases.get(m.organization_key, m.organization_key))
            if org is not None:
                return f"{m.name} · {org.name}"
        return m.name

def _rank(change: Change) -> int:
    return {Change.NONE: 0, Change.COUNTS: 1, Change.ENTRIES: 2}[change]
