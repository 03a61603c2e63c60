"""Rules that read an organization's name: the gazetteer, suffixes ("... Logistics LLC"),
"University of X", firm names, brands, and lone words in an employer slot.

Each function takes the :class:`~netbook.detector.reader.LineReader` of the line and a
token index, and returns where the name ends (a token index) or a yes/no.
"""

from __future__ import annotations

from netbook.detector.cues import (
    CERT_WORDS,
    CONNECT,
    GENERIC,
    HONORIFICS,
    LEAD_VERBS,
    LEGAL,
    OF_PLACE_HEADS,
    OF_PLACE_MODS,
    ORG_DISTINCT,
    ORG_OF_HEADS,
    ORG_STRONG,
    ORG_TAIL_LOWER,
    ORG_TAIL_WORDS,
    ORG_TAILS,
    ORG_WEAK,
    PAYSCALE_NEXT,
    PERSON_CUE_NEXT,
    PRODUCT_NEXT,
    PRONOUNS,
    STATES,
    STOP_MID_OK,
    STREET_NEXT,
)
from netbook.detector.person_rules import match_person
from netbook.detector.reader import LineReader
from netbook.detector.tokens import LOWER, TITLE, UPPER
from netbook.detector.wordlists import AMBIGUOUS, CASE_SENSITIVE, LOWER_NEEDS_CONTEXT, LOWERCASED_SHORT, TOOL

_RUN_CONNECTORS = frozenset(("of", "and", "for", "&", "on", "de", "du", "des", "la"))
# stop words that still start or continue an organization's name ("St. Luke's", "New York Life")
_STOP_IN_NAMES = frozenset(("st", "saint", "mount", "mt", "port", "new", "north", "south", "east", "west",
                            "american", "national", "united", "first", "city"))

def match_org_list(r: LineReader, i, index, known):
    """Longest organization from an index at token i -> (end_idx, key, flags) or None."""
    toks = r.toks
    fallback = None
    for ent in index.get(toks[i].key, ()):
        keys = ent[0]
        L = len(keys)
        if i + L > r.n:
            continue
        ok = True
        for d in range(1, L):
            t = toks[i + d]
            if t.key != keys[d]:
                ok = False
                break
            g = r.gaps[i + d]
            gs = g.strip()
            if gs not in ("", "-", "&", "+") or (gs == "-" and g != "-"):
                ok = False
                break
            if toks[i + d - 1].poss:  # possessive inside
                ok = False
                break
            if t.shape == LOWER and toks[i].shape != LOWER and keys[d] in r.data.common \
                    and keys[d] not in CONNECT:
                ok = False  # "Accenture song (the marketing side)"
                break
        if not ok:
            continue
        if known:
            return (i + L, ent[1], 0)
        flags = ent[2]
        if flags & CASE_SENSITIVE:
            orig = ent[3]
            if any(toks[i + d].text.replace(".", "") != orig[d].replace(".", "") for d in range(L)):
                if L == 1 and fallback is None and toks[i].shape == LOWER and len(keys[0]) >= 2 \
                        and not (flags & TOOL):
                    # "cvs", "ups", "gs" typed in lowercase: only in an employer slot
                    fallback = (i + 1, ent[1], flags | LOWERCASED_SHORT)
                continue
        return (i + L, ent[1], flags)
    return fallback


def org_ok(r: LineReader, i, j, flags) -> bool:
    """Accept a gazetteer org match at tokens i..j-1 given its ambiguity flags."""
    t = r.toks[i]
    if r.product_next(j):
        return False
    if j - i == 1 and j < r.n and r.gaps[j] == " " and r.toks[j].key in PAYSCALE_NEXT \
            and len(t.key) <= 3:
        return False  # "GS scale", "GS grade": the federal pay scale
    if j - i == 1 and t.shape == UPPER and len(t.key) <= 4 and j + 1 < r.n and (
            (r.gaps[j] == " " and r.toks[j].key == "at") or r.gaps[j].strip() == "@") \
            and r.toks[j + 1].shape != LOWER and not r.org_context(i, j):
        return False  # "BD at Fervo", "SWE @ Duolingo": a role before its employer
    if j - i == 1 and t.shape == TITLE and i > 0 and r.gaps[i] == " " \
            and r.toks[i - 1].key in ("in", "near", "outside") and t.key in r.data.places:
        return False  # "plant in Littleton"
    if flags & LOWERCASED_SHORT:  # lowercase form of a capitalised short name ("ups", "cvs")
        return r.org_context(i, j, strict=True)
    if flags & TOOL:  # tool / website: only when the company itself is meant
        return r.org_context(i, j, strict=True)
    if flags & AMBIGUOUS:
        if j - i == 1 and r.use_doc and t.key in r.ctx.doc_person_alias:
            return False
        if t.shape == LOWER:
            return r.org_context(i, j)
        if j - i == 1 and r.line_start(i) and t.shape == TITLE and t.key in r.data.common:
            # "Target" at line start: need context
            return r.org_context(i, j) or (j < r.n and r.gaps[j].strip() in ("-", ":", ",", "(", "+")) \
                or org_tail(r, i, j) > j
        if j - i == 1 and t.key in r.data.fn and t.shape == TITLE and r.person_cue_after(j):
            return False
        if j - i == 1 and t.key in STREET_NEXT and i > 0 and r.gaps[i] == " " \
                and r.toks[i - 1].shape == TITLE:
            return False  # "Kendall Square", "Union Station"
        if j - i == 1 and t.key in r.data.places:
            # "Bellevue", "Cambridge": a city unless the slot says employer
            return r.org_context(i, j) or r.coordinated_org(i)
        return True
    if flags & LOWER_NEEDS_CONTEXT and t.shape == LOWER:
        return r.org_context(i, j)
    return True


def match_suffix_org(r: LineReader, i: int) -> int | None:
    """Proper-looking run ending in an org suffix (Blue Harbor Logistics LLC,
    Council of New Jersey Grantmakers, Bergen County Sheriff's Office) -> end or None."""
    toks = r.toks
    data = r.data
    t0 = toks[i]
    if t0.shape == LOWER or t0.poss:
        return None
    k0 = t0.key
    if k0 in CONNECT or k0 in HONORIFICS or k0 in PRONOUNS:
        return None
    if k0 in LEAD_VERBS and r.line_start(i):
        return None
    pre = r.line[:t0.start]
    if (pre.count('"') % 2 == 1) or pre.count("“") > pre.count("”"):
        return None  # a quoted title ("Just Enough Research")
    end, j = _suffix_run(r, i)
    end = _of_complement(r, i, j, end)
    if end is None:
        return None
    # need something proper in the run
    if all(k in GENERIC or k in CONNECT or k in ORG_STRONG or k in ORG_WEAK or k in data.software
           for k in (toks[x].key for x in range(i, end))):
        return None
    # "AWS Solutions Architect", "Google Data Analytics Certificate": a title or a product
    if end < r.n and r.gaps[end] == " " and toks[end].shape != LOWER and (
            toks[end].key in data.stop or toks[end].key in PRODUCT_NEXT or toks[end].key in CERT_WORDS):
        if toks[end - 1].key not in ORG_STRONG:
            return None
    return end


def _suffix_run(r: LineReader, i: int) -> tuple[int | None, int]:
    """Walk the capitalised run from i: (end after its last org suffix or None, where the run stops)."""
    toks = r.toks
    data = r.data
    end = None
    j = i
    content = 0
    proper = 0.0
    while j < r.n and j - i < 8:
        t = toks[j]
        if j > i:
            g = r.gaps[j]
            if g.strip() not in ("", "&") or len(g) > 3:
                break
            if toks[j - 1].poss and toks[j - 1].key not in data.org_tokens:
                break
        k = t.key
        if t.shape == LOWER:
            if k in _RUN_CONNECTORS and j > i:
                if k == "and" and (toks[j - 1].key in LEGAL or (
                        j + 1 < r.n and toks[j + 1].key in data.org_index
                        and match_org_list(r, j + 1, data.org_index, False))):
                    break  # "X LLP and Y LLP", "Bupa Dental Care and NHS Professionals"
                j += 1
                continue
            break
        if k in ORG_STRONG or k in ORG_WEAK:
            if j > i and content > 0:
                if k in ORG_STRONG or proper >= 1 or (end is not None and end == j) or (
                        k in ORG_DISTINCT and proper >= 0.5):
                    end = j + 1
            if j == i and k not in ORG_OF_HEADS:
                # leading suffix word ("Health", "Group") is just a word
                content += 1
                if k not in GENERIC:
                    proper += 1
        else:
            if k in data.stop and k not in data.places and k not in data.fn and k not in data.sn \
                    and not (t.shape == UPPER and len(k) <= 4 and k in ("nj", "ny", "us", "nyc")):
                if k not in _STOP_IN_NAMES and not (j > i and k in STOP_MID_OK):
                    break
            content += 1
            if k in data.software:
                pass
            elif k not in GENERIC and k not in data.common:
                proper += 1
            elif (t.shape == UPPER and k not in data.stop) or k in data.places:
                proper += 1
            elif k not in GENERIC:
                proper += 0.5
        j += 1
    return end, j


def _of_complement(r: LineReader, i: int, j: int, end: int | None) -> int | None:
    """Extend with "of <Name>" after a head ("Institute of Business Forecasting", "University of
    Michigan"); without a suffix the run needs such a head."""
    toks = r.toks
    data = r.data
    head_end = end
    if head_end is None:
        # a head word anywhere in the run followed by "of"
        for h in range(i, min(j, r.n)):
            if toks[h].key in ORG_OF_HEADS and h + 1 < r.n and toks[h + 1].key in ("of", "for"):
                head_end = h + 1
                break
        if head_end is None:
            return None
    if head_end < r.n and toks[head_end - 1].key in ORG_OF_HEADS and toks[head_end].key in ("of", "for") \
            and not r.gaps[head_end].strip():
        m = head_end + 1
        last_ok = None
        while m < r.n and m - head_end <= 5:
            t = toks[m]
            if r.gaps[m].strip() not in ("", "&"):
                break
            if t.shape == LOWER:
                if t.key in ("and", "&", "of") and m > head_end + 1:
                    m += 1
                    continue
                break
            if t.key in data.stop and t.key not in data.places and t.key not in ("nj", "ny", "us", "labor"):
                break
            last_ok = m + 1
            if t.poss:
                break
            m += 1
        if last_ok:
            end = last_ok
    return end


def school_name(r: LineReader, e) -> bool:
    """'Pritzker' in 'Northwestern Pritzker': a named school after a university."""
    t = r.toks[e]
    k = t.key
    data = r.data
    if k in data.common or k in data.stop or k in data.places or k in data.software or k in PRONOUNS \
            or k in HONORIFICS or (k in data.fn and k not in data.sn) or not k.isalpha():
        return False
    if r.person_cue_after(e + 1) or match_person(r, e):
        return False
    return True


def org_tail(r: LineReader, i, e):
    """Extend a gazetteer org ending at e with org words that belong to its name
    ("Emory Healthcare", "Loyola University Medical Center", "fedex ground") and with an
    "of <Place>" complement ("United Way of Central Ohio")."""
    toks = r.toks
    n = r.n
    lower = toks[e - 1].shape == LOWER
    changed = True
    while changed and e < n:
        changed = False
        if toks[e - 1].poss or r.gaps[e] != " ":
            break
        for tail in ORG_TAILS:
            L = len(tail)
            if e + L > n or toks[e].key != tail[0]:
                continue
            if any(toks[e + d].key != tail[d] or (d and r.gaps[e + d] != " ") for d in range(L)):
                continue
            if lower:
                if any(toks[e + d].shape != LOWER for d in range(L)) or tail[0] not in ORG_TAIL_LOWER:
                    continue
            elif any(toks[e + d].shape == LOWER for d in range(L)):
                continue
            if r.product_next(e + L):
                continue
            e += L
            changed = True
            break
        if not changed and not lower and toks[e].shape != LOWER and toks[e].key in ORG_TAIL_WORDS \
                and not r.product_next(e + 1) and not (e + 1 < n and r.gaps[e + 1] == " "
                                                           and toks[e + 1].key in PERSON_CUE_NEXT):
            e += 1
            changed = True
    # "of <Place>"
    if e + 1 < n and toks[e].key == "of" and toks[e].shape == LOWER and r.gaps[e] == " " \
            and toks[e - 1].key in OF_PLACE_HEADS and not toks[e - 1].poss:
        data = r.data
        m = e + 1
        last = None
        while m < n and m - e <= 4 and (m == e + 1 or r.gaps[m] == " "):
            t = toks[m]
            k = t.key
            if (t.shape == LOWER) != lower and not (t.shape == LOWER and k == "the"):
                break
            if k in OF_PLACE_MODS:
                m += 1
                continue
            if k in data.places or k in data.place_first or k in STATES and t.shape == UPPER or (
                    not lower and t.shape == TITLE and k not in data.stop and k not in data.common
                    and k not in data.fn and k not in PRONOUNS):
                last = m + 1
                if t.poss:
                    break
                m += 1
                continue
            break
        if last is not None:
            e = last
    return e
