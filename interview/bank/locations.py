"""Where the bundled bank and plans live, and which bank is active."""

from __future__ import annotations

import os
from pathlib import Path

TAXONOMY_FILE = "taxonomy.yaml"
_PACKAGE = Path(__file__).resolve().parent.parent


def _bundled(name: str) -> Path:
    # A wheel carries the data inside the package (hatch force-include);
    # a checkout or editable install reads it from the repository root.
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def bundled_bank_dir() -> Path:
    return _bundled("questions")


def bundled_plans_dir() -> Path:
    return _bundled("sessions")


def active_bank_dir(explicit: Path | None = None) -> Path:
    """`--bank DIR`, else `INTERVIEW_BANK`, else the bundled bank."""
    if explicit is not None:
        return explicit
    from_env = os.environ.get("INTERVIEW_BANK")
    return Path(from_env).expanduser() if from_env else bundled_bank_dir()


def active_plans_dir(explicit: Path | None = None) -> Path:
    """`--plans DIR`, else `INTERVIEW_PLANS`, else the bundled plans."""
    if explicit is not None:
        return explicit
    from_env = os.environ.get("INTERVIEW_PLANS")
    return Path(from_env).expanduser() if from_env else bundled_plans_dir()


def user_plans_dir() -> Path:
    """Where plans you write are kept when no plans directory is given."""
    from interview.config import home_dir

    return home_dir() / "plans"


def plan_dirs(explicit: Path | None = None) -> list[Path]:
    """The directories plans are read from: `--plans DIR` (or INTERVIEW_PLANS)
    alone, else the shipped plans and, once it exists, your own directory."""
    if explicit is not None or os.environ.get("INTERVIEW_PLANS"):
        return [active_plans_dir(explicit)]
    own = user_plans_dir()
    return [bundled_plans_dir(), *([own] if own.is_dir() else [])]


def plan_save_dir(explicit: Path | None = None) -> Path:
    """Where the plan editor saves: the plans directory given, else your own;
    never the shipped plans."""
    if explicit is not None or os.environ.get("INTERVIEW_PLANS"):
        return active_plans_dir(explicit)
    return user_plans_dir()


def taxonomy_path_for(directory: Path) -> Path:
    """A directory with its own taxonomy.yaml uses it; others use the bundled one."""
    own = directory / TAXONOMY_FILE
    return own if own.is_file() else bundled_bank_dir() / TAXONOMY_FILE


def yaml_files(directory: Path) -> list[Path]:
    found = [*directory.glob("*.yaml"), *directory.glob("*.yml")]
    return sorted(p for p in found if p.name != TAXONOMY_FILE and p.is_file())
