"""Which rules can start at a word: the rule table of one pass (it depends on what the
detector is told and on the document), narrowed per word (token shape, key) once and kept.

:func:`rule_table` is what :mod:`.line_pass` asks for each line.  The rules are read from
:data:`netbook.detector.rules.RULES` when a table is built (a test replaces the table).
"""

from __future__ import annotations

from netbook.detector import rules
from netbook.detector.cues import HONORIFICS
from netbook.detector.known import NO_KEYS, Context
from netbook.detector.tokens import LOWER, OTHER, TITLE, UPPER
from netbook.detector.wordlists import WordLists

_SUFFIX_RULE = "suffix organization"  # left out of the lines with no organization suffix


class WordRules:
    """The rules usable in one pass (which depends on what the detector is told), and for
    each word (token shape, key) the ones that can start there, worked out once per word.

    ``at[shape][key]`` is ``(skip, phrase, lone_given, rules)``: the word-list part of the
    loop's fast skip, whether a skip phrase can start here, a lowercase given name of three
    letters or more, and the rules as tuples ``(match, priority, kind, name, alone, live)``
    (``live``: the index of a start table to check at each token, or None).  Shared by every
    context that uses the same rules, so each find_mentions call finds the words warm.
    """

    __slots__ = ("data", "at", "_by_shape")

    _LIMIT = 50_000  # words kept per shape

    def __init__(self, data: WordLists, states: tuple[int, ...]):
        self.data = data
        self.at: list[dict[str, tuple]] = [{}, {}, {}, {}]  # indexed by shape
        self._by_shape = [tuple((rule.word, (rule.match, rule.priority, rule.kind, rule.name, rule.alone,
                                              x if state == _CHECKED else None))
                                for x, (rule, state) in enumerate(zip(rules.RULES, states))
                                if state != _UNUSED and shape in rule.shapes)
                          for shape in (LOWER, TITLE, UPPER, OTHER)]

    def word(self, shape: int, k: str) -> tuple:
        d = self.data
        # a lowercase common word or one that starts no name (not a given name nor an organization's
        # first word), a capitalised stop word, a number
        skip = (shape == LOWER and (k in d.common and k not in d.org_index or len(k) < 2
                                    or k not in d.fn and k not in d.org_index)
                or k in d.skip_cap or (shape == OTHER and k[0].isdigit() and k not in d.org_index
                                       and k not in HONORIFICS))
        phrase = k in d.phrase_first or (shape == TITLE and k[-1] == "s")
        lone_given = shape == LOWER and k in d.fn and len(k) >= 3
        rules = tuple([entry for test, entry in self._by_shape[shape] if test is None or test(d, shape, k)])
        info = (skip, phrase, lone_given, rules)
        memo = self.at[shape]
        if len(memo) >= self._LIMIT:
            memo.clear()
        memo[k] = info
        return info


_UNUSED, _ANY, _CHECKED = 0, 1, 2  # a rule's state in one pass


def rule_table(ctx: Context, use_doc: bool) -> tuple[WordRules, WordRules, list]:
    """(word rules for a line without an organization suffix, with one, start tables) of a
    context and pass.  Kept on the context; the word rules are shared by contexts whose
    rules are in the same states."""
    table = ctx.rule_tables.get(use_doc)
    if table is None:
        starts: list = [None] * len(rules.RULES)
        states = []
        for x, rule in _WITH_STARTS:
            start = starts[x] = rule.starts(ctx, use_doc)
            states.append(_ANY if start is None else _UNUSED if start is NO_KEYS else _CHECKED)
        table = ctx.rule_tables[use_doc] = (*_word_rules(ctx.data, tuple(states)), starts)
    return table


def _word_rules(data: WordLists, states: tuple[int, ...]) -> tuple[WordRules, WordRules]:
    """The word rules without and with the suffix rule, given the states of the rules with start tables."""
    key = (data, states)
    found = _WORD_RULES.get(key)
    if found is None:
        every = [_ANY] * len(rules.RULES)
        for (x, _rule), state in zip(_WITH_STARTS, states):
            every[x] = state
        plain = [_UNUSED if rule.name == _SUFFIX_RULE else state for rule, state in zip(rules.RULES, every)]
        if len(_WORD_RULES) >= 64:
            _WORD_RULES.clear()
        found = _WORD_RULES[key] = (WordRules(data, tuple(plain)), WordRules(data, tuple(every)))
    return found


_WORD_RULES: dict[tuple, tuple[WordRules, WordRules]] = {}
_WITH_STARTS = tuple((x, rule) for x, rule in enumerate(rules.RULES) if rule.starts is not None)
