"""Find the people and organizations mentioned in meeting notes.

Pure standard library, no network, deterministic, and it imports nothing of netbook but
this package.  Rule-based: word lists shipped in ``data/gazetteers`` plus shape and context
rules written for notes typed live in networking meetings.

* :func:`find_mentions` - whole text in, list of :class:`Mention` out.
* :class:`MentionTracker` - the same result kept incrementally for an editor.

Layout: :mod:`.vocabulary` (kinds, the name key, particles - shared with the models),
:mod:`.tokens` (the tokenizer), :mod:`.cues` and :mod:`.wordlists` (word tables),
:mod:`.known` (what the detector is told), :mod:`.reader` + :mod:`.rules`
(:mod:`.person_rules`, :mod:`.org_rules`, :mod:`.slot_rules`, :mod:`.skips`: the line
pass), :mod:`.document` (the document pass) and :mod:`.tracker`.

Names are imported lazily: ``netbook.domain.models`` imports :mod:`.vocabulary` at start-up
without paying for the rules.
"""

from __future__ import annotations

import importlib

from netbook.detector.vocabulary import MentionKind, MentionSource, normalise_key

__all__ = [
    "Entity",
    "Mention",
    "MentionKind",
    "MentionSource",
    "MentionTracker",
    "find_mentions",
    "load_data",
    "normalise_key",
]

_LAZY = {
    "Mention": "netbook.detector.mention",
    "Entity": "netbook.detector.mention",
    "find_mentions": "netbook.detector.document",
    "MentionTracker": "netbook.detector.tracker",
    "load_data": "netbook.detector.wordlists",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
