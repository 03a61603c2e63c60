"""Find the people and organizations mentioned in meeting notes.

Pure standard library, no network, deterministic, and it imports nothing of netbook but
this package.  Rule-based: word lists shipped in ``data/gazetteers`` plus shape and context
rules written for notes typed live in networking meetings.

* :func:`find_mentions` - whole text in, list of :class:`Mention` out.
* :class:`MentionTracker` - the same result kept incrementally for an editor.

Layout: :mod:`.vocabulary` (kinds, the name key, particles - shared with the models),
:mod:`.tokens` (the tokenizer), :mod:`.cues` and :mod:`.wordlists` (word tables),
:mod:`.known` (what the detector is told), the line pass: :mod:`.reader` (a line as the
rules see it), :mod:`.rules` (the rule table; :mod:`.candidates` what a rule returns and
the priorities; :mod:`.person_rules`, :mod:`.org_rules`, :mod:`.slot_rules` read the names;
:mod:`.skips`), :mod:`.word_rules` (the rules that can start at each word) and
:mod:`.line_pass` (the loop), then :mod:`.document` (the document pass) and :mod:`.tracker`.

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
