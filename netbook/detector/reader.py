"""One note line as the rules see it: tokens, the text between them, and the cue questions
every rule asks ("is there a person cue before token i?", "is this an employer slot?").

A :class:`LineReader` is made per line and per pass; the rules in :mod:`netbook.detector.rules`,
:mod:`netbook.detector.person_rules` and :mod:`netbook.detector.org_rules` read it, and the loop
(:mod:`netbook.detector.line_pass`) appends to ``out`` (mentions found so far, left to right)
and ``facts`` (what the line teaches the document: full names, organization names).
"""

from __future__ import annotations

from netbook.detector.cues import (
    ADVERBS,
    BREAK_RE,
    COORD,
    ORG_CUE_NEXT,
    ORG_CUE_PREV,
    ORG_CUE_PREV2_STRONG,
    ORG_CUE_PREV_MOVE,
    PERSON_CUE_NEXT,
    PERSON_CUE_PREV,
    PERSON_CUE_PREV2,
    PRODUCT_NEXT,
)
from netbook.detector.known import Context
from netbook.detector.mention import Found
from netbook.detector.tokens import LOWER, TITLE, Token, tokenize
from netbook.detector.vocabulary import MentionKind
from netbook.detector.wordlists import AMBIGUOUS, TOOL

PERSON = MentionKind.PERSON
ORGANIZATION = MentionKind.ORGANIZATION
_MODAL_NEXT = frozenset(("will", "can", "could", "would", "might", "should"))
_OFFER_VERBS = frozenset(("intro", "introduce", "refer", "send", "email", "text", "call", "forward", "connect",
                          "share", "review", "check", "ask", "set", "talk", "reach", "help", "mentor", "pass", "put"))
_WORK_FOR = frozenset(("works", "worked", "work", "working", "interviewing", "contractor", "consultant", "consulting"))
_OWNED_PLACES = frozenset(("hq", "office", "recruiter", "careers", "culture", "team"))


class LineReader:
    """Detection state over one line; a pure function of (line, context, use_doc)."""

    __slots__ = ("line", "toks", "ctx", "data", "use_doc", "out", "facts", "n", "gaps", "has_suffix", "person_memo")

    def __init__(self, line: str, ctx: Context, use_doc: bool, toks: list[Token] | None = None):
        self.line = line
        self.ctx = ctx
        self.data = ctx.data
        self.use_doc = use_doc  # the final pass: document aliases may be used
        if toks is None:  # the final pass re-reads a line with the tokens of its local pass
            toks = tokenize(line, self.data.org_tokens)
        self.toks: list[Token] = toks
        self.n = len(toks)
        if toks:  # gaps[i]: the text before token i (gaps[n]: after the last one)
            ends = [0] + [t.end for t in toks]
            starts = [t.start for t in toks] + [len(line)]
            self.gaps = [line[a:b] for a, b in zip(ends, starts)]
        else:
            self.gaps = [line]
        self.out: list[Found] = []
        self.facts: list[tuple] = []
        self.has_suffix = False  # some token is an organization suffix ("LLC", "Bank")
        self.person_memo: tuple = (-1, -1, None)  # see person_rules.person_at

    def prev_key(self, i: int) -> str:
        """Key of the word before token i if nothing but a space separates them ("@" and "w/" count)."""
        if i <= 0:
            return ""
        g = self.gaps[i]
        if g == " ":
            return self.toks[i - 1].key
        if "@" in g:
            return "@"
        if "/" in g and self.toks[i - 1].key == "w":
            return "w/"
        if BREAK_RE.search(g):
            return ""
        return self.toks[i - 1].key

    def two_keys_before(self, i: int) -> str:
        """"talk to" before token i: the two previous keys when only spaces separate them."""
        if i <= 1:
            return ""
        g1 = self.gaps[i]
        g0 = self.gaps[i - 1]
        if g1.strip() or g0.strip():
            return ""
        return self.toks[i - 2].key + " " + self.toks[i - 1].key

    def line_start(self, i: int) -> bool:
        """token i begins the line or a sentence/bullet/clause (after timestamps, bullets)."""
        if i == 0:
            return True
        g = self.gaps[i]
        if "\t" in g:
            return True
        st = g.strip()
        if st and st[-1] in ".!?:;]->*•|":
            return True
        # after a timestamp "[6:05]" tokens are digits
        prev = self.toks[i - 1]
        if prev.text.isdigit() and (i == 1 or self.toks[i - 2].text.isdigit()):
            return True
        return False

    def person_cue_before(self, i: int) -> bool:
        pk = self.prev_key(i)
        if pk and pk in PERSON_CUE_PREV:
            if pk in ("and", "+", "&", "or"):
                # "ramon + trish": only if previous token is itself a person mention
                return bool(self.out) and self.out[-1].kind is PERSON and self.out[-1].end <= self.toks[i].start \
                    and self.out[-1].end >= self.toks[i - 1].start - 3
            return True
        p2 = self.two_keys_before(i)
        if p2 and p2 in PERSON_CUE_PREV2:
            return True
        if i > 0:
            g = self.gaps[i]
            if "@" in g:
                return False
            if g.strip() in ("(", "(=", "= ", "=") and self.out and self.out[-1].kind is PERSON \
                    and self.toks[i].shape == TITLE and self.toks[i].key in self.data.fn:
                return True
        return False


    def person_cue_after(self, j: int) -> bool:
        """A word at j says the name before it is a person ("said", "can intro")."""
        if j >= self.n or self.gaps[j].strip():
            return False
        k = self.toks[j].key
        if k in PERSON_CUE_NEXT:
            return True
        if k in _MODAL_NEXT and j + 1 < self.n:
            return self.toks[j + 1].key in _OFFER_VERBS
        return False

    def org_context(self, i: int, j: int, strict: bool = False) -> bool:
        """Tokens i..j-1 sit in an employer slot ("at X", "ex-X", "X is hiring", "Susan (X)")."""
        toks = self.toks
        gaps = self.gaps
        pk = self.prev_key(i)
        if pk in ORG_CUE_PREV:
            return True
        if i > 0 and toks[i - 1].key == "ex" and toks[i - 1].end == toks[i].start - 1:
            return True
        if pk == "to" and i >= 2 and toks[i - 2].key in ORG_CUE_PREV_MOVE:
            return True
        if i >= 2 and self.two_keys_before(i) in ORG_CUE_PREV2_STRONG:
            return True
        if pk == "for" and i >= 2 and toks[i - 2].key in _WORK_FOR:
            return True
        if pk == "the" and i >= 2 and toks[i - 2].key in ("at", "from", "joined", "left") and not gaps[i - 1].strip():
            return True
        if i > 0 and gaps[i].strip() == "(" and self.out and self.out[-1].kind is PERSON and (
                not strict or gaps[j].strip()[:1] == ")"):
            return True  # "Eduardo Paz (Organon PMO)", "Dev Mehta (Figma)"
        if pk in ("both", "the") and i >= 2 and gaps[i - 1].strip() == "(":
            return True
        k = j
        steps = 0
        while k < self.n and steps < 2:
            if gaps[k].strip() not in ("", "'", "’"):
                break
            nk = toks[k].key
            if nk in ORG_CUE_NEXT:
                return True
            if nk not in ADVERBS:
                break
            k += 1
            steps += 1
        return toks[j - 1].poss and j < self.n and toks[j].key in _OWNED_PLACES

    def coordinated_org(self, i: int) -> bool:
        """'TCS + Wipro', 'Lavazza, Barilla and Ferrero': an unknown word listed with an org."""
        t = self.toks[i]
        out = self.out
        if out and out[-1].kind is ORGANIZATION and i > 0:
            if self.line[out[-1].end:t.start] in COORD:
                return True
        j = i + 1
        if j + 1 < self.n and self.gaps[j] == " " and self.toks[j].key in ("and", "or", "vs") \
                and self.gaps[j + 1] == " ":
            j += 1  # "Toro and Medtronic"
        if j < self.n and (self.gaps[j] in COORD or j > i + 1):
            k2 = self.toks[j].key
            if k2 in self.data.org_index and self.toks[j].shape != LOWER:
                ents = self.data.org_index[k2]
                return any(len(e[0]) == 1 and not (e[2] & (AMBIGUOUS | TOOL)) for e in ents)
        return False

    def product_next(self, j: int) -> bool:
        """Token j makes the brand before it a product ("Google Sheets", "Salesforce certification")."""
        return j < self.n and not self.gaps[j].strip() and self.toks[j].key in PRODUCT_NEXT
