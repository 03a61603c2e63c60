"""What a line rule returns and how sure it is: :class:`Hit`, the loop's :class:`Candidate`,
the priorities (from the surest reading to the weakest guess) and the facts a line teaches
the document.  Shared by :mod:`.rules` (the table), :mod:`.line_pass` (the loop) and
:mod:`.document`.
"""

from __future__ import annotations

from typing import NamedTuple

from netbook.detector.vocabulary import MentionKind, MentionSource

KNOWN = MentionSource.KNOWN
SUGGESTED = MentionSource.SUGGESTED

# priorities, from the surest reading to the weakest guess
KNOWN_NAME = 9  # in the user's contact book or tagged
TITLED = 8  # after a title ("Dr. Patel"); a known organization's short form
GAZETTEER_NAME = 7  # a several-word organization from the word lists; a document alias of a person
PATTERN = 6  # a name shape: "X Logistics LLC", "Susan Smith", "Vu, Thao", "Pryor & Vance"
GAZETTEER_WORD = 5  # a one-word organization from the word lists
WEAK_NAME = 4  # two proper words that only probably are a person
LONE_NAME = 3  # a first name on its own
SLOT = 2  # a word that fills an employer or study slot ("works at Aurora", "masters at Leicester")

# what a line teaches the document (see netbook.detector.document): full person names,
# organizations found by their shape, organizations found otherwise
FACT_PERSON, FACT_PATTERN_ORG, FACT_ORG = "P", "O", "G"


class Hit(NamedTuple):
    end: int  # token index after the name
    start: int  # token index of its first token
    key: str | None = None  # None: made from the tokens
    source: MentionSource = SUGGESTED
    priority: int = 0  # 0: the rule's


class Candidate(NamedTuple):
    end: int
    priority: int
    kind: MentionKind
    key: str | None
    source: MentionSource
    start: int
    rule: str

