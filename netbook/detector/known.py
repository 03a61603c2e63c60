"""What the detector is told and what it has learnt: the :class:`Context` of one detection.

Known people and organizations (the contact book and the names the user tagged) become
lookup tables of token keys; the document pass installs its alias tables here too
("susan" -> "susan smith", "valley" -> "valley health system").
"""

from __future__ import annotations

from collections.abc import Iterable

from netbook.detector.cues import CONNECT, ORG_STRONG, ORG_WEAK, PARTICLES
from netbook.detector.tokens import token_key, words
from netbook.detector.vocabulary import normalise_key
from netbook.detector.wordlists import WordLists, load_data

NO_KEYS: frozenset = frozenset()


class Context:
    """Known lists plus the document's alias tables, read by every rule of the line pass."""

    __slots__ = ("data", "known_person_full", "known_person_alias", "known_org_index",
                 "known_org_alias", "doc_person_alias", "doc_org_alias", "org_known_keys", "all_keys", "rule_tables")

    def __init__(self, data: WordLists, known_people: Iterable[str] = (), known_companies: Iterable[str] = ()):
        self.data = data
        # first token key -> [(token keys, key)] ("Last, First" too); alias key -> key
        self.known_person_full: dict[str, list] = {}
        self.known_person_alias: dict[str, str] = {}
        self.known_org_index: dict[str, list] = {}
        self.known_org_alias: dict[str, str] = {}
        self.org_known_keys: dict[str, str] = {}  # gazetteer canonical key -> the user's key for it
        self.doc_person_alias: dict[str, str] = {}
        self.doc_org_alias: dict[str, str] = {}
        self.all_keys: frozenset = NO_KEYS
        self.rule_tables: dict = {}  # see netbook.detector.word_rules.rule_table
        for name in known_people or ():
            self._add_known_person(name)
        for name in known_companies or ():
            self._add_known_org(name)
        self.all_keys = frozenset(set(self.known_person_alias) | set(self.known_org_alias)
                                  | set(self.known_person_full) | set(self.known_org_index))

    def set_doc(self, person_alias: dict[str, str], org_alias: dict[str, str]) -> None:
        """Install the document alias tables (the dicts are shared, not copied)."""
        self.doc_person_alias = person_alias
        self.doc_org_alias = org_alias
        self.rule_tables.clear()

    def _add_known_person(self, name: str) -> None:
        toks = words(name)
        if not toks:
            return
        keys = tuple(token_key(t) for t in toks)
        key = normalise_key(name)
        alias = self.known_person_alias
        self.known_person_full.setdefault(keys[0], []).append((keys, key))
        if len(keys) >= 2:  # "Last, First"
            self.known_person_full.setdefault(keys[-1], []).append(((keys[-1], ",", keys[0]), key))
        for k in keys:
            if k in PARTICLES or len(k) < 2:
                continue
            alias.setdefault(k, key)
            for part in k.split("-"):
                if len(part) >= 2 and part not in PARTICLES:
                    alias.setdefault(part, key)
        first = keys[0]
        nick = self.data.nick
        for nk in nick.get(first, ()):
            alias.setdefault(nk, key)
        for formal in self.data.nick_rev.get(first, ()):
            alias.setdefault(formal, key)
        if len(keys) >= 2:
            alias.setdefault("\0" + initials(toks), key)
            # first name + last initial ("stan o")
            alias.setdefault(first + " " + keys[-1][0], key)
            for nk in nick.get(first, ()):
                alias.setdefault(nk + " " + keys[-1][0], key)

    def _add_known_org(self, name: str) -> None:
        toks = words(name)
        if not toks:
            return
        keys = tuple(token_key(t) for t in toks)
        key = normalise_key(name)
        alias = self.known_org_alias
        self.known_org_index.setdefault(keys[0], []).append((keys, key))
        self.org_known_keys[key] = key
        for k in keys:
            if k in CONNECT or k in ORG_STRONG or k in ORG_WEAK:
                continue
            if len(k) >= 3:
                alias.setdefault(k, key)
            if "-" in k:
                for part in k.split("-"):
                    if len(part) >= 3:
                        alias.setdefault(part, key)
        content_words = [t for t, k in zip(toks, keys) if k not in CONNECT]
        if len(content_words) >= 3:
            alias.setdefault("\0" + "".join(w[0] for w in content_words).upper(), key)
        # the gazetteer entry this known name is written as, if any
        canonical = self.data.org_key_of(keys)
        if canonical is not None:
            self.org_known_keys[canonical] = key


def initials(names: list[str]) -> str:
    """First + last initials, each hyphen/dot part of the first name counting:
    "Jean-Pierre Lafleur" -> "JPL", "Susan Smith" -> "SS"."""
    first = names[0].replace(".", " ").replace("-", " ").split()
    return ("".join(p[0] for p in first if p) + names[-1][0]).upper()


def initial_aliases(names: tuple[str, ...] | list[str]) -> list[str]:
    """"Jean-Pierre" -> "JP"; "R.J. Mendel" -> "RJ", "RJM"."""
    out = []
    parts = [p for p in names[0].replace(".", " ").replace("-", " ").split() if p]
    if len(parts) >= 2:
        out.append("".join(p[0] for p in parts).upper())
    if len(names) >= 2 and names[-1][:1].isalpha():
        out.append(("".join(p[0] for p in parts) + names[-1][0]).upper())
    return out


def clean_names(names) -> list[str]:
    """The usable strings of a caller's name list (anything else is ignored, never an error)."""
    out = []
    try:
        for n in names or ():
            if isinstance(n, str) and n.strip() and len(n) < 200:
                out.append(n)
    except TypeError:
        pass
    return out


def make_context(known_people, known_companies) -> Context:
    return Context(load_data(), clean_names(known_people), clean_names(known_companies))
