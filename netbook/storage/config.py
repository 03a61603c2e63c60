"""User preferences from a TOML file in the user's config dir.

A bad file never stops netbook: the problem is reported in one line naming the file
and the defaults are used.
"""

from __future__ import annotations

import threading
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class FollowUpRules(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    thank_you_days: int = Field(1, ge=0)
    contact_lead_days: int = Field(3, ge=0)
    nudge_intro_days: int = Field(7, ge=0)
    close_loop_days: int = Field(2, ge=0)
    checkin_weeks: int = Field(4, ge=1)
    snooze_days: int = Field(3, ge=1)  # one key snoozes a follow-up this long


class Profile(BaseModel):
    """Who you are, for the drafts: they sign with it, a first message introduces you with the pitch."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    name: str = ""
    email: str = ""
    linkedin: str = ""  # your profile URL
    pitch: str = ""  # one line: who you are and what you are looking into
    signature: str = ""  # the sign-off above your name ("Best regards,"); empty: "Best regards,"


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    theme: str = "textual-dark"
    # None: the clock's closing notice scales with the meeting (netbook.domain.meeting_lifecycle.closing_notice_seconds)
    closing_notice_minutes: int | None = Field(None, ge=0)
    autosave_seconds: float = Field(0.5, gt=0, le=5)
    keymap: dict[str, str] = Field(default_factory=dict)  # binding id -> keys, e.g. "meeting.tag_person" = "ctrl+t"
    followups: FollowUpRules = Field(default_factory=FollowUpRules)
    profile: Profile = Field(default_factory=Profile)


def load_config(path: Path) -> tuple[Config, str | None]:
    """The config at ``path`` (defaults if absent) and a one-line problem, if any."""
    if not path.exists():
        return Config(), None
    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
        return Config.model_validate(raw), None
    except OSError as exc:
        return Config(), f"{path}: cannot be read ({exc.strerror}); using defaults"
    except tomllib.TOMLDecodeError as exc:
        return Config(), f"{path}: not valid TOML ({exc}); using defaults"
    except UnicodeDecodeError as exc:  # binary junk: TOML is UTF-8 text
        return Config(), f"{path}: not UTF-8 text (byte {exc.start}); using defaults"
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        return Config(), f"{path}: {loc}: {err['msg']}; using defaults"


# --------------------------------------------------------------------------- remembering the theme


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return _toml_string(str(value))


def _toml_string(text: str) -> str:
    """A TOML basic string: quote, backslash and control characters escaped, the rest (emoji too) as is.

    (A JSON string is not always one: JSON writes an emoji as two surrogate escapes, which TOML refuses.)
    """
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04X}" if not 0xD800 <= code <= 0xDFFF else "\\uFFFD")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _toml_key(key: str) -> str:
    import re

    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_value(key)


def dump_toml(data: dict) -> str:
    """The small TOML netbook's config needs: top-level scalars, then one level of tables."""
    lines = [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in data.items() if not isinstance(v, dict)]
    for name, table in data.items():
        if isinstance(table, dict):
            lines += ["", f"[{_toml_key(name)}]"]
            lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def _set_top_level(text: str, key: str, value: str) -> str:
    """``text`` with ``key = value`` set among the top-level keys; comments and order kept."""
    import re

    lines = text.splitlines(keepends=True)
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    first_table = len(lines)
    for i, line in enumerate(lines):
        if line.lstrip().startswith("["):
            first_table = i
            break
        if pattern.match(line):
            lines[i] = f"{key} = {_toml_value(value)}\n"
            return "".join(lines)
    if first_table and not lines[first_table - 1].endswith("\n"):
        lines[first_table - 1] += "\n"
    lines.insert(first_table, f"{key} = {_toml_value(value)}\n" + ("\n" if first_table < len(lines) else ""))
    return "".join(lines)


_WRITING = threading.Lock()


def _set_table(text: str, name: str, table: dict[str, object]) -> str:
    """``text`` with the ``[name]`` table's keys replaced by ``table``; other tables and comments kept."""
    import re

    lines = text.splitlines(keepends=True)
    header = re.compile(rf"^\s*\[\s*{re.escape(name)}\s*\]\s*(#.*)?$")
    body = [f"{_toml_key(k)} = {_toml_value(v)}\n" for k, v in table.items()]
    start = next((i for i, line in enumerate(lines) if header.match(line.rstrip("\n"))), None)
    if start is None:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        return "".join(lines) + ("\n" if lines else "") + f"[{name}]\n" + "".join(body)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")), len(lines))
    kept_blank = ["\n"] if end < len(lines) else []
    return "".join(lines[: start + 1] + body + kept_blank + lines[end:])


def _update_file(path: Path, what: str, key: str, value: object) -> str | None:
    """Set top-level ``key`` (a scalar, or a table given as a dict) in the config file, atomically (0600).

    Returns a one-line problem instead of raising. A file that is not valid TOML is left
    alone (the user may be editing it); a path that is not a regular file (``/dev/null``)
    is ignored. Comments and the order of the other keys are kept.
    """
    with _WRITING:  # the theme and the profile may be saved at once: one read-modify-write at a time
        return _update_locked(path, what, key, value)


def _update_locked(path: Path, what: str, key: str, value: object) -> str | None:
    from netbook.storage.files import OutputFileError, ensure_private_dir, write_output_file

    try:
        if path.exists() and not path.is_file():  # /dev/null (the tests' config), a FIFO: nothing to remember in
            return None
        try:
            text = path.read_text(encoding="utf-8") if path.exists() else ""
            before = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            return f"{path}: not valid TOML, so the {what} was not saved there"
        if isinstance(value, dict):
            new_text = _set_table(text, key, value)
        else:
            new_text = _set_top_level(text, key, str(value))
        try:
            after = tomllib.loads(new_text)
        except tomllib.TOMLDecodeError:
            after = None
        if after != {**before, key: value}:  # unusual layout: rewrite the whole (small) file
            new_text = dump_toml({key: value, **{k: v for k, v in before.items() if k != key}})
        ensure_private_dir(path.parent)
        write_output_file(path, [new_text])  # a symlinked config stays a symlink; its file keeps its mode
    except OutputFileError as exc:
        return f"{path}: could not save the {what} ({exc.problem})"
    except OSError as exc:
        return f"{path}: could not save the {what} ({exc.strerror or exc})"
    return None


def save_theme(path: Path, theme: str) -> str | None:
    """Write ``theme`` into the config file at ``path``, keeping every other key (see :func:`_update_file`)."""
    return _update_file(path, "theme", "theme", theme)


def save_profile(path: Path, profile: Profile) -> str | None:
    """Write the ``[profile]`` table into the config file at ``path``, keeping every other key."""
    return _update_file(path, "profile", "profile", profile.model_dump())
