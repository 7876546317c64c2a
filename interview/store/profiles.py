"""Who is practising: a profile is a candidate name."""

from __future__ import annotations

import getpass

FALLBACK_PROFILE = "me"


def default_profile() -> str:
    """The OS login name, or a neutral name where there is none (containers)."""
    try:
        name = getpass.getuser()
    except Exception:  # getpass raises OSError or KeyError depending on the platform
        return FALLBACK_PROFILE
    return name.strip() or FALLBACK_PROFILE
