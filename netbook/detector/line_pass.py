"""The line pass: the loop that runs the skips and the rules over one line's tokens.

At each token the loop first tries the *skips* (words that start nothing: "Kings Cross",
"Hurricane Helene", "PMs"), then asks every rule that can start at this word (see
:mod:`.word_rules`) for a candidate name starting there.  The longest candidate wins, then
the highest priority, then the earliest rule; the loop continues after it.
"""

from __future__ import annotations

from netbook.detector.candidates import (
    FACT_ORG,
    FACT_PATTERN_ORG,
    FACT_PERSON,
    GAZETTEER_NAME,
    PATTERN,
    SLOT,
    TITLED,
    Candidate,
)
from netbook.detector.cues import EVENT_PREV, LEGAL, ORG_DISTINCT, STRONG_PERSON_CUE, SUFFIX_ALL
from netbook.detector.known import NO_KEYS
from netbook.detector.mention import Found
from netbook.detector.person_rules import person_key
from netbook.detector.reader import ORGANIZATION, PERSON, LineReader
from netbook.detector.skips import SKIPS
from netbook.detector.tokens import LOWER
from netbook.detector.word_rules import rule_table

_new_candidate = tuple.__new__  # Candidate(...) without its keyword-argument wrapper


def detect_line(r: LineReader) -> list[Found]:
    """Run the skips and rules over the line; fills ``r.out`` and ``r.facts``."""
    toks = r.toks
    n = r.n
    use_doc = r.use_doc
    ctx_keys = r.ctx.all_keys
    dpa = r.ctx.doc_person_alias if use_doc else NO_KEYS
    doa = r.ctx.doc_org_alias if use_doc else NO_KEYS
    r.has_suffix = not SUFFIX_ALL.isdisjoint([t.key for t in toks])
    plain, with_suffix, starts = r.ctx.rule_tables.get(use_doc) or rule_table(r.ctx, use_doc)
    table = with_suffix if r.has_suffix else plain
    at = table.at
    word = table.word
    i = 0
    while i < n:
        t = toks[i]
        k = t.key
        shape = t.shape
        skip, phrase, lone_given, rules = at[shape].get(k) or word(shape, k)
        # fast skip: a word that starts no name (a lowercase common word, a capitalised stop word, a number)
        if skip and k not in ctx_keys and k not in dpa and k not in doa \
                and not (use_doc and len(k) <= 3 and ("\0" + t.text.upper()) in dpa) \
                and not (lone_given and i > 0 and toks[i - 1].key in STRONG_PERSON_CUE) \
                and not (shape == LOWER and i + 1 < n and toks[i + 1].shape == LOWER
                         and (toks[i + 1].key in ORG_DISTINCT or toks[i + 1].key == "auto")):
            i += 1
            continue
        if phrase or (i and toks[i - 1].key in EVENT_PREV):
            end = None
            for _name, skip_at in SKIPS:
                end = skip_at(r, i)
                if end is not None:
                    break
            if end is not None:
                i = end
                continue
        cands: list[Candidate] = []
        for match, priority, kind, name, alone, live in rules:
            if (alone and cands) or (live is not None and k not in starts[live]):
                continue
            hit = match(r, i, t, cands)
            if hit is not None:
                end, start, key, source, own_priority = hit
                cands.append(_new_candidate(Candidate, (end, own_priority or priority, kind, key, source, start, name)))
        if not cands:
            i += 1
            continue
        i = _emit(r, cands[0] if len(cands) == 1 else max(cands, key=_longest_then_surest))
    return r.out


def _longest_then_surest(c: Candidate) -> tuple[int, int]:
    return (c.end - c.start, c.priority)


def _emit(r: LineReader, best: Candidate) -> int:
    """Append the winning candidate to ``r.out`` (and what it teaches to ``r.facts``); -> next token."""
    toks = r.toks
    e_idx, prio, kind, key, source, s_idx = best.end, best.priority, best.kind, best.key, best.source, best.start
    if kind is ORGANIZATION:
        # a legal suffix belongs to the name: "Osler, Hoskin & Harcourt LLP", "X Pty Ltd", "Y GmbH"
        while e_idx < r.n and r.gaps[e_idx] in (" ", ", ") and toks[e_idx].shape != LOWER \
                and toks[e_idx].key in LEGAL and not toks[e_idx - 1].poss:
            e_idx += 1
    s = toks[s_idx].start
    e = toks[e_idx - 1].end
    if kind is ORGANIZATION and prio == SLOT and toks[e_idx - 1].poss:
        e += 2  # "shift lead at Bubba's": the 's is the name's
    span = range(s_idx, e_idx)
    if kind is PERSON and key is None:
        key = person_key(r, s_idx, e_idx)
        if e_idx - s_idx >= 2 or "." in toks[s_idx].text or prio == TITLED:
            r.facts.append((FACT_PERSON, key, tuple([toks[x].text for x in span]), tuple([toks[x].key for x in span])))
    elif kind is ORGANIZATION and key is None:
        key = " ".join([toks[x].key for x in span])
    if kind is ORGANIZATION and (prio in (PATTERN, GAZETTEER_NAME) and e_idx - s_idx >= 2 or prio == SLOT):
        r.facts.append((FACT_PATTERN_ORG if prio == PATTERN else FACT_ORG, key,
                        tuple([toks[x].text for x in span]), tuple([toks[x].key for x in span])))
    r.out.append(Found(s, e, kind, key, source))
    return e_idx
