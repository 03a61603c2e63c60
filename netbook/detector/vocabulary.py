"""The words netbook's core and its detector share: mention kinds, the name key, name particles.

One home for each, so the detector, the stored models, tagging and search never disagree
about what "the same name" is.  This module imports nothing but the standard library:
``netbook.models`` imports it, and so does every part of the detector.
"""

from __future__ import annotations

import unicodedata
from enum import Enum


class MentionKind(str, Enum):
    """What a flagged name is.  The values are stored in meeting files: never rename them."""

    PERSON = "person"
    ORGANIZATION = "organization"


class MentionSource(str, Enum):
    """Why the detector flagged a name."""

    KNOWN = "known"  # from known_people / known_companies (contact book, user-tagged)
    SUGGESTED = "suggested"  # the detector's guess


# Lowercase words inside a person's name ("María de la Cruz", "Ludwig van Beethoven",
# "Omar ibn Said", "Siti binti Ahmad"): part of the name, never a name on their own.
PARTICLES = frozenset(
    "de la del della dela di da do dos das du van von der den ter ten le al el bin binti ibn ben bint "
    "y e af zu st".split()
)


def fold(text: str) -> str:
    """Lowercase without accents: what a user types for "José Núñez" is "jose nunez"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def normalise_key(name: str) -> str:
    """The one key for a name: case, accents, curly apostrophes and spacing ignored.

    "José  Núñez", "jose nunez" and "JOSÉ NÚÑEZ" share the key "jose nunez"; "O’Neill" and
    "O'Neill" share "o'neill".  Idempotent, so keys stored by older versions can be passed
    through it again on load.
    """
    return " ".join(fold(name).replace("\u2019", "'").split())
