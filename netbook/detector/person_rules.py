"""Rules that read a person's name: full names, a lone first name, initials, aliases.

Each function takes the :class:`~netbook.detector.reader.LineReader` of the line and a
token index, and returns where the name ends (a token index) or None.
"""

from __future__ import annotations

from netbook.detector.cues import (
    CN_GIVEN,
    HONORIFICS,
    NEVER_LOWER_ALIAS,
    ORG_CUE_PREV2_STRONG,
    ORG_STRONG,
    ORG_WEAK,
    PARTICLES,
    PLACE_AFTER,
    PLACE_NEXT,
    PLACE_PREFIX,
    PRONOUNS,
    ROLE_BEFORE_AT,
    STATES,
    STATES_LOWER,
    STREET_NEXT,
    STRONG_PERSON_CUE,
    SUBJ_VERBS,
    SUFFIX_ALL,
    WEEKDAYS,
)
from netbook.detector.reader import LineReader
from netbook.detector.tokens import INITIALS_RE, KOREAN_GIVEN, LOWER, TITLE, UPPER

# classes of the words of a name
GIVEN, SURNAME, UNKNOWN, INITIAL, PARTICLE = "F", "S", "U", "I", "P"
_REJECT = "reject"  # the run is something else (an organization, a street): no person here
_FIRM_WORDS = frozenset(("cpas", "cpa", "accountants", "llp", "firm", "audit", "law", "attorneys"))
_WORD_NAMES = frozenset(("may", "can", "guy", "rich", "august", "sunny"))  # never a lowercase name, even after a cue
_ABOUT = frozenset(("if", "about", "abt", "re", "whether", "when", "on", "for"))
_OWNED = frozenset(("advice", "email", "number", "team", "boss", "mgr"))
_ROLE_SEPARATORS = (" - ", " (", ", ", ": ", " – ", " — ")


def match_known_person(r: LineReader, i: int) -> tuple[int, str] | None:
    """The longest known person written at token i ("Susan Smith", "Smith, Susan") -> (end, key)."""
    best = None
    toks = r.toks
    for keys, key in r.ctx.known_person_full.get(toks[i].key, ()):
        j = i
        ok = True
        for k in keys:
            if k == ",":
                if j >= r.n or r.gaps[j].strip() != ",":
                    ok = False
                    break
                continue
            if j >= r.n or toks[j].key != k or (j > i and r.gaps[j].strip() not in ("", ",")):
                ok = False
                break
            j += 1
        if ok and (best is None or j > best[0]):
            best = (j, key)
    return best


def match_person(r: LineReader, i: int) -> tuple[int, int] | None:
    """A name of two or more words starting at token i -> (end, strength 1 or 2) or None."""
    toks = r.toks
    data = r.data
    t0 = toks[i]
    k0 = t0.key
    title_cue = i > 0 and toks[i - 1].key in HONORIFICS and toks[i - 1].shape != LOWER
    if t0.shape == LOWER and (k0 not in data.fn or k0 in data.fn_amb) and not (title_cue and k0 in PARTICLES):
        return None
    lower_mode = t0.shape == LOWER and k0 not in PARTICLES
    if t0.shape != LOWER and (i + 1 >= r.n or t0.poss or r.gaps[i + 1] not in (" ", ". ", "")):
        return None  # a capitalised word that nothing continues: not a name of two words
    names = _lowercase_run(r, i) if lower_mode else _capitalised_run(r, i, title_cue)
    if names is None or len(names) < 2:
        return None
    while names and names[-1][1] == PARTICLE:
        names.pop()
    real = [c for _, c in names if c != PARTICLE]
    if len(real) < 2:
        if title_cue and real and names[0][1] == PARTICLE:
            return (names[-1][0] + 1, 2)  # "Ms. de la Cruz"
        return None
    if names[0][1] == PARTICLE and not title_cue:
        return None
    end = names[-1][0] + 1
    if end < r.n and r.gaps[end] == " " and toks[end].key in PLACE_AFTER:
        return None  # "Billy Bishop airport", "Jomo Kenyatta International": a place
    if lower_mode:
        return (end, 2)
    return _judge_name(r, i, end, names, real, title_cue)


def person_at(r: LineReader, i: int) -> tuple[int, int] | None:
    """:func:`match_person` at i, computed once per token and state of ``r.out``."""
    memo = r.person_memo
    if memo[0] == i and memo[1] == len(r.out):
        return memo[2]
    found = match_person(r, i)
    r.person_memo = (i, len(r.out), found)
    return found


def _joined(r: LineReader, j: int, names: list) -> bool:
    """Token j continues the name: one space before it (". " after an initial) and no possessive."""
    g = r.gaps[j]
    if g != " " and not (g == ". " and names and names[-1][1] == INITIAL):
        if not (g == "" and r.toks[j].text[0] == "."):
            return False
    return not r.toks[j - 1].poss


def _capitalised_run(r: LineReader, i: int, title_cue: bool) -> list | None:
    """[(token index, class)] of the name words from i; None when the run is not a person."""
    toks = r.toks
    names: list = []
    j = i
    while j < r.n and len(names) < 5:
        t = toks[j]
        if j > i:  # joined to the name: one space (". " after an initial), no possessive before
            g = r.gaps[j]
            if g != " " and not (g == ". " and names and names[-1][1] == INITIAL) and not (g == "" and t.text[0] == "."):
                break
            if toks[j - 1].poss:
                break
        k = t.key
        if t.shape == LOWER:
            if k in PARTICLES and (names or title_cue):
                m = j + 1
                while m < r.n and m - j < 3 and toks[m].shape == LOWER and toks[m].key in PARTICLES:
                    m += 1
                if m < r.n and toks[m].shape != LOWER and m - j < 3:
                    names.extend((x, PARTICLE) for x in range(j, m))
                    j = m
                    continue
            # "stan o" / "bobby k": single-letter initial after a name
            if len(k) == 1 and names and k not in ("a", "i") and names[-1][1] in "FSU":
                names.append((j, INITIAL))
            break
        cls = _capitalised_class(r, j, names)
        if cls is _REJECT:
            return None
        if cls is None:
            break
        names.append((j, cls))
        j += 1
        if t.poss:
            break
    return names


def _capitalised_class(r: LineReader, j: int, names: list) -> str | None:
    """What the capitalised token j is in a name (GIVEN, SURNAME, ...), None to stop, _REJECT."""
    t = r.toks[j]
    k = t.key
    data = r.data
    fn, sn = data.fn, data.sn
    if k in HONORIFICS and not names:
        return None
    if INITIALS_RE.match(t.text.rstrip(".")) and len(k) <= 3 and ("." in t.text or len(k) == 1):
        return None if k in ("a", "i") and not t.text.endswith(".") else INITIAL
    if (k in ORG_STRONG or k in ORG_WEAK) and names:
        return _REJECT  # let the org matcher have it ("Kelly Services")
    if k in data.stop or k in data.software or k in PRONOUNS:
        if not (k in fn or k in sn) or k in WEEKDAYS:
            return None
        if k in ("will", "may", "can") and names:
            return None
    if k in data.places and not (k in fn or k in sn):
        return None
    if names and k in STREET_NEXT:
        return _REJECT  # "Porter Sq", "Jackson Ave"
    if t.shape == UPPER and len(k) > 1 and not (k in fn or k in sn):
        return None
    if k in fn and not (names and k in sn):
        return GIVEN
    if k in sn:
        return SURNAME
    if KOREAN_GIVEN.match(t.text) and not names:
        return GIVEN
    if "-" in k and any(p in fn or p in sn for p in k.split("-")):
        return SURNAME
    if k in data.common or k in data.org_tokens:
        return None
    if k.isalpha() or "'" in k or "-" in k:
        return UNKNOWN
    return None


def _lowercase_run(r: LineReader, i: int) -> list:
    """Names typed in lowercase ("linda cho", "stan o"): a given name then surnames."""
    toks = r.toks
    data = r.data
    names: list = []
    j = i
    while j < r.n and len(names) < 5:
        t = toks[j]
        if j > i and not _joined(r, j, names):
            break
        if t.shape != LOWER:
            break
        k = t.key
        if len(k) == 1 and names and k not in ("a", "i") and names[-1][1] == GIVEN:
            if j + 1 >= r.n or r.gaps[j + 1].strip():
                names.append((j, INITIAL))
            break
        if not names:
            if k in data.fn and k not in data.fn_amb and len(k) >= 3:
                names.append((j, GIVEN))
                j += 1
                continue
            break
        if k in data.sn and k not in data.common and k not in data.stop and k not in data.places \
                and k not in data.software and len(k) >= 2 and not (
                    k in data.org_index and any(len(e[0]) == 1 for e in data.org_index[k])):
            names.append((j, SURNAME))
        elif len(names) == 1 and lower_surname_shape(k, data.sn, data.fn):
            names.append((j, SURNAME))
        else:
            break
        j += 1
    return names


def _judge_name(r: LineReader, i: int, end: int, names: list, real: list, title_cue: bool) -> tuple[int, int] | None:
    """Is the capitalised run i..end a person?  -> (end, strength) or None."""
    data = r.data
    common = data.common
    ks = [r.toks[x].key for x, c in names if c != PARTICLE]
    # reject place phrases ("New York", "Jersey City")
    if ks[0] in data.place_first and " ".join(ks) in data.place_phrases:
        return None
    first = real[0]
    if first == GIVEN:
        if ks[0] in data.fn_amb and not title_cue:
            # "Will Smith" ok when the rest is clearly a surname; "Grace Period" not
            if not any(c in "SU" for c in real[1:]) or all(k in common for k in ks[1:]):
                return None
            if r.line_start(i) and ks[0] in common and real[1] == UNKNOWN:
                # "Ray Waihenga - ops lead": a rare surname then a separator or a verb
                g = r.gaps[end] if end < r.n else ""
                if not (len(real) == 2 and (end >= r.n or g.strip()[:1] in ("-", "(", ",", ":", "–", "—")
                                            or r.person_cue_after(end))):
                    return None
        return (end, 2)
    if first == INITIAL:
        return (end, 2) if any(c in "FSU" for c in real[1:]) else None
    if first == SURNAME:
        if GIVEN in real[1:] or title_cue:
            return (end, 2)
        if SURNAME in real[1:] and r.person_cue_before(i):
            return (end, 1)
        return _line_start_pair(r, i, end, names)
    # first word unknown
    if title_cue:
        return (end, 2)
    if ks[0] in common:
        return None
    if real[1] in "FS" and (real[1] == SURNAME or len(real) > 2):
        return (end, 1)
    if r.person_cue_before(i) or r.person_cue_after(end):
        return (end, 1)
    return _line_start_pair(r, i, end, names)


def _line_start_pair(r: LineReader, i: int, end: int, names: list) -> tuple[int, int] | None:
    """'Torrey Podmajersky - content strategist': two unknown proper words opening a
    line and followed by a role/affiliation separator."""
    if len(names) == 2 and r.line_start(i) and end < r.n and r.gaps[end] in _ROLE_SEPARATORS and \
            all(c in "SU" for _, c in names) and \
            not any(r.toks[x].key in r.data.common or r.toks[x].key in r.data.org_tokens
                    or r.toks[x].shape != TITLE for x, _ in names):
        return (end, 1)
    return None


def lower_surname_shape(k: str, sn, fn) -> bool:
    """o'rourke, mcallister, santos-ferreira: surname-shaped lowercase words."""
    if len(k) >= 5 and (k.startswith("o'") or k.startswith("mc") or k.startswith("mac")) \
            and k.replace("'", "").isalpha():
        return True
    if "-" in k:
        parts = k.split("-")
        return len(parts) == 2 and all(p.isalpha() and len(p) >= 2 for p in parts) and \
            any(p in sn for p in parts) and all(p in sn or p in fn for p in parts)
    return False

def surname_first(r: LineReader, i):
    """'Tan Wei Ling', 'Lim Boon Keng': a Chinese surname then one or two given-name syllables."""
    toks = r.toks
    j = i + 1
    while j < r.n and j - i <= 2 and r.gaps[j] == " " and toks[j].shape == TITLE \
            and not toks[j - 1].poss and all(p in CN_GIVEN for p in toks[j].key.split("-")):
        j += 1
    if j == i + 1:
        return None
    if j < r.n and r.gaps[j] == " " and toks[j].shape == TITLE and toks[j].key not in r.data.stop \
            and toks[j].key not in r.data.places and toks[j].key not in SUFFIX_ALL:
        return None  # longer capitalised run: not sure
    return j


def surname_firm(r: LineReader, i, e) -> bool:
    """'at Whitley Penn', 'Baker Tilly-type firm': surnames only (no given name) in an employer
    slot or before a firm word -> an accounting / law / consulting firm."""
    toks = r.toks
    data = r.data
    if e - i < 2 or any(toks[x].shape != TITLE or "." in toks[x].text or (
            toks[x].key in data.fn and (x > i or toks[x].key not in data.sn or toks[x].key in data.common))
                        for x in range(i, e)):
        return False
    if e < r.n and r.gaps[e] == " " and toks[e].key in _FIRM_WORDS:
        return True
    pk = r.prev_key(i)
    if r.two_keys_before(i) in ORG_CUE_PREV2_STRONG:
        return True
    return pk in ("at", "@") and i >= 2 and toks[i - 2].key in ROLE_BEFORE_AT


def person_key(r: LineReader, s_idx, e_idx):
    toks = r.toks
    if e_idx - s_idx == 1 and r.use_doc:
        t = toks[s_idx]
        k = r.ctx.doc_person_alias.get(t.key)
        if k is not None:
            return k
    return " ".join([toks[x].key for x in range(s_idx, e_idx)])


def alias_ok(r: LineReader, i, person, known=False) -> bool:
    t = r.toks[i]
    k = t.key
    data = r.data
    if t.shape == LOWER:
        if len(k) < 2:
            return False
        if k in data.common or k in data.stop:
            # "grace left Etsy", "ray = 22 yrs": a lowercase alias that is also a word
            # needs a person-like slot
            if not person or k in NEVER_LOWER_ALIAS:
                return False
            nxt = r.toks[i + 1].key if i + 1 < r.n and r.gaps[i + 1] == " " else ""
            return (nxt in SUBJ_VERBS or r.gaps[i + 1 if i + 1 <= r.n else r.n].strip() == "="
                    or r.person_cue_before(i))
        if known:
            return True
        return k not in data.places
    if r.product_next(i + 1):
        return False
    if t.shape == TITLE and k in NEVER_LOWER_ALIAS and r.line_start(i) and not t.poss:
        # "Will send the deck" opening a line: the name only with evidence
        nxt = r.toks[i + 1].key if i + 1 < r.n and r.gaps[i + 1] == " " else ""
        if not (r.person_cue_after(i + 1) or nxt in SUBJ_VERBS or i + 1 >= r.n
                or r.gaps[i + 1].strip()[:1] in ("(", "=", ":", ",", "-", "+", "&")):
            return False
    return True


def single_person(r: LineReader, i):
    """A lone first name (or a cue-marked unknown proper word).  -> end idx or None."""
    t = r.toks[i]
    k = t.key
    data = r.data
    j = i + 1
    if j < r.n and r.gaps[j] in (" ", ", ") and (
            (r.toks[j].shape == UPPER and r.toks[j].key in STATES)
            or (r.toks[j].shape == LOWER and r.toks[j].key in STATES_LOWER)
            or r.toks[j].key in PLACE_NEXT):
        return None  # "cary NC", "logan twp", "lake mary fl"
    if i > 0 and r.gaps[i] == " " and (r.toks[i - 1].key in PLACE_PREFIX or (
            r.toks[i - 1].key in ("in", "near", "outside", "around") and not t.poss)):
        return None  # "lake mary", "tellers in verona"
    m = j
    while m < r.n and m - i <= 3 and r.gaps[m] == " " and r.toks[m].shape == TITLE:
        m += 1
    if m < r.n and m > i and r.gaps[m] == " " and r.toks[m].key in PLACE_AFTER:
        return None  # "Billy Bishop airport"
    if t.shape == LOWER:
        if len(k) >= 3 and k in data.fn and k not in data.fn_amb:
            # lowercase: "talk to susan", "kenji's mgr alana"
            if k in data.software or k in data.places:
                return None
            return with_initial(r, j)
        if len(k) >= 3 and k in data.fn and k not in data.stop and k not in data.software \
                and k not in data.places and k not in _WORD_NAMES \
                and k not in PRONOUNS:
            # "ask faith if ...", "cc hope on it": a word-name right after a strong cue
            pk = r.prev_key(i)
            if pk in STRONG_PERSON_CUE and (j >= r.n or r.gaps[j].strip() or r.toks[j].key in (
                    "if", "about", "abt", "re", "whether", "when", "on", "for")):
                return j
        return None
    if t.shape == UPPER:
        if 2 <= len(k) <= 3 and r.person_cue_before(i) and k not in data.stop \
                and k not in data.software and k not in data.places and k not in data.org_index:
            return j
        return None
    if t.shape != TITLE:
        return None
    if k in data.fn:
        if k not in data.fn_amb:
            if k in data.sn and k in data.common:
                return None
            return with_initial(r, j)
        # ambiguous: Will, Hope, June, Grace, Chase...
        if r.person_cue_before(i) or r.person_cue_after(j) or r.toks[i].poss or (
                j + 1 < r.n and r.gaps[j] == " " and r.toks[j].key == "from"
                and r.gaps[j + 1] == " " and (r.toks[j + 1].key == "the" or r.toks[j + 1].shape != LOWER)
                and k not in data.software and k not in data.places):
            # "Will from the council said hi", "Hope from Unilever"
            if k in data.software and not r.person_cue_after(j):
                return None
            return with_initial(r, j)
        return None
    if k in data.stop or k in data.software or k in data.places or k in PRONOUNS:
        return None
    if not k.replace("-", "").replace("'", "").isalpha():
        return None
    cue_b = r.person_cue_before(i)
    cue_a = r.person_cue_after(j)
    if k in data.common:
        if cue_a and not r.line_start(i) and (cue_b or t.poss):
            return j
        return None
    if cue_b or cue_a:
        return j
    if k in data.sn and (t.poss and r.toks[i + 1].key in _OWNED
                         if i + 1 < r.n else False):
        return j
    return None


def with_initial(r: LineReader, j):
    toks = r.toks
    if j < r.n and len(toks[j].key) == 1 and r.gaps[j] == " " and toks[j].key not in ("a", "i") \
            and toks[j].text.isalpha() and not toks[j - 1].poss and not toks[j].poss:
        if j + 1 >= r.n or r.gaps[j + 1][:1] not in ("'", "’", "&", "/"):
            return j + 1
    return j


