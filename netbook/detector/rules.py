"""The rule table: an ordered table of small named rules, each a ``Rule(name, priority,
kind, match)``.

``match(reader, i, token, candidates)`` returns a :class:`~netbook.detector.candidates.Hit`
or None and may look at the candidates found so far at this token (the lone-word rules only
run when nothing longer matched).  The rules read names with :mod:`.person_rules`,
:mod:`.org_rules` and :mod:`.slot_rules`; :mod:`.word_rules` narrows the table per word and
:mod:`.line_pass` runs it.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from typing import NamedTuple

from netbook.detector.candidates import (
    GAZETTEER_NAME,
    GAZETTEER_WORD,
    KNOWN,
    KNOWN_NAME,
    LONE_NAME,
    PATTERN,
    SLOT,
    SUGGESTED,
    TITLED,
    WEAK_NAME,
    Candidate,
    Hit,
)
from netbook.detector.cues import (
    CN_SURNAMES,
    CONNECT,
    GENERIC,
    HONORIFICS,
    LOCAL_CLUBS,
    ORG_STRONG,
    ORG_WEAK,
    PARTICLES,
    PRONOUNS,
    STATES,
)
from netbook.detector.known import NO_KEYS, Context
from netbook.detector.org_rules import match_org_list, match_suffix_org, org_ok, org_tail, school_name
from netbook.detector.person_rules import (
    alias_ok,
    match_known_person,
    person_at,
    single_person,
    surname_firm,
    surname_first,
)
from netbook.detector.reader import ORGANIZATION, PERSON, LineReader
from netbook.detector.slot_rules import (
    acronym_employer,
    camel_org,
    edu_slot,
    employer_slot,
    firm_names,
    lower_suffix_org,
    unknown_org,
)
from netbook.detector.tokens import LOWER, OTHER, TITLE, UPPER, Token
from netbook.detector.vocabulary import MentionKind
from netbook.detector.wordlists import WordLists

_SAINT = frozenset(("st", "saint"))
_SURNAME_FIRM = "surname firm"  # the rule right before "full name", for the same words
_LEGAL_TAIL = frozenset(("inc", "llc", "corp", "co", "ltd", "lp", "llp", "plc", "group", "company",
                         "corporation", "incorporated"))


class Rule(NamedTuple):
    name: str
    priority: int
    kind: MentionKind
    match: Callable[[LineReader, int, Token, list[Candidate]], Hit | None]
    shapes: frozenset = frozenset((LOWER, TITLE, UPPER, OTHER))  # shapes of the first token it can match
    alone: bool = False  # tried only when no rule before it matched at this token
    # the first-token keys it can match given what the detector is told and the document
    # (None: any; an empty table: the rule is left out), checked at each token
    starts: Callable[[Context, bool], Container] | None = None
    # can its first token be a word of this shape and key?  A test against the word lists
    # alone, implied by the rule's own checks; the loop keeps its answer per word
    word: Callable[[WordLists, int, str], bool] | None = None


CAPITALISED = frozenset((TITLE, UPPER, OTHER))
WORDS = frozenset((LOWER, TITLE, UPPER))


# --------------------------------------------------------------------------- the rules


def known_person(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    if t.key not in r.ctx.known_person_full:
        return None
    found = match_known_person(r, i)
    return Hit(found[0], i, found[1], KNOWN) if found else None


def known_organization(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    if t.key not in r.ctx.known_org_index:
        return None
    found = match_org_list(r, i, r.ctx.known_org_index, True)
    return Hit(found[0], i, found[1], KNOWN) if found else None


def gazetteer_organization(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    """An organization of the word lists, with its legal suffix, name tail and school
    ("Campbell Soup Co.", "Emory Healthcare", "Northwestern Pritzker", "IBEW Local 3")."""
    if t.key not in r.data.org_index:
        return None
    toks, n, data, ctx = r.toks, r.n, r.data, r.ctx
    found = match_org_list(r, i, data.org_index, False)
    if not found or not org_ok(r, i, found[0], found[2]):
        return None
    canonical = found[1]
    key = ctx.org_known_keys.get(canonical, canonical)
    source = KNOWN if canonical in ctx.org_known_keys else SUGGESTED
    e = found[0]
    while e < n and not r.gaps[e].strip(",").strip() and toks[e].key in _LEGAL_TAIL and toks[e].shape != LOWER:
        e += 1
    e = org_tail(r, i, e)
    if e < n and r.gaps[e] == " " and toks[e].shape == TITLE and toks[e - 1].shape != LOWER \
            and ("university" in canonical or "college" in canonical) and not toks[e - 1].poss \
            and school_name(r, e):
        e += 1
    if e + 1 < n and toks[e].key == "local" and toks[e].shape == TITLE and toks[e + 1].text.isdigit() \
            and r.gaps[e] == " " and r.gaps[e + 1] == " ":
        e += 2  # "IBEW Local 3"
    start = i
    out = r.out
    if canonical in LOCAL_CLUBS and i > 0 and r.gaps[i] == " " and toks[i - 1].shape == TITLE \
            and toks[i - 1].key in data.places and not (out and out[-1].end > toks[i - 1].start):
        start = i - 1  # "Teaneck Rotary", "Montclair Kiwanis"
        if out and out[-1].end == toks[i - 1].end:
            start = i
        key = toks[i - 1].key + " " + key
    return Hit(e, start, key, source, GAZETTEER_NAME if found[0] - i > 1 else GAZETTEER_WORD)


def saint_name(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    """"St. Rose of Lima", "St. Peter's": parishes, schools, hospitals (not "St. Louis")."""
    if t.key not in ("st", "saint"):
        return None
    toks, n = r.toks, r.n
    if i + 1 >= n or toks[i + 1].shape != TITLE or len(r.gaps[i + 1]) > 1:
        return None
    e = i + 2
    if e + 1 < n and toks[e].key == "of" and toks[e + 1].shape == TITLE and not toks[i + 1].poss:
        e += 2
    if (e > i + 2 or r.org_context(i, e)) and " ".join(x.key for x in toks[i:e]) not in r.data.place_phrases:
        return Hit(e, i)
    return None


def suffix_organization(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    if not r.has_suffix or t.shape == LOWER:
        return None
    end = match_suffix_org(r, i)
    if not end:
        return None
    key = " ".join(r.toks[x].key for x in range(i, end))
    return Hit(end, i, r.ctx.org_known_keys.get(key, key))


def titled_person(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    """"Dr. Patel", "Sgt. Romero", "Ms. de la Cruz": the title is left out of the name."""
    if t.key not in HONORIFICS:
        return None
    toks, n = r.toks, r.n
    if i + 1 >= n:
        return None
    t1 = toks[i + 1]
    if not (t1.shape != LOWER or t1.key in PARTICLES) or len(r.gaps[i + 1]) > 2 or t1.key in HONORIFICS:
        return None
    found = person_at(r, i + 1)
    if found:
        return Hit(found[0], i + 1)
    if t1.shape == TITLE and t1.key not in r.data.stop and t1.key not in r.data.places:
        return Hit(i + 2, i + 1)
    return None


def last_comma_first(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    """"Vu, Thao - recruiter" opening a line."""
    if i + 1 >= r.n or r.gaps[i + 1] != ", " or t.poss:
        return None
    toks, n, data = r.toks, r.n, r.data
    k = t.key
    if k not in data.sn:
        return None
    t1 = toks[i + 1]
    if (k in data.fn and t1.key in data.sn) or t1.shape != TITLE or t1.key not in data.fn \
            or t1.key in data.fn_amb or not r.line_start(i):
        return None
    g = r.gaps[i + 2] if i + 2 < n else ""
    if i + 2 >= n or g.strip()[:1] in ("-", "(", ":", "–", "—", "|", "@"):
        return Hit(i + 2, i, t1.key + " " + k)
    return None


def surname_firm_name(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    """"partner at Whitley Penn": surnames only, in an employer slot: a firm."""
    found = person_at(r, i)
    return Hit(found[0], i) if found and surname_firm(r, i, found[0]) else None


def full_name(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    found = person_at(r, i)
    if not found or (cands and cands[-1].rule == _SURNAME_FIRM):  # that reading won: a firm
        return None
    return Hit(found[0], i, priority=PATTERN if found[1] >= 2 else WEAK_NAME)


def surname_first_name(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    """"Tan Wei Ling": a Chinese surname first (only where no other name reading exists)."""
    if t.key not in CN_SURNAMES or i + 1 >= r.n or person_at(r, i):
        return None
    end = surname_first(r, i)
    return Hit(end, i) if end else None


def document_person_business(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    """"garza plumbing" once Garza is a person of this note: the family business."""
    toks = r.toks
    t = toks[i]
    if not r.use_doc or t.shape != LOWER or i + 1 >= r.n or t.key not in r.ctx.doc_person_alias:
        return None
    t1 = toks[i + 1]
    if t1.shape == LOWER and r.gaps[i + 1] == " " and (t1.key in ORG_WEAK or t1.key in ORG_STRONG) \
            and t1.key not in GENERIC:
        return Hit(i + 2, i, t.key + " " + t1.key)
    return None


def document_person_alias(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    """"Susan", "Smith", "JP" after "Susan Smith" / "Jean-Pierre Lafleur" elsewhere in the note."""
    if not r.use_doc:
        return None
    k = t.key
    aliases = r.ctx.doc_person_alias
    key = aliases.get(k)
    if key is None and 2 <= len(k) <= 3 and (t.shape == UPPER or (
            t.shape == LOWER and k not in r.data.common and k not in r.data.stop)):
        key = aliases.get("\0" + t.text.upper())
    if key is not None and alias_ok(r, i, person=True):
        return Hit(i + 1, i, key)
    return None


def document_org_alias(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    """"Valley" after "Valley Health System" elsewhere in the note."""
    if not r.use_doc:
        return None
    key = r.ctx.doc_org_alias.get(t.key)
    return Hit(i + 1, i, key) if key is not None and alias_ok(r, i, person=False) else None


def known_person_alias(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    """A known person's first name, surname, nickname or initials ("stan o" for Stan Okafor)."""
    toks, n, ctx = r.toks, r.n, r.ctx
    t = toks[i]
    k = t.key
    key = ctx.known_person_alias.get(k)
    if key is None and t.shape == UPPER and 2 <= len(k) <= 3:
        key = ctx.known_person_alias.get("\0" + t.text.upper())
    if key is None or not alias_ok(r, i, person=True, known=True):
        return None
    e = i + 1
    if e < n and toks[e].shape == LOWER and len(toks[e].key) == 1 and r.gaps[e] == " ":
        with_initial = ctx.known_person_alias.get(k + " " + toks[e].key)
        if with_initial is not None:
            return Hit(e + 1, i, with_initial, KNOWN)
    return Hit(e, i, key, KNOWN)


def known_org_alias(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    key = r.ctx.known_org_alias.get(t.key)
    if key is None and t.shape == UPPER:
        key = r.ctx.known_org_alias.get("\0" + t.text)
    if key is not None and (t.shape != LOWER or t.key not in r.data.common) and not r.product_next(i + 1):
        return Hit(i + 1, i, key, KNOWN)
    return None


def acronym_in_parens(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    """"Mental Health America (MHA)": the acronym of the organization just named."""
    out = r.out
    if not 2 <= len(t.key) <= 6 or not out or out[-1].kind is not ORGANIZATION \
            or r.gaps[i].strip() != "(" or not (i + 1 == r.n or r.gaps[i + 1].strip()[:1] == ")"):
        return None
    named = [w for w in r.line[out[-1].start:out[-1].end].split() if w.lower() not in CONNECT]
    return Hit(i + 1, i, out[-1].key) if "".join(w[0] for w in named).upper() == t.text else None


def study_slot(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    return Hit(i + 1, i) if not t.poss and edu_slot(r, i) else None


def acronym_employer_slot(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    return Hit(i + 1, i) if acronym_employer(r, i) else None


def given_name_employer(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    """"works at Aurora": a first name in a slot only an employer fills."""
    if t.poss or t.key not in r.data.fn:
        return None
    return Hit(i + 1, i) if employer_slot(r, i) else None


def lone_name(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    """A first name on its own, when nothing longer starts here."""
    if cands and (max(c.end for c in cands) != i + 1 or cands[-1].rule == given_name_employer.__name__):
        return None
    end = single_person(r, i)
    return Hit(end, i) if end else None


def unknown_employer(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    end = unknown_org(r, i)
    return Hit(end, i) if end else None


def camel_brand(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    return Hit(i + 1, i) if camel_org(r, i) else None


def lowercase_business(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    end = lower_suffix_org(r, i)
    return Hit(end, i) if end else None


def firm_of_surnames(r: LineReader, i: int, t: Token, cands) -> Hit | None:
    """"Harlow, Beck & Strand", "Pryor & Vance"."""
    if t.shape != TITLE or i + 2 >= r.n or t.poss:
        return None
    end = firm_names(r, i)
    return Hit(end, i) if end else None


def _if_any(table: str) -> Callable[[Context, bool], Container | None]:
    """No start filter while the context's ``table`` has entries; none can match when it is empty."""
    return lambda ctx, doc: None if getattr(ctx, table) else NO_KEYS


# --------------------------------------------------------------------------- word tests
# (data, shape, key) -> can the rule start at this word?  Each restates checks its rule (or
# the function it calls) makes on the first token before anything else can match.


def _full_name_word(d: WordLists, shape: int, k: str) -> bool:  # person_rules.match_person
    return shape != LOWER or (k in d.fn and k not in d.fn_amb) or k in PARTICLES


def _surname_firm_word(d: WordLists, shape: int, k: str) -> bool:  # person_rules.surname_firm
    return not (k in d.fn and (k not in d.sn or k in d.common))


def _lone_name_word(d: WordLists, shape: int, k: str) -> bool:  # person_rules.single_person
    if shape == LOWER:
        return len(k) >= 3 and k in d.fn
    if shape == UPPER:
        return 2 <= len(k) <= 3 and not (k in d.stop or k in d.software or k in d.places or k in d.org_index)
    return k in d.fn or not (k in d.stop or k in d.software or k in d.places or k in PRONOUNS) \
        and k.replace("-", "").replace("'", "").isalpha()


def _study_word(d: WordLists, shape: int, k: str) -> bool:  # slot_rules.edu_slot
    return not (k in d.stop or k in d.software or k in PRONOUNS or k in HONORIFICS or not k.isalpha()
                or (k in d.fn and k not in d.places))


def _acronym_word(d: WordLists, shape: int, k: str) -> bool:  # slot_rules.acronym_employer
    return not (k in d.stop or k in d.software or k in d.places or k in STATES or k in HONORIFICS or k in PRONOUNS)


def _unknown_employer_word(d: WordLists, shape: int, k: str) -> bool:  # slot_rules.unknown_org
    return not (k in d.stop or k in d.software or k in d.places or k in PRONOUNS or k in d.fn
                or k in HONORIFICS or len(k) < 2 or (shape == UPPER and len(k) < 3))


def _camel_word(d: WordLists, shape: int, k: str) -> bool:  # slot_rules.camel_org
    return not (k in d.fn or k in d.sn or k in d.software or k in d.stop or k in d.places)


def _lower_business_word(d: WordLists, shape: int, k: str) -> bool:  # slot_rules.lower_suffix_org
    return not (k in d.common or k in d.stop or k in d.places or len(k) < 3 or not k.isalpha())


def _firm_word(d: WordLists, shape: int, k: str) -> bool:  # slot_rules.firm_names
    return not (k in d.stop or k in d.places or k in d.software or k in PRONOUNS or not k.isalpha())


RULES: tuple[Rule, ...] = (
    Rule("known person", KNOWN_NAME, PERSON, known_person, starts=lambda ctx, doc: ctx.known_person_full or NO_KEYS),
    Rule("known organization", KNOWN_NAME, ORGANIZATION, known_organization, starts=lambda ctx, doc: ctx.known_org_index or NO_KEYS),
    Rule("gazetteer organization", GAZETTEER_NAME, ORGANIZATION, gazetteer_organization, word=lambda d, s, k: k in d.org_index),
    Rule("saint name", PATTERN, ORGANIZATION, saint_name, frozenset({TITLE}), word=lambda d, s, k: k in _SAINT),
    Rule("suffix organization", PATTERN, ORGANIZATION, suffix_organization, CAPITALISED),
    Rule("titled person", TITLED, PERSON, titled_person, CAPITALISED, word=lambda d, s, k: k in HONORIFICS),
    Rule("last, first", PATTERN, PERSON, last_comma_first, frozenset({TITLE}), word=lambda d, s, k: k in d.sn),
    Rule(_SURNAME_FIRM, PATTERN, ORGANIZATION, surname_firm_name, frozenset({TITLE}), word=_surname_firm_word),
    Rule("full name", PATTERN, PERSON, full_name, word=_full_name_word),
    Rule("surname first", PATTERN, PERSON, surname_first_name, frozenset({TITLE}), word=lambda d, s, k: k in CN_SURNAMES),
    Rule("document person's business", TITLED, ORGANIZATION, document_person_business, frozenset({LOWER}), starts=lambda ctx, doc: ctx.doc_person_alias if doc else NO_KEYS),
    Rule("document person alias", GAZETTEER_NAME, PERSON, document_person_alias, starts=lambda ctx, doc: None if doc else NO_KEYS),
    Rule("document organization alias", PATTERN, ORGANIZATION, document_org_alias, starts=lambda ctx, doc: ctx.doc_org_alias if doc else NO_KEYS),
    Rule("known person alias", KNOWN_NAME, PERSON, known_person_alias, starts=_if_any("known_person_alias")),
    Rule("known organization alias", TITLED, ORGANIZATION, known_org_alias, starts=_if_any("known_org_alias")),
    Rule("acronym in parentheses", PATTERN, ORGANIZATION, acronym_in_parens, frozenset({UPPER}), alone=True, word=lambda d, s, k: 2 <= len(k) <= 6),
    Rule("study slot", SLOT, ORGANIZATION, study_slot, frozenset({TITLE}), alone=True, word=_study_word),
    Rule("acronym employer", SLOT, ORGANIZATION, acronym_employer_slot, frozenset({UPPER}), alone=True, word=_acronym_word),
    Rule(given_name_employer.__name__, SLOT, ORGANIZATION, given_name_employer, frozenset({TITLE}), alone=True, word=lambda d, s, k: k in d.fn),
    Rule("lone name", LONE_NAME, PERSON, lone_name, WORDS, word=_lone_name_word),
    Rule("unknown employer", SLOT, ORGANIZATION, unknown_employer, CAPITALISED, alone=True, word=_unknown_employer_word),
    Rule("camel-case brand", SLOT, ORGANIZATION, camel_brand, frozenset({TITLE}), alone=True, word=_camel_word),
    Rule("lowercase business", SLOT, ORGANIZATION, lowercase_business, frozenset({LOWER}), alone=True, word=_lower_business_word),
    Rule("firm of surnames", PATTERN, ORGANIZATION, firm_of_surnames, frozenset({TITLE}), word=_firm_word),
)


