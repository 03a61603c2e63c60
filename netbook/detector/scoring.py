"""The detector as the evaluation script (shared/eval/mentions/score.py) calls it.

    python score.py dev.jsonl --detector netbook.detector.scoring:labelled_mentions --path .
"""

from __future__ import annotations

from collections.abc import Iterable

from netbook.detector.document import find_mentions
from netbook.detector.vocabulary import MentionKind

LABELS = {MentionKind.PERSON: "PERSON", MentionKind.ORGANIZATION: "ORG"}


def labelled_mentions(text: str, known_people: Iterable[str] = (),
                      known_companies: Iterable[str] = ()) -> list[tuple[int, int, str]]:
    """(start, end, "PERSON" | "ORG") for every mention."""
    return [(m.start, m.end, LABELS[m.kind]) for m in find_mentions(text, known_people, known_companies)]
