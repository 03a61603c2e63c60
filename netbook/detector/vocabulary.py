"""The words netbook's core and its detector share: mention kinds, the name key, name particles.

One home for each, so the detector, the stored models, tagging and search never disagree
about what "the same name" is.  This module imports nothing but the standard library:
``netbook.domain.models`` imports it, and so does every part of the detector.
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


def search_form(text: str) -> str:
    """What every search compares: case, accents and curly apostrophes ignored.

    A user typing "jose o'neill" finds "José O’Neill"; names, notes and queries all pass
    through this one rule (the name key below adds only dropping a leading title).
    """
    return fold(text).replace("\u2019", "'")


# titles kept in a person's display name but not in the key ("Dr. Susan Smith" is "susan smith")
PERSONAL_TITLES = frozenset({"dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx."})


def strip_title(name: str) -> str:
    """"Dr. Susan Smith" -> "Susan Smith": the title is kept in the display name, not in the key."""
    words = name.split()
    while len(words) > 1 and words[0].casefold() in PERSONAL_TITLES:
        words = words[1:]
    return " ".join(words)


def normalise_key(name: str) -> str:
    """The one key for a name: case, accents, curly apostrophes, spacing and a leading title ignored.

    "José  Núñez", "jose nunez", "JOSÉ NÚÑEZ" and "Dr. José Núñez" share the key "jose nunez";
    "O’Neill" and "O'Neill" share "o'neill".  Idempotent, so keys stored by older versions can
    be passed through it again on load.
    """
    words = search_form(name).split()
    while len(words) > 1 and words[0] in PERSONAL_TITLES:
        words = words[1:]
    return " ".join(words)
