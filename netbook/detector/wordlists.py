"""The open word lists (``data/gazetteers``): read once per process, cached on disk.

Given names, surnames, common English words, stop words, tools, places, nicknames and
organizations with their short forms become the lookup tables of :class:`WordLists`.
Building them takes ~0.5 s, so the processed tables are kept in a marshal file (owner
only) under ``$NETBOOK_CACHE_DIR`` or ``~/.cache/netbook``; its name carries a hash of the
lists' and this package's sizes and mtimes, so two versions of netbook never evict each
other's cache, and a stale or unreadable cache is just rebuilt.
"""

from __future__ import annotations

import functools
import gc
import marshal
import os
import sys
import zlib

from netbook.detector.cues import CONNECT, HONORIFICS, PARTICLES, PRONOUNS, SUFFIX_ALL
from netbook.detector.tokens import token_key, words
from netbook.detector.vocabulary import normalise_key

GAZETTEERS = ("first_names.txt", "surnames.txt", "english_common.txt", "stop_words.txt",
              "software.txt", "places.txt", "nicknames.txt", "organizations.txt",
              "software_phrases.txt")
CACHE_FORMAT = 6
_CODE = ("wordlists.py", "tokens.py", "cues.py", "vocabulary.py")  # the code that shapes the tables

# flags of an organization entry
CASE_SENSITIVE = 1  # must match as written (an acronym in capitals: "GAP", "CVS")
AMBIGUOUS = 2  # an ordinary word, name or product: needs capitals and must not be a person's alias
LOWER_NEEDS_CONTEXT = 4  # written in lowercase it needs an employer context
TOOL = 8  # a tool, website or title ("Excel", "LinkedIn"): the company only in an employer context
LOWERCASED_SHORT = 16  # (match result only) a short capitalised name typed in lowercase ("ups", "cvs")

_PACKAGE = os.path.dirname(os.path.realpath(__file__))  # os.path, not pathlib: start-up time


def shipped_gazetteers() -> str:
    """data/gazetteers: installed as netbook/data in a wheel, beside the package in a checkout."""
    netbook_dir = os.path.dirname(_PACKAGE)
    checkout = os.path.join(os.path.dirname(netbook_dir), "data")
    for candidate in (os.path.join(netbook_dir, "data"), checkout):
        if os.path.isdir(candidate):
            return os.path.join(candidate, "gazetteers")
    return os.path.join(checkout, "gazetteers")


class WordLists:
    """Lookup tables over token keys; ``org_index`` maps a first key to organization entries
    ``(keys, canonical key, flags, case forms)``, longest first."""

    __slots__ = ("fn", "fn_amb", "sn", "common", "stop", "places", "place_phrases", "place_first",
                 "software", "org_index", "org_tokens", "nick", "nick_rev", "skip_cap",
                 "soft_phrases", "phrase_first")

    def __init__(self, folder: str | None = None) -> None:
        if folder is not None:
            self._build(folder)

    def _build(self, folder: str) -> None:
        self.fn = frozenset(_read_words(folder, "first_names.txt"))  # given names
        self.sn = frozenset(_read_words(folder, "surnames.txt"))
        self.common = frozenset(_read_words(folder, "english_common.txt"))
        self.stop = frozenset(w for ln in _read_lines(folder, "stop_words.txt") for w in ln.split())
        self.software = frozenset(w for ln in _read_lines(folder, "software.txt") for w in ln.split())
        self.soft_phrases = frozenset(" ".join(token_key(t) for t in words(ln))
                                      for ln in _read_lines(folder, "software_phrases.txt") if ln.strip())
        places = [ln.strip().lower().replace(".", "") for ln in _read_lines(folder, "places.txt") if ln.strip()]
        self.places = frozenset(p for p in places if " " not in p)
        self.place_phrases = frozenset(places)
        self.place_first = frozenset(p.split()[0] for p in places)
        # first words of tool and place phrases: where the line pass must look for a skip
        self.phrase_first = self.place_first | frozenset(p.split()[0] for p in self.soft_phrases)
        # given names that are also words, places or tools: "Will", "Hope", "Florence", "Excel"
        self.fn_amb = frozenset(w for w in self.fn if w in self.common or w in self.stop
                                or w in self.places or w in self.software)
        self.nick, self.nick_rev = _nicknames(_read_lines(folder, "nicknames.txt"))
        self.org_index, self.org_tokens = _organizations(self, _read_lines(folder, "organizations.txt"))
        index = self.org_index
        # capitalised words the line pass may skip at once (stop words and tools that are no name)
        keep = self.fn | self.sn | SUFFIX_ALL | HONORIFICS | PARTICLES
        self.skip_cap = frozenset(w for w in (self.stop | self.software)
                                  if w not in index and w not in keep and len(w) > 3)

    def org_key_of(self, keys) -> str | None:
        """Canonical key of the gazetteer organization written exactly as ``keys``."""
        keys = tuple(keys)
        for ent in self.org_index.get(keys[0], ()):
            if ent[0] == keys:
                return ent[1]
        return None


@functools.cache
def given_name_forms(name: str) -> frozenset[str]:
    """A given name and the formal names it is a short form of: "sue" -> {"sue", "susan"}.

    Read from the shipped nicknames list alone (a few KB), so the contact book can ask
    "are Sue and Susan the same first name?" without loading the detector's tables.
    """
    return frozenset({name}) | frozenset(_shipped_nicknames().get(name, ()))


@functools.cache
def _shipped_nicknames() -> dict[str, set[str]]:
    return _nicknames(_read_lines(shipped_gazetteers(), "nicknames.txt"))[1]


def _read_lines(folder: str, name: str) -> list[str]:
    try:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            raw = f.read()
    except OSError:
        return []
    return [ln for ln in raw.splitlines() if ln and not ln.startswith("#")]


def _read_words(folder: str, name: str) -> list[str]:
    """Whitespace-separated entries of a big list whose comments are a leading block."""
    try:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            raw = f.read()
    except OSError:
        return []
    while raw.startswith("#"):
        nl = raw.find("\n")
        raw = raw[nl + 1:] if nl >= 0 else ""
    return raw.split()


def _nicknames(lines: list[str]) -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """formal -> nicknames ("robert" -> ["bob", "rob"]) and nickname -> formal names."""
    nick: dict[str, list[str]] = {}
    nick_rev: dict[str, set[str]] = {}
    for ln in lines:
        parts = ln.split()
        if len(parts) >= 2:
            nick.setdefault(parts[0], []).extend(parts[1:])
            for p in parts[1:]:
                nick_rev.setdefault(p, set()).add(parts[0])
    return nick, nick_rev


def _organizations(data: WordLists, lines: list[str]) -> tuple[dict[str, list], frozenset]:
    """One line per organization: "~" marks an ambiguous one, "|" separates its short forms."""
    index: dict[str, list] = {}
    org_tokens: set[str] = set()
    for ln in lines:
        amb = ln.startswith("~")
        if amb:
            ln = ln[1:]
        names = [p.strip() for p in ln.split("|") if p.strip()]
        if not names:
            continue
        canonical = normalise_key(names[0])
        for n_i, name in enumerate(names):
            _add_org(index, org_tokens, name, canonical, amb, n_i == 0, data)
    # longest first; tuples, which the collector stops tracking (they hold only strings and numbers)
    frozen = {k: tuple(sorted(lst, key=lambda e: -len(e[0]))) for k, lst in index.items()}
    return frozen, frozenset(org_tokens)


def _org_flags(data: WordLists, name: str, keys: tuple, amb: bool, is_canon: bool) -> int:
    flags = 0
    single = len(keys) == 1
    k0 = keys[0]
    if not is_canon and name != name.lower():
        flags |= CASE_SENSITIVE
    if is_canon and single and name.isupper() and (len(k0) <= 3 or k0 in data.common
                                                    or k0 in data.stop or k0 in data.places
                                                    or k0 in PRONOUNS):
        flags |= CASE_SENSITIVE
    if amb:
        flags |= AMBIGUOUS
    if single:
        if k0 in data.software or k0 in data.stop:
            flags |= AMBIGUOUS | LOWER_NEEDS_CONTEXT | TOOL
        if k0 in data.common or k0 in data.fn or k0 in data.places or k0 in data.stop:
            flags |= AMBIGUOUS
        if k0 in data.sn and not (flags & CASE_SENSITIVE):
            flags |= AMBIGUOUS
        if len(k0) <= 2 and not (flags & CASE_SENSITIVE):
            flags |= LOWER_NEEDS_CONTEXT
    elif all(k in data.common or k in CONNECT for k in keys):
        flags |= AMBIGUOUS  # "waste management", "general assembly"
    return flags


def _add_org(index, org_tokens, name, canonical, amb, is_canon, data) -> None:
    toks = words(name)
    if not toks:
        return
    keys = tuple(map(token_key, toks))
    flags = _org_flags(data, name, keys, amb, is_canon)
    index.setdefault(keys[0], []).append((keys, canonical, flags, tuple(toks) if flags & CASE_SENSITIVE else None))
    org_tokens.update(keys)


# --------------------------------------------------------------------------- loading and the cache

_LOADED: dict = {}  # folder as given (None: the shipped lists) -> WordLists


def load_data(folder: str | os.PathLike | None = None) -> WordLists:
    """The word lists of ``folder`` (default: the shipped ones), loaded once per process."""
    data = _LOADED.get(folder)
    if data is None:
        path = os.fspath(folder) if folder is not None else shipped_gazetteers()
        data = _LOADED.get(path) or _load(path)
        _LOADED[path] = _LOADED[folder] = data
    return data


def _load(folder: str) -> WordLists:
    path, sig = _cache_file(folder)
    data = _load_cached(path, sig) if path else None
    if data is None:
        data = WordLists(folder)
        if path:
            _save_cached(path, sig, data)
    return data


def _cache_file(folder: str) -> tuple[str | None, str | None]:
    """(path, signature) of the processed-word-list cache, or (None, None)."""
    try:
        sig: list = [CACHE_FORMAT, sys.version_info[:2], str(folder)]
        for name in GAZETTEERS:
            st = os.stat(os.path.join(folder, name))
            sig.append((name, st.st_size, st.st_mtime_ns))
        for name in _CODE:
            st = os.stat(os.path.join(_PACKAGE, name))
            sig.append((name, st.st_size, st.st_mtime_ns))
        base = os.environ.get("NETBOOK_CACHE_DIR") or os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "netbook")
        text = repr(sig)
        digest = "%08x" % zlib.crc32(text.encode("utf-8"))  # the signature inside is compared too
        return os.path.join(base, f"detector-wordlists-{digest}.marshal"), text
    except Exception:  # noqa: BLE001 - no cache then
        return None, None


def _load_cached(path: str, sig: str) -> WordLists | None:
    try:
        with open(path, "rb") as f:
            raw = f.read()
        # some 100,000 new objects: without the collector running over them again and
        # again while they are made, loading takes about half the time
        collecting = gc.isenabled()
        gc.disable()
        try:
            blob = marshal.loads(raw)
        finally:
            if collecting:
                gc.enable()
        if blob[0] != sig:
            return None
        data = WordLists()
        for name, value in zip(WordLists.__slots__, blob[1], strict=True):
            setattr(data, name, value)
        return data
    except Exception:  # noqa: BLE001 - unreadable cache: rebuild
        return None


def _save_cached(path: str, sig: str, data: WordLists) -> None:
    tmp = "%s.%d.tmp" % (path, os.getpid())
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        blob = (sig, [getattr(data, name) for name in WordLists.__slots__])
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            marshal.dump(blob, f)
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - the cache is optional
        try:
            os.unlink(tmp)
        except OSError:
            pass
