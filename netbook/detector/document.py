"""The document pass: what lines teach each other, and :func:`find_mentions`.

Detection runs per line in two passes.  The *local* pass reads only the line (and the
known names) and yields its facts: full person names and organization names.  The
document aggregates the facts of all lines into alias tables ("susan" -> "susan smith",
"valley" -> "valley health system", "JP" -> "jean-pierre lafleur"), and a *final* pass
re-reads only the lines that contain an alias.  Facts come only from the local pass, so
the result does not depend on the order lines were typed in; the incremental tracker
(:mod:`netbook.detector.tracker`) relies on that.  Links ("Susan Smith at Citibank")
are counted per line and resolved the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from netbook.detector.cues import CONNECT, GENERIC, LINK_RE, ORG_STRONG, ORG_WEAK, PARTICLES
from netbook.detector.known import Context, initial_aliases, make_context
from netbook.detector.mention import Found, Mention
from netbook.detector.reader import ORGANIZATION, PERSON, LineReader
from netbook.detector.candidates import FACT_PATTERN_ORG, FACT_PERSON
from netbook.detector.line_pass import detect_line
from netbook.detector.tokens import Token
from netbook.detector.vocabulary import MentionSource
from netbook.detector.wordlists import WordLists

SUGGESTED = MentionSource.SUGGESTED
CHUNK = 2000  # very long lines are read in pieces of about this many characters
_new_found = tuple.__new__  # Found(...) without its keyword-argument wrapper


class DocumentFacts:
    """Per-line facts -> document alias tables, ref-counted so lines can be removed again.

    ``person_alias`` / ``org_alias`` hold alias -> {key: support}; ``pa`` / ``oa`` the
    resolved alias -> key, kept up to date for the touched aliases only.
    """

    __slots__ = ("person_alias", "org_alias", "pa", "oa")

    def __init__(self):
        self.person_alias: dict[str, dict[str, int]] = {}
        self.org_alias: dict[str, dict[str, int]] = {}
        self.pa: dict[str, str] = {}
        self.oa: dict[str, str] = {}

    def add(self, facts, data: WordLists, sign: int = 1) -> bool:
        """Add (sign=1) or remove (sign=-1) facts; True if a resolved alias changed."""
        touched = None
        for fact in facts:
            for typ, alias, key in _aliases_of(fact, data):
                tab = self.person_alias if typ == "p" else self.org_alias
                d = tab.get(alias)
                if d is None:
                    if sign < 0:
                        continue
                    d = tab[alias] = {}
                after = d.get(key, 0) + sign
                if after <= 0:
                    d.pop(key, None)
                    if not d:
                        del tab[alias]
                else:
                    d[key] = after
                if touched is None:
                    touched = set()
                touched.add(alias)
        if not touched:
            return False
        changed = False
        for alias in touched:
            changed = self._resolve_one(alias) or changed
        return changed

    def _resolve_one(self, alias: str) -> bool:
        d = self.person_alias.get(alias)
        new_p = _best_key(d) if d else None
        od = self.org_alias.get(alias)
        new_o = _best_key(od) if (od and new_p is None) else None
        old_p = self.pa.get(alias)
        old_o = self.oa.get(alias)
        if new_p is None:
            self.pa.pop(alias, None)
        else:
            self.pa[alias] = new_p
        if new_o is None:
            self.oa.pop(alias, None)
        else:
            self.oa[alias] = new_o
        return old_p != new_p or old_o != new_o


def _best_key(d: dict[str, int]) -> str:
    # a full name beats a lone surname key; then support; then length
    return max(d.items(), key=lambda kv: (" " in kv[0], kv[1], len(kv[0]), kv[0]))[0]


def _aliases_of(fact, data: WordLists) -> list[tuple[str, str, str]]:
    """("p" | "o", alias, key) that one fact teaches: the words, nicknames and initials of
    "Susan Smith", the distinctive word of "Valley Health System"."""
    typ, key, texts, keys = fact
    out = []
    if typ == FACT_PERSON:
        for k in keys:
            if k in PARTICLES or len(k) < 2 or k in data.stop and k not in data.fn:
                continue
            out.append(("p", k, key))
            if "-" in k:
                for part in k.split("-"):
                    if len(part) >= 3 and part not in data.common:
                        out.append(("p", part, key))
        for ini in initial_aliases(texts):
            if len(ini) >= 2 and ini.lower() not in data.org_index:
                out.append(("p", "\0" + ini, key))
        for nk in data.nick.get(keys[0], ()):
            out.append(("p", nk, key))
        return out
    content = [(t, k) for t, k in zip(texts, keys) if k not in CONNECT and k not in ORG_STRONG and k not in ORG_WEAK]
    if len(content) == 1:
        k = content[0][1]
        if k not in data.places and k not in GENERIC and k not in data.stop:
            out.append(("o", k, key))
    elif len(content) >= 2:
        t, k = content[-1]
        named = len(content) >= 3 and content[0][1] in data.fn and k in data.sn
        if (named or (typ == FACT_PATTERN_ORG and k not in data.common and k not in data.fn)) \
                and k not in data.places and k not in GENERIC and len(k) >= 3 and "." not in t:
            out.append(("o", k, key))
        k = content[0][1]
        if k not in data.common and k not in data.places and k not in data.fn and k not in GENERIC \
                and k not in data.stop and len(k) >= 3:
            out.append(("o", k, key))
    return out


# --------------------------------------------------------------------------- links


def link_map(pairs: dict[tuple[str, str], int], pa: dict[str, str]) -> dict[str, str]:
    """person key -> org key from {(local person key, org key): count}.  The org linked
    most often wins, ties broken by name, so the result does not depend on line order."""
    score: dict[str, dict[str, int]] = {}
    for (p, o), c in pairs.items():
        d = score.setdefault(pa.get(p, p) if " " not in p else p, {})
        d[o] = d.get(o, 0) + c
    return {p: min(d.items(), key=lambda kv: (-kv[1], kv[0]))[0] for p, d in score.items()}


def links_for_line(line: str, found: list[Found]) -> list[tuple[str, str]]:
    """Pairs (person_key, org_key) linked within one line: 'Susan Smith at Citibank',
    'Susan (Citibank)', 'Susan, Citibank', 'Susan - VP @ Citibank'."""
    links = []
    for a, b in zip(found, found[1:]):
        if a.kind is PERSON and b.kind is ORGANIZATION:
            between = line[a.end:b.start]
            if len(between) <= 50 and LINK_RE.match(between):
                links.append((a.key, b.key))
    return links


# --------------------------------------------------------------------------- the passes


def read_line(line: str, ctx: Context, use_doc: bool,
              toks: list[Token] | None = None) -> tuple[list[Found], list, list[Token]]:
    """Detect one line -> (mentions, facts, tokens); ``toks``: the line's tokens if known.
    Very long lines (pastes without newlines) are cut at spaces into chunks of about 2,000
    characters so the cost stays linear; a name cut in two at a chunk border may be missed."""
    if len(line) <= 2 * CHUNK:
        reader = LineReader(line, ctx, use_doc, toks)
        return detect_line(reader), reader.facts, reader.toks
    found: list[Found] = []
    facts: list = []
    toks: list[Token] = []
    pos = 0
    n = len(line)
    while pos < n:
        end = min(n, pos + CHUNK)
        if end < n:
            sp = line.rfind(" ", pos + CHUNK // 2, end)
            if sp > pos:
                end = sp
        reader = LineReader(line[pos:end], ctx, use_doc)
        found.extend(_new_found(Found, (f.start + pos, f.end + pos, f.kind, f.key, f.source)) for f in detect_line(reader))
        facts.extend(reader.facts)
        for t in reader.toks:  # the chunk's own tokens: shifted in place to line offsets
            t.start += pos
            t.end += pos
        toks.extend(reader.toks)
        pos = end
    return found, facts, toks


def final_pass(line: str, found: list[Found], toks: list[Token], ctx: Context) -> list[Found]:
    """Re-read a line with the document aliases only where they could change it."""
    pa, oa = ctx.doc_person_alias, ctx.doc_org_alias
    patch = None
    r = 0
    nfound = len(found)
    for t in toks:
        k = t.key
        hit_p = k in pa or (2 <= len(k) <= 3 and ("\0" + t.text.upper()) in pa)
        if not hit_p and k not in oa:
            continue
        while r < nfound and found[r].end <= t.start:
            r += 1
        if r < nfound and found[r].start <= t.start < found[r].end:
            m = found[r]
            if m.start == t.start and m.end == t.end:
                # a one-token mention of the same kind: only its key may change
                if hit_p and m.kind is PERSON and m.source is SUGGESTED:
                    nk = pa.get(k) or pa.get("\0" + t.text.upper())
                    if nk != m.key:
                        if patch is None:
                            patch = {}
                        patch[r] = nk
                    continue
                return read_line(line, ctx, True, toks)[0]
            continue  # inside a longer mention: unaffected
        return read_line(line, ctx, True, toks)[0]
    if patch:
        found = [m._replace(key=patch[x]) if x in patch else m for x, m in enumerate(found)]
    return found


def detect_lines(lines: list[str], ctx: Context) -> tuple[list[list[Found]], dict[str, str]]:
    """Both passes over a whole document -> (mentions per line, person key -> org key)."""
    data = ctx.data
    facts = DocumentFacts()
    local = []
    pairs: dict = {}
    for ln in lines:
        found, lfacts, ltoks = read_line(ln, ctx, False)
        local.append((found, ltoks))
        if lfacts:
            facts.add(lfacts, data)
        if len(found) > 1:
            for pair in links_for_line(ln, found):
                pairs[pair] = pairs.get(pair, 0) + 1
    ctx.set_doc(facts.pa, facts.oa)
    if facts.pa or facts.oa:
        results = [final_pass(ln, found, toks, ctx) for ln, (found, toks) in zip(lines, local)]
    else:
        results = [found for found, _toks in local]
    return results, link_map(pairs, facts.pa)


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without the newline."""
    spans = []
    pos = 0
    n = len(text)
    while True:
        j = text.find("\n", pos)
        if j < 0:
            spans.append((pos, n))
            break
        spans.append((pos, j))
        pos = j + 1
    return spans


def find_mentions(text: str, known_people: Iterable[str] = (), known_companies: Iterable[str] = ()) -> list[Mention]:
    """All person / organization mentions in ``text``, sorted, non-overlapping."""
    if not isinstance(text, str) or not text:
        return []
    ctx = make_context(known_people, known_companies)
    spans = line_spans(text)
    results, links = detect_lines([text[a:b] for a, b in spans], ctx)
    out = []
    for (a, _b), found in zip(spans, results):
        for s, e, kind, key, src in found:
            out.append(Mention(a + s, a + e, kind, text[a + s:a + e], key, src,
                               links.get(key) if kind is PERSON else None))
    return out
