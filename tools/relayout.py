"""The package layout move of issue 10, as a script: re-runnable, idempotent, by module name.

Run it from the repository root on a clean work tree::

    python tools/relayout.py            # move + rewrite, then print what it did
    python tools/relayout.py --check    # change nothing; exit 1 if anything is left to do
    python tools/relayout.py --splits-only   # only re-point imports of split symbols

What it does, in order:

1. ``git mv`` every module of :data:`MOVES` from its old path to its new one (a module
   already at its new path is left alone; one at both paths is an error), and creates the
   new packages' ``__init__.py`` (:data:`NEW_PACKAGES`).
2. Rewrites every reference in ``netbook/``, ``tests/``, ``benchmarks/``, ``tools/``,
   ``pyproject.toml`` and ``README.md``:

   * a moved module that finds files beside the package (``Path(__file__).parent``,
     ``os.path.dirname(__file__)``) goes up one folder more per folder it moved down;

   * ``import netbook.x [as y]``, ``from netbook.x import a, b``, ``from netbook import x``
     (kept under its old local name with ``as`` when the module was renamed, so the code
     using it is untouched) and relative imports (resolved against the file's old
     package, written back absolute);
   * names that left a module when it was split before the move (:data:`SPLITS`,
     :data:`RENAMED`): ``from netbook.tagging import MeetingMentions, name_at`` becomes one
     import per module they now live in;
   * every other dotted mention, in code, strings and comments alike
     (``"netbook.store.os.replace"`` as a monkeypatch target, ``netbook.store.Store`` in a
     docstring), and file paths (``netbook/store.py``) in prose.

   The one ambiguous name is ``netbook.storage``: the old module (atomic files, lock) and
   the new package. ``netbook.storage.NAME`` is re-pointed to ``netbook.storage.files``
   unless ``NAME`` is a module of the new package; a bare ``netbook.storage`` only while
   the old ``netbook/storage.py`` is still there (before the move).
3. Reports what it could not decide: modules left at the top of ``netbook/`` that no
   mapping names (add them with ``--map netbook.x=netbook.domain.x``, or to
   :data:`MOVES`), two modules with the same file name in different packages, and
   references it cannot rewrite (``from netbook import people`` of a module that was
   split up, imports sharing a line).

A second run finds nothing to do (``--check`` exits 0). The script never edits itself.
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

# old dotted module -> new dotted module (issue 10, step B)
MOVES: dict[str, str] = {
    # the domain: what netbook knows about meetings, people and follow-ups; never Textual, never files
    "netbook.models": "netbook.domain.models",
    "netbook.meetings": "netbook.domain.meeting_lifecycle",  # not a twin of screens/meeting.py
    "netbook.questions": "netbook.domain.question_bank",
    "netbook.checklist": "netbook.domain.closing_checklist",  # not a twin of screens/closing.py
    "netbook.wrapup": "netbook.domain.meeting_wrapup",  # not a twin of screens/summary.py
    "netbook.session": "netbook.domain.meeting_session",
    "netbook.drafts": "netbook.domain.drafts",
    "netbook.followups": "netbook.domain.followups",
    "netbook.export": "netbook.domain.export",
    "netbook.dates": "netbook.domain.dates",
    "netbook.display_text": "netbook.domain.display_text",
    "netbook.clock": "netbook.domain.clock",
    "netbook.jump": "netbook.domain.jump_targets",
    "netbook.demo": "netbook.domain.demo",
    "netbook.tagging": "netbook.domain.tagging",
    "netbook.fallback_tracker": "netbook.domain.fallback_tracker",
    "netbook.meeting_mentions": "netbook.domain.meeting_mentions",
    "netbook.mention_counter": "netbook.domain.mention_counter",
    "netbook.mention_records": "netbook.domain.mention_records",
    "netbook.contact_search": "netbook.domain.contact_search",  # the contact book (was people.py)
    "netbook.contact_references": "netbook.domain.contact_references",
    "netbook.contact_details": "netbook.domain.contact_details",
    "netbook.contact_editing": "netbook.domain.contact_editing",
    "netbook.contact_merge": "netbook.domain.contact_merge",
    # modules other branches add (a move whose old file is not there is skipped)
    "netbook.hiring": "netbook.domain.hiring",
    "netbook.note_search": "netbook.domain.note_text_index",  # beside screens/note_search.py: the index, not the screen
    "netbook.open_asks": "netbook.domain.pending_asks",  # beside screens/open_asks.py: the rule, not the screen
    "netbook.note_marks": "netbook.domain.note_marks",
    "netbook.contact_record": "netbook.domain.contact_record",
    "netbook.linkedin_url": "netbook.domain.linkedin_url",
    "netbook.profile_fields": "netbook.domain.profile_fields",
    # storage: the files in the data dir and the config dir
    "netbook.store": "netbook.storage.store",
    "netbook.storage": "netbook.storage.files",  # atomic writes, the data dir lock
    "netbook.journal": "netbook.storage.journal",  # if the journal has left store.py by then
    "netbook.migrations": "netbook.storage.migrations",
    "netbook.paths": "netbook.storage.paths",
    "netbook.config": "netbook.storage.config",
    "netbook.autosave": "netbook.storage.autosave",
    "netbook.resources": "netbook.storage.resources",
    "netbook.home_summary": "netbook.storage.home_cache",  # home.json, a cache beside the index; not a twin of screens/summary.py
}

# the packages the move creates, with their docstrings
NEW_PACKAGES: dict[str, str] = {
    "netbook.domain": "What netbook knows: meetings, questions, the closing checklist, people, follow-ups, "
                      "drafts, exports.\n\nPure Python, never Textual (checked by import-linter, see pyproject.toml).",
    "netbook.storage": "Where netbook keeps things: the data dir (store, journal, atomic files, lock, migrations), "
                       "the config file, the shipped data.\n\nNever Textual (checked by import-linter).",
}

# modules that stay at the top of netbook/ (the project promises them there)
STAYS = {"netbook", "netbook.__main__", "netbook.app", "netbook.cli"}

# names that left a module when it was split (issue 10, step A): old module -> {new module: names}
SPLITS: dict[str, dict[str, str]] = {
    "netbook.tagging": {
        "netbook.fallback_tracker": "SimpleMention FallbackTracker",
        "netbook.meeting_mentions": "Occurrence Change MeetingMentions _rank",
        "netbook.mention_counter": "QUOTE_MAX _COUNT_PAUSE_EVERY MentionCounter",
        "netbook.mention_records": "BookIds _words _the_one match_contact match_organization _part_of "
                                   "related_records persist_mentions",
    },
    "netbook.people": {
        "netbook.contact_search": "CONTACT ORGANIZATION fold SearchEntry SearchIndex contact_entry "
                                  "organization_entry likely_duplicates",
        "netbook.contact_references": "MentionRef _MeetingRefs ReferenceIndex _read_refs _REFERENCE_INDEXES "
                                      "reference_index",
        "netbook.contact_details": "STATUS_ORDER STATUS_LABELS met_contact_ids lead_status ReferralNode "
                                   "referral_tree ContactDetails contact_details OrganizationDetails "
                                   "organization_details relative_day",
        "netbook.contact_editing": "_EMAIL _PHONE _DATE email_problem phone_problem parse_day date_problem "
                                   "CONTACT_FIELDS contact_form_problems contact_form_values save_contact_form "
                                   "organization_form_problems split_aliases save_organization_form log_contact "
                                   "refresh_summaries_of",
        "netbook.contact_merge": "MergeResult _merge_aliases _merge_text _fill_extras _earliest _rewrite_meetings "
                                 "merge_contacts _merged_referrer merge_organizations",
    },
}

# names renamed in the split: (old module, old name) -> (new module, new name)
RENAMED: dict[tuple[str, str], tuple[str, str]] = {
    ("netbook.people", "_STATUS_ORDER"): ("netbook.contact_details", "STATUS_ORDER"),
}

PYTHON_ROOTS = ("netbook", "tests", "benchmarks", "tools")
TEXT_FILES = ("pyproject.toml", "README.md")
MAX_LINE = 110


class Layout:
    """The mapping for one run: module moves (plus ``--map`` extras) and split symbols."""

    def __init__(self, moves: dict[str, str], splits_only: bool = False) -> None:
        self.moves = {} if splits_only else dict(moves)
        self.symbols: dict[tuple[str, str], tuple[str, str]] = {}
        for old, parts in SPLITS.items():
            for new, names in parts.items():
                for name in names.split():
                    self.symbols[(old, name)] = (new, name)
        self.symbols.update(RENAMED)
        for (old, name), target in list(self.symbols.items()):
            if old in self.moves:  # the dotted pass may have re-pointed the module already
                self.symbols.setdefault((self.moves[old], name), target)
        # the old module at a new package's name (netbook.storage): bare references are
        # the old module only while its file is still there
        self.ambiguous = {old for old in self.moves if old in NEW_PACKAGES}
        self.old_layout = {old: module_path(old).exists() for old in self.ambiguous}
        self.package_children = {pkg: {new.rsplit(".", 1)[1] for new in self.moves.values()
                                       if new.rsplit(".", 1)[0] == pkg} for pkg in NEW_PACKAGES}

    def module(self, name: str) -> str:
        """The new name of module ``name`` (itself if it did not move)."""
        if name in self.ambiguous and not self.old_layout[name]:
            return name
        return self.moves.get(name, name)

    def symbol(self, module: str, name: str) -> tuple[str, str]:
        """(new module, new name) of ``module.name``, whether a symbol or a submodule."""
        module, name = self.symbols.get((module, name), (module, name))
        full = f"{module}.{name}"
        if module in NEW_PACKAGES and name in self.package_children[module]:
            return module, name  # already the new package's module (netbook.storage.store)
        if full in self.moves and not (full in self.ambiguous and not self.old_layout[full]):
            new = self.moves[full]
            return new.rsplit(".", 1)[0], new.rsplit(".", 1)[1]
        return self.moves.get(module, module), name


def module_path(dotted: str) -> Path:
    return Path(*dotted.split(".")).with_suffix(".py")


def package_of(dotted: str, path: Path) -> str:
    return dotted if path.name == "__init__.py" else dotted.rsplit(".", 1)[0]


# --------------------------------------------------------------------------- step 1: moves


def git(*args: str) -> str:
    return subprocess.run(["git", *args], check=True, capture_output=True, text=True).stdout


def move_modules(layout: Layout, dry: bool, log: list[str], moved: dict[Path, int]) -> dict[Path, str]:
    """``git mv`` old -> new; returns new path -> old dotted name (to resolve relative imports).

    ``moved`` gets each file moved in this run and how many folders deeper it now is.
    """
    origins: dict[Path, str] = {}
    for old, new in layout.moves.items():
        src, dst = module_path(old), module_path(new)
        if src.exists() and dst.exists():
            raise SystemExit(f"relayout: both {src} and {dst} exist; merge them by hand first")
        if src.exists():
            log.append(f"move {src} -> {dst}")
            if not dry:
                dst.parent.mkdir(parents=True, exist_ok=True)
                git("mv", str(src), str(dst))
                moved[dst] = len(dst.parts) - len(src.parts)
        if dst.exists() or (dry and src.exists()):
            origins[dst] = old
    for package, doc in NEW_PACKAGES.items():
        init = Path(*package.split(".")) / "__init__.py"
        if not init.exists():
            log.append(f"create {init}")
            if not dry:
                init.parent.mkdir(parents=True, exist_ok=True)
                init.write_text(f'"""{doc}\n"""\n', encoding="utf-8")
                git("add", str(init))
    return origins


# --------------------------------------------------------------------------- step 2: imports


def format_from(indent: str, module: str, names: list[str]) -> str:
    one = f"{indent}from {module} import {', '.join(names)}"
    if len(one) <= MAX_LINE or len(names) == 1:
        return one + "\n"
    return f"{indent}from {module} import (\n" + "".join(f"{indent}    {n},\n" for n in names) + f"{indent})\n"


def rewrite_from(node: ast.ImportFrom, module: str, layout: Layout) -> list[tuple[str, list[str]]] | None:
    """The statements ``node`` becomes, as (module, ["name", "name as alias"]); None: unchanged."""
    out: dict[str, list[str]] = {}
    changed = node.level > 0
    for alias in node.names:
        new_module, new_name = layout.symbol(module, alias.name)
        local = alias.asname or alias.name
        if (new_module, new_name) != (module, alias.name):
            changed = True
        out.setdefault(new_module, []).append(new_name if local == new_name else f"{new_name} as {local}")
    return sorted(out.items()) if changed else None


def absolute(node: ast.ImportFrom, package: str) -> str:
    if node.level == 0:
        return node.module or ""
    base = package.split(".")
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def rewrite_imports(text: str, package: str, layout: Layout, where: str, warn: list[str]) -> str:
    try:
        tree = ast.parse(text)
    except SyntaxError as err:
        warn.append(f"{where}: not parsed ({err}); imports left as they are")
        return text
    lines = text.splitlines(keepends=True)
    edits: list[tuple[int, int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = absolute(node, package)
            if not (module == "netbook" or module.startswith("netbook.")):
                continue
            for alias in node.names:
                full = f"{module}.{alias.name}"
                if full in SPLITS and module_path(full).exists() is False and full not in layout.moves:
                    warn.append(f"{where}:{node.lineno}: `from {module} import {alias.name}`: "
                                f"{full} was split up; import the names from their new modules")
            statements = rewrite_from(node, module, layout)
            if statements is None:
                continue
            new_text = "".join(format_from(" " * node.col_offset, m, names) for m, names in statements)
        elif isinstance(node, ast.Import):
            parts = []
            changed = False
            for alias in node.names:
                new = layout.module(alias.name)
                changed |= new != alias.name
                parts.append(new + (f" as {alias.asname}" if alias.asname else ""))
            if not changed:
                continue
            new_text = " " * node.col_offset + "import " + ", ".join(parts) + "\n"
        else:
            continue
        first, last = node.lineno, node.end_lineno or node.lineno
        original = "".join(lines[first - 1:last])
        if original.strip().count("\n") != last - first or ";" in original.split("#")[0]:
            warn.append(f"{where}:{first}: an import sharing its line with other code; rewrite it by hand")
            continue
        comments = re.findall(r"#.*", original)
        if comments:
            new_text = new_text.rstrip("\n") + "  " + "  ".join(comments) + "\n"
        edits.append((first, last, new_text))
    for first, last, new_text in sorted(edits, reverse=True):
        lines[first - 1:last] = [new_text]
    return "".join(lines)


def top_import_block(text: str) -> list[ast.ImportFrom]:
    """The module's first contiguous run of top-level ``from netbook... import`` statements."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    block: list[ast.ImportFrom] = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("netbook") and node.level == 0:
            if block and node.lineno != block[-1].end_lineno + 1:
                break
            block.append(node)
        elif block:
            break
    return block


def block_sorted(text: str) -> bool:
    modules = [node.module for node in top_import_block(text)]
    return len(modules) > 1 and modules == sorted(modules)


def sort_netbook_imports(text: str) -> str:
    """Sort the module's top block of ``from netbook... import`` statements."""
    block = top_import_block(text)
    lines = text.splitlines(keepends=True)
    if len(block) < 2:
        return text
    pieces = ["".join(lines[n.lineno - 1:n.end_lineno]) for n in block]
    merged = "".join(sorted(pieces, key=lambda p: p.split(" import ")[0]))
    lines[block[0].lineno - 1:block[-1].end_lineno] = [merged]
    return "".join(lines)


# --------------------------------------------------------------------------- step 2: dotted names and paths


def dotted_patterns(layout: Layout) -> list[tuple[re.Pattern[str], object]]:
    """(regex, replacement) for every old dotted name and file path, longest names first."""
    out: list[tuple[re.Pattern[str], object]] = []
    for (old, name), (new, new_name) in sorted(layout.symbols.items(), key=lambda kv: -len(kv[0][0])):
        target = f"{layout.module(new)}.{new_name}"
        out.append((re.compile(rf"(?<![\w.]){re.escape(old)}\.{re.escape(name)}\b"), target))
    for old in sorted(layout.moves, key=len, reverse=True):
        new = layout.moves[old]
        if old in layout.ambiguous:
            children = "|".join(sorted(layout.package_children[old]))
            out.append((re.compile(rf"(?<![\w.]){re.escape(old)}(?=\.(?!(?:{children})\b)\w)"), new))
            if layout.old_layout[old]:
                out.append((re.compile(rf"(?<![\w.]){re.escape(old)}(?![\w.])"), new))
        else:
            out.append((re.compile(rf"(?<![\w.]){re.escape(old)}(?![\w])"), new))
        old_path, new_path = module_path(old).as_posix(), module_path(new).as_posix()
        out.append((re.compile(rf"(?<![\w/.]){re.escape(old_path)}(?![\w])"), new_path))
    return out


def rewrite_dotted(text: str, patterns: list[tuple[re.Pattern[str], object]]) -> str:
    for pattern, replacement in patterns:
        text = pattern.sub(str(replacement), text)
    return text


_FILE_PARENT = re.compile(r"(Path\(__file__\)(?:\.resolve\(\)|\.absolute\(\))?)\.parent(?!\w)")
_FILE_DIRNAME = re.compile(r"os\.path\.dirname\((os\.path\.(?:abspath|realpath)\(__file__\)|__file__)\)")


def rebase_file_paths(text: str, deeper: int, where: str, warn: list[str]) -> str:
    """A module moved ``deeper`` folders down finds the files beside the package the same way:
    ``Path(__file__).parent`` -> ``.parent.parent``, ``os.path.dirname(__file__)`` twice."""
    if deeper <= 0 or "__file__" not in text:
        return text
    text, n = _FILE_PARENT.subn(lambda m: m.group(1) + ".parent" * (deeper + 1), text)
    for _ in range(deeper):
        text, k = _FILE_DIRNAME.subn(lambda m: f"os.path.dirname(os.path.dirname({m.group(1)}))", text)
        n += k
    others = text.count("__file__") - n
    if others > 0:
        warn.append(f"{where}: uses __file__ in a way the script does not rebase; check it by hand")
    return text


# --------------------------------------------------------------------------- step 3: what is left


def python_files() -> Iterable[Path]:
    me = Path(__file__).resolve()
    for root in PYTHON_ROOTS:
        for path in sorted(Path(root).rglob("*.py")):
            if path.resolve() != me and "__snapshots__" not in path.parts:
                yield path


def dotted_name(path: Path) -> str:
    parts = list(path.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def leftovers(layout: Layout) -> list[str]:
    notes = []
    for path in sorted(Path("netbook").glob("*.py")):
        name = dotted_name(path)
        if name not in STAYS:
            notes.append(f"{path}: no mapping names it, left in place (add --map {name}=netbook.domain.X or "
                         f"netbook.storage.X, or add it to MOVES)")
    seen: dict[str, Path] = {}
    for path in sorted(Path("netbook").rglob("*.py")):
        if path.name in ("__init__.py", "__main__.py"):
            continue
        if path.name in seen:
            notes.append(f"{path} and {seen[path.name]}: the same module name in two packages")
        seen.setdefault(path.name, path)
    return notes


def run(layout: Layout, dry: bool) -> tuple[list[str], list[str]]:
    log: list[str] = []
    warn: list[str] = []
    moved: dict[Path, int] = {}
    origins = move_modules(layout, dry, log, moved) if layout.moves else {}
    reverse = {new: old for old, new in layout.moves.items()}
    patterns = dotted_patterns(layout)
    for path in python_files():
        if dry and path in {module_path(o) for o in layout.moves}:
            current = dotted_name(path)  # not moved yet
        else:
            current = origins.get(path) or reverse.get(dotted_name(path)) or dotted_name(path)
        text = path.read_text(encoding="utf-8")
        # dotted names first (so `from netbook.store import X` is already right), then the
        # import statements the text alone cannot decide: `from netbook import x`, relative
        # imports, split symbols
        new = rebase_file_paths(text, moved.get(path, 0), str(path), warn)
        new = rewrite_dotted(new, patterns)
        new = rewrite_imports(new, package_of(current, path), layout, str(path), warn)
        if new != text and block_sorted(text):
            new = sort_netbook_imports(new)  # keep a sorted block sorted; never reorder one that was not
        if new != text:
            log.append(f"rewrite {path}")
            if not dry:
                path.write_text(new, encoding="utf-8")
    for name in TEXT_FILES:
        path = Path(name)
        if path.exists():
            text = path.read_text(encoding="utf-8")
            new = rewrite_dotted(text, patterns)
            if new != text:
                log.append(f"rewrite {path}")
                if not dry:
                    path.write_text(new, encoding="utf-8")
    if not dry and layout.moves:
        warn += leftovers(layout)
    return log, warn


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if anything is left to do")
    parser.add_argument("--splits-only", action="store_true", help="only re-point imports of split symbols")
    parser.add_argument("--map", action="append", default=[], metavar="OLD=NEW",
                        help="one more module move, e.g. netbook.planning=netbook.domain.planning")
    args = parser.parse_args(argv)
    if not (Path("pyproject.toml").is_file() and Path("netbook/__init__.py").is_file()):
        print("relayout: run me from the repository root (pyproject.toml, netbook/)", file=sys.stderr)
        return 2
    moves = dict(MOVES)
    for item in args.map:
        old, _, new = item.partition("=")
        if not (old.startswith("netbook.") and new.startswith("netbook.")):
            print(f"relayout: --map {item}: expected netbook.OLD=netbook.NEW", file=sys.stderr)
            return 2
        moves[old] = new
    layout = Layout(moves, splits_only=args.splits_only)
    log, warn = run(layout, dry=args.check)
    for line in log:
        print(line)
    for line in warn:
        print(f"warning: {line}", file=sys.stderr)
    if args.check:
        print("relayout: nothing to do" if not log else f"relayout: {len(log)} step(s) to do")
        return 1 if log else 0
    print(f"relayout: {len(log)} step(s) done" if log else "relayout: nothing to do")
    return 0


if __name__ == "__main__":
    sys.exit(main())
