"""Where the app keeps its files. Small and import-light: used on start-up."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "interview"
FALLBACK_PROFILE = "me"


def home_dir() -> Path:
    """The user's data directory; `INTERVIEW_HOME` overrides it (tests do)."""
    override = os.environ.get("INTERVIEW_HOME")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    override = os.environ.get("INTERVIEW_HOME")
    if override:
        return Path(override).expanduser() / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def default_profile() -> str:
    """Whose practice this is by default: the OS login name, or a neutral
    name where there is none (some containers)."""
    import getpass

    try:
        name = getpass.getuser()
    except Exception:  # getpass raises OSError or KeyError depending on the platform
        return FALLBACK_PROFILE
    return name.strip() or FALLBACK_PROFILE
