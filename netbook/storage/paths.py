"""Where the user's data and configuration live."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "netbook"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` wins, then ``NETBOOK_HOME``, then the platform's user data dir."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("NETBOOK_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_config_file(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--config`` wins, then ``NETBOOK_CONFIG``, then config.toml in the user config dir."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("NETBOOK_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def resolve_cache_dir() -> Path:
    """``NETBOOK_CACHE_DIR``, else the platform's user cache dir (rescued notes go in its rescue/)."""
    env = os.environ.get("NETBOOK_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def rescue_folders() -> list[Path]:
    """Where notes that could not be saved in the data dir are written, in order of preference:
    the cache dir, then the temp dir (often another disk than a full one)."""
    import tempfile

    return [resolve_cache_dir() / "rescue", Path(tempfile.gettempdir())]
