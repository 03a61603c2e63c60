"""The one tokenizer: words of a note line as :class:`Token` s.

A word starts with a letter or digit and may hold inner ``- ' ’ & . +`` ("Anne-Marie",
"O'Neill", "AT&T", "J.P.", "Disney+Hotstar"); a trailing apostrophe ends it ("Dunkin'").
:func:`words` gives the bare words (names typed by the user are split with it);
:func:`tokenize` reads a note line for detection: e-mail addresses, links and phone numbers
are masked, initials and abbreviations keep their period ("J.", "Dr.", "Corp."), a
possessive is split off ("Renata's" -> "Renata" + poss) and "ex-IDEO" is read as "ex" "IDEO".
"""

from __future__ import annotations

import re
from netbook.detector.cues import DOT_ABBR, HONORIFICS
from netbook.detector.vocabulary import fold

# token shapes
LOWER = 0  # susan, at
TITLE = 1  # Susan, McKenna, J.
UPPER = 2  # IBM, NYC
OTHER = 3  # iPhone, eBay, 3M, 7-Eleven


class Token:
    """One word of a line.

    A slotted class, not a NamedTuple: the rules read token fields some hundred times per
    line, and in CPython 3.11 slot access is about three times faster than NamedTuple field
    access (which is not specialised), while making one costs about the same.
    """

    __slots__ = ("start", "end", "text", "key", "shape", "poss")

    def __init__(self, start: int, end: int, text: str, key: str, shape: int, poss: bool):
        self.start = start
        self.end = end  # exclusive
        self.text = text  # as typed (with a kept period, without a possessive 's)
        self.key = key  # token key: folded, "’" -> "'", dots dropped ("J.P." -> "jp")
        self.shape = shape  # LOWER / TITLE / UPPER / OTHER
        self.poss = poss  # a possessive 's followed ("Renata's")

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r}, {self.key!r}, {self.shape}, {self.poss})"


# a letter or digit, word characters, inner marks each followed by a letter or digit again
WORD_RE = re.compile(r"[^\W_]\w*(?:[-'’&.+][^\W_]\w*)*(?:['’](?![^\W_]))?")
MASK_RE = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|www\.\S+|"
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|io|edu|gov|ai|co|us|info|biz)(?:/\S*)?\b|"
    r"\+?\d[\d().\s-]{7,}\d"
)
MASK_HINT = re.compile(r"@|//|www\.|\.(?:com|net|io|edu|gov|ai|co|us|info|biz)\b|\d[\d().\s-]{7,}\d")
KOREAN_GIVEN = re.compile(r"^[A-Z][a-z]{1,3}-[a-z]{2,4}$")
INITIALS_RE = re.compile(r"^(?:[^\W\d_]\.)*[^\W\d_]$")

_KEYS: dict[str, str] = {}
_PLAIN: dict[str, tuple] = {}
_CACHE_LIMIT = 200_000


def words(text: str) -> list[str]:
    """The words of ``text`` ("Anne-Marie O'Neill" -> ["Anne-Marie", "O'Neill"])."""
    return WORD_RE.findall(text)


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word of ``text``."""
    return [m.span() for m in WORD_RE.finditer(text)]


def token_key(text: str) -> str:
    key = _KEYS.get(text)
    if key is None:
        key = fold(text).replace("’", "'").replace(".", "")
        if len(_KEYS) < _CACHE_LIMIT:
            _KEYS[text] = key
    return key


def shape_of(text: str) -> int:
    c = text[0]
    if c.isupper():
        return UPPER if len(text) > 1 and text.isupper() else TITLE
    if c.islower():
        return LOWER if text.islower() else OTHER
    return OTHER


def make_token(start: int, end: int, text: str, poss: bool) -> Token:
    return Token(start, end, text, token_key(text), shape_of(text), poss)


def _plain_info(text: str) -> tuple:
    """(key, shape, plain, keeps_period) of a word; plain = no apostrophe or prefix handling needed."""
    info = _PLAIN.get(text)
    if info is None:
        key = token_key(text)
        plain = not (text[-1] in "'’" or (len(text) > 2 and text[-2] in "'’") or ("-" in text and text[0].islower()))
        keeps_period = (len(text) <= 4 or "." in text) and (
            len(key) == 1 or bool(INITIALS_RE.match(text)) or key in HONORIFICS or key in DOT_ABBR)
        info = (key, shape_of(text), plain, keeps_period)
        if len(_PLAIN) < _CACHE_LIMIT:
            _PLAIN[text] = info
    return info


def tokenize(line: str, org_tokens: frozenset) -> list[Token]:
    """Tokens of one note line; ``org_tokens`` are keys kept whole ("booking.com", "Dunkin'", "Lowe's")."""
    masks = [m.span() for m in MASK_RE.finditer(line)] if MASK_HINT.search(line) else None
    toks: list[Token] = []
    append = toks.append
    n = len(line)
    for m in WORD_RE.finditer(line):
        s, e = m.span()
        t = m.group()
        if not masks:
            key, shape, plain, keeps_period = _PLAIN.get(t) or _plain_info(t)
            if plain:
                if keeps_period and e < n and line[e] == ".":
                    t = t + "."
                    append(Token(s, e + 1, t, token_key(t), shape, False))
                else:
                    append(Token(s, e, t, key, shape, False))
                continue
        else:
            hit = any(s < me and ms < e for ms, me in masks)
            if hit and token_key(t) not in org_tokens:
                continue
        _special_word(line, s, e, t, org_tokens, append)
    return toks


def _special_word(line: str, s: int, e: int, t: str, org_tokens: frozenset, append) -> None:
    """A word with an apostrophe, a lowercase prefix or near a mask: trimmed, split or kept."""
    # trailing apostrophe (Dunkin') only kept for known org tokens
    if t[-1] in "'’" and token_key(t) not in org_tokens:
        t = t[:-1]
        e -= 1
        if not t:
            return
    # trailing period for initials, titles, suffixes (J. / Dr. / Corp. / Co.)
    if e < len(line) and line[e] == "." and (len(t) <= 4 or "." in t):
        kt = token_key(t)
        if len(kt) == 1 or INITIALS_RE.match(t) or kt in HONORIFICS or kt in DOT_ABBR:
            t = t + "."
            e += 1
    poss = False
    if len(t) > 2 and t[-2] in "'’" and t[-1] in "sS" and token_key(t) not in org_tokens:
        t = t[:-2]
        e -= 2
        poss = True
    # split "ex-IDEO", "pre-Merck": lowercase prefix, capitalised rest
    if "-" in t and t[0].islower():
        i = t.find("-")
        rest = t[i + 1:]
        if rest and (rest[0].isupper() or rest[0].isdigit()) and token_key(t) not in org_tokens:
            append(make_token(s, s + i, t[:i], False))
            s = s + i + 1
            t = rest
    append(make_token(s, e, t, poss))


_CURSOR_RE = re.compile(WORD_RE.pattern + r"|&")


def cursor_words(line: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the words of ``line`` for naming the word at the cursor (tagging).

    The same words as :func:`tokenize` reads, before any word-list knowledge: a period right
    after a word stays on it ("J.", "Inc.", "Citi." - the caller decides whether it ends a
    sentence), "ex-IDEO" is "ex" + "IDEO", and a free-standing "&" is a word ("Procter & Gamble").
    """
    out = []
    n = len(line)
    for m in _CURSOR_RE.finditer(line):
        s, e = m.span()
        t = m.group()
        if e < n and line[e] == "." and t != "&":
            e += 1
            t += "."
        if "-" in t and t[0].islower():
            i = t.find("-")
            rest = t[i + 1:]
            if rest and (rest[0].isupper() or rest[0].isdigit()):
                out.append((s, s + i, t[:i]))
                s, t = s + i + 1, rest
        out.append((s, e, t))
    return out
