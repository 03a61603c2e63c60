"""What the detector hands out: one :class:`Mention` per flagged span, one :class:`Entity` per name.

Plain slotted classes rather than dataclasses: importing ``dataclasses`` (and the ``inspect``
machinery it pulls in) would cost the detector's start-up more than all its own modules.
"""

from __future__ import annotations

from collections import namedtuple

from netbook.detector.vocabulary import MentionKind, MentionSource


class Mention:
    """One flagged span of a note; immutable, compared and hashed by its fields."""

    __slots__ = ("start", "end", "kind", "text", "key", "source", "org_key")
    __match_args__ = __slots__

    start: int
    end: int
    kind: MentionKind
    text: str
    key: str
    source: MentionSource
    org_key: str | None  # for a person: the key of the organization linked to them

    def __init__(self, start: int, end: int, kind: MentionKind, text: str, key: str, source: MentionSource,
                 org_key: str | None = None):
        _set = object.__setattr__
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "kind", kind)
        _set(self, "text", text)
        _set(self, "key", key)
        _set(self, "source", source)
        _set(self, "org_key", org_key)

    def _fields(self) -> tuple:
        return (self.start, self.end, self.kind, self.text, self.key, self.source, self.org_key)

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot assign to field {name!r}: a Mention is immutable")

    def __reduce__(self):  # copy and pickle build it again through __init__
        return (Mention, self._fields())

    def __delattr__(self, name):
        raise AttributeError(f"cannot delete field {name!r}: a Mention is immutable")

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._fields() == other._fields()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return ("Mention(start=%r, end=%r, kind=%r, text=%r, key=%r, source=%r, org_key=%r)"
                % self._fields())


class Entity:
    """One name of a note: its fullest form, how often and where it first appears."""

    __slots__ = ("key", "kind", "display", "count", "first_line", "org_key", "source")
    __match_args__ = __slots__

    key: str
    kind: MentionKind
    display: str  # the fullest form seen
    count: int
    first_line: int
    org_key: str | None
    source: MentionSource

    def __init__(self, key: str, kind: MentionKind, display: str, count: int, first_line: int,
                 org_key: str | None, source: MentionSource):
        self.key = key
        self.kind = kind
        self.display = display
        self.count = count
        self.first_line = first_line
        self.org_key = org_key
        self.source = source

    def _fields(self) -> tuple:
        return (self.key, self.kind, self.display, self.count, self.first_line, self.org_key, self.source)

    __hash__ = None  # mutable, like the dataclass it replaces

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._fields() == other._fields()
        return NotImplemented

    def __repr__(self) -> str:
        return ("Entity(key=%r, kind=%r, display=%r, count=%r, first_line=%r, org_key=%r, source=%r)"
                % self._fields())


# A mention inside one line, before document offsets and links are added.
Found = namedtuple("Found", ("start", "end", "kind", "key", "source"))
