"""Rules for a lone word in a slot that only an employer, a school or a brand fills:
"works at Aurora", "left KPLX", "masters at Leicester", "BioHive", "garza plumbing",
"Pryor & Vance", "ex-Zorblax".
"""

from __future__ import annotations

from netbook.detector.cues import (
    ACRO_CUE,
    ACRO_CUE2,
    CAMEL_PREFIX,
    EDU_BEFORE,
    GENERIC,
    HONORIFICS,
    LINK_RE,
    ORG_CUE_NEXT,
    ORG_CUE_NEXT_STRONG,
    ORG_CUE_PREV2,
    ORG_CUE_PREV2_STRONG,
    ORG_DISTINCT,
    PRONOUNS,
    ROLE_BEFORE_AT,
    STATES,
)
from netbook.detector.reader import ORGANIZATION, PERSON, LineReader
from netbook.detector.tokens import LOWER, TITLE, UPPER

_EMPLOYED_AS = frozenset((
    "works", "worked", "working", "job", "role", "analyst", "engineer", "manager", "mgr",
    "director", "recruiter", "intern", "internship", "now", "currently", "career",
    "someone", "people", "person", "friend", "contact", "guy", "woman", "girl", "lady",
    "team", "jobs", "roles", "was", "is", "hiring", "position", "vp", "head", "lead",
    "consultant", "specialist", "associate", "coordinator", "designer", "developer", "nurse"))
_ALUMNI = frozenset(("alum", "alumni", "alumna", "alumnus", "grad", "grads"))


def edu_slot(r: LineReader, i) -> bool:
    """'did her masters at Leicester', 'grad of Carleton', 'Concordia alum': a one-word
    university short form (often a place name) in a study slot."""
    toks = r.toks
    k = toks[i].key
    data = r.data
    if k in data.stop or k in data.software or k in PRONOUNS or k in HONORIFICS or not k.isalpha() \
            or (k in data.fn and k not in data.places) or (r.use_doc and k in r.ctx.doc_person_alias):
        return False
    if i + 1 < r.n and r.gaps[i + 1] == " " and toks[i + 1].shape == TITLE:
        return False  # a longer capitalised run: leave it to the other rules
    pk = r.prev_key(i)
    if pk in ("at", "from", "of") and i >= 2 and toks[i - 2].key in EDU_BEFORE and r.gaps[i - 1] == " ":
        return True
    if i + 1 < r.n and r.gaps[i + 1] == " " and toks[i + 1].key in _ALUMNI:
        return True
    return False


def acronym_employer(r: LineReader, i) -> bool:
    """An all-caps 2-5 letter word right after an employer cue, not a role, degree, tool or place."""
    t = r.toks[i]
    k = t.key
    w = t.text.rstrip(".")
    if not (2 <= len(w) <= 5) or not w.replace("&", "").isalpha() or i == 0:
        return False
    data = r.data
    if k in data.stop or k in data.software or k in data.places or k in STATES or k in HONORIFICS \
            or k in PRONOUNS or (r.use_doc and k in r.ctx.doc_person_alias):
        return False
    if i > 0 and r.toks[i - 1].key == "ex" and r.toks[i - 1].end == t.start - 1:
        return True
    pk = r.prev_key(i)
    if pk in ACRO_CUE:
        if pk in ("at", "from") and r.out and r.out[-1].kind is ORGANIZATION \
                and r.out[-1].end >= r.toks[i - 1].start - 2:
            return False  # "Infosys at CII": a qualifier after an org
        return True
    return r.two_keys_before(i) in ACRO_CUE2


def employer_slot(r: LineReader, i) -> bool:
    """A lone capitalised word in a slot that only an employer fills: '@ X', 'works at X',
    'job at X' (not 'met at', 'with')."""
    if i == 0:
        return False
    if r.prev_key(i) == "@" and not (r.out and r.out[-1].kind is PERSON):
        return r.gaps[i].strip() == "@"
    if r.two_keys_before(i) in ORG_CUE_PREV2_STRONG:
        j = i + 1
        if j < r.n and r.gaps[j] == " " and r.toks[j].shape == TITLE:
            return False  # "works at Grace Kim's office"? leave it to the name rules
        return True
    return False


def camel_org(r: LineReader, i) -> bool:
    """'BioHive', 'MassRobotics': a capitalised word with an inner capital is a brand,
    unless it is a name shape (McKenna, DeShawn, LaToya, MaryBeth)."""
    t = r.toks[i]
    w = t.text
    if len(w) < 5 or not w.isalpha() or w.startswith(CAMEL_PREFIX):
        return False
    pos = -1
    for x in range(2, len(w)):
        if w[x].isupper() and w[x - 1].islower():
            pos = x
            break
    if pos < 0:
        return False
    k = t.key
    data = r.data
    if k in data.fn or k in data.sn or k in data.software or k in data.stop or k in data.places:
        return False
    a, b = k[:pos], k[pos:]
    if a in data.fn and b in data.fn or a in data.fn and b in data.sn:
        return False
    if r.person_cue_after(i + 1):
        return False
    return True


def firm_names(r: LineReader, i):
    """'Harlow, Beck & Strand', 'Pryor & Vance': surnames joined by commas and '&'
    (law / accounting firms) -> end index or None."""
    toks = r.toks
    data = r.data
    names = [i]
    j = i + 1
    amp = False
    while j < r.n and len(names) < 6:
        g = r.gaps[j]
        t = toks[j]
        if t.shape != TITLE or toks[j - 1].poss:
            break
        if g in (", ", ","):
            names.append(j)
        elif g in (" & ", ", & ", "&"):
            names.append(j)
            amp = True
            j += 1
            break
        else:
            break
        j += 1
    if not amp or len(names) < 2:
        return None
    ks = [toks[x].key for x in names]
    if any(k in data.stop or k in data.places or k in data.software or k in PRONOUNS or not k.isalpha()
           for k in ks):
        return None
    if len(names) == 2:
        # "Ramon & Trish" are people; "Pryor & Vance" a firm: both surnames, not first names
        if not all(k in data.sn and k not in data.fn for k in ks):
            return None
    elif sum(1 for k in ks if k in data.fn and k not in data.sn) > 0:
        return None
    return names[-1] + 1


def lower_suffix_org(r: LineReader, i):
    """lowercase notes: 'garza plumbing', 'okafor auto body' in an employer slot."""
    toks = r.toks
    t = toks[i]
    k = t.key
    data = r.data
    if k in data.common or k in data.stop or k in data.places or len(k) < 3 or not k.isalpha():
        return None
    j = i + 1
    while j < r.n and j - i <= 2 and r.gaps[j] == " " and toks[j].shape == LOWER and (
            toks[j].key in ORG_DISTINCT or toks[j].key in ("auto", "body", "shop", "electric")):
        j += 1
    if j == i + 1 or toks[j - 1].key not in ORG_DISTINCT and toks[j - 1].key not in ("body", "shop"):
        return None
    if not r.org_context(i, j):
        return None
    return j


def unknown_org(r: LineReader, i):
    """Unknown proper word(s) in a strong org slot: 'at Zorblax', '@ Zorblax', 'ex-Zorblax'."""
    toks = r.toks
    t = toks[i]
    k = t.key
    data = r.data
    if k in data.stop or k in data.software or k in data.places or k in PRONOUNS \
            or k in data.fn or k in HONORIFICS:
        return None
    pk = r.prev_key(i)
    strong = pk in ("@", "ex", "joined") or (i > 0 and toks[i - 1].key == "ex" and toks[i - 1].end == t.start - 1)
    if not strong and r.two_keys_before(i) in ORG_CUE_PREV2:
        strong = True
    if not strong and r.out and r.out[-1].kind is PERSON and i > 0:
        between = r.line[r.out[-1].end:t.start]
        if len(between) <= 50 and LINK_RE.match(between) and "\t" not in between:
            strong = True
    if not strong and r.coordinated_org(i):
        strong = True
    if not strong and i + 1 < r.n and r.gaps[i + 1] == " " and toks[i + 1].key in ORG_CUE_NEXT_STRONG:
        strong = True
    if not strong and pk in ("at", "from", "joined", "left"):
        strong = i >= 2 and toks[i - 2].key in _EMPLOYED_AS \
            or toks[i - 2].key in ROLE_BEFORE_AT
    if not strong:
        return None
    if k in data.common and t.shape == TITLE and not r.coordinated_org(i) and not (
            (pk in ("@", "joined") or r.two_keys_before(i) in ORG_CUE_PREV2_STRONG
             or (i > 0 and toks[i - 1].key == "ex" and toks[i - 1].end == t.start - 1))
            and not r.line_start(i) and k not in GENERIC and len(k) >= 4
            and not (i + 1 < r.n and r.gaps[i + 1] == " " and toks[i + 1].shape != LOWER)):
        return None  # an ordinary word ("Guess", "Revolve") only in a clear employer slot
    if t.shape == LOWER or (len(k) < 2) or (t.shape == UPPER and len(k) < 3):
        return None
    e = i + 1
    while e < r.n and e - i < 3 and r.gaps[e] == " " and toks[e].shape in (TITLE, UPPER) \
            and toks[e].key not in data.stop and toks[e].key not in data.places \
            and toks[e].key not in data.software and not toks[e - 1].poss \
            and toks[e].key not in ORG_CUE_NEXT and toks[e].key not in data.common:
        e += 1
    if e < r.n and r.gaps[e] == " " and toks[e].key in ("at", "for", "with") or \
            e < r.n and "@" in r.gaps[e]:
        return None  # "- DS at Pfizer": a job title, not an employer
    return e
