"""What the detector hands out: one :class:`Mention` per flagged span, one :class:`Entity` per name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from netbook.detector.vocabulary import MentionKind, MentionSource


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    kind: MentionKind
    text: str
    key: str
    source: MentionSource
    org_key: str | None = None  # for a person: the key of the organization linked to them


@dataclass(slots=True)
class Entity:
    key: str
    kind: MentionKind
    display: str  # the fullest form seen
    count: int
    first_line: int
    org_key: str | None
    source: MentionSource


class Found(NamedTuple):
    """A mention inside one line, before document offsets and links are added."""

    start: int
    end: int
    kind: MentionKind
    key: str
    source: MentionSource
