"""User preferences from a TOML file in the user's config dir.

A bad file never stops netbook: the problem is reported in one line naming the file
and the defaults are used.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class FollowUpRules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    thank_you_days: int = Field(1, ge=0)
    contact_lead_days: int = Field(3, ge=0)
    nudge_intro_days: int = Field(7, ge=0)
    close_loop_days: int = Field(2, ge=0)
    checkin_weeks: int = Field(4, ge=1)


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    theme: str = "textual-dark"
    closing_notice_minutes: int = Field(5, ge=0)
    autosave_seconds: float = Field(0.5, gt=0, le=5)
    keymap: dict[str, str] = Field(default_factory=dict)  # binding id -> keys, e.g. "meeting.tag_person" = "ctrl+t"
    followups: FollowUpRules = Field(default_factory=FollowUpRules)


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
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        return Config(), f"{path}: {loc}: {err['msg']}; using defaults"
