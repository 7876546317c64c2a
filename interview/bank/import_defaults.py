"""What `bank import` assumes unless told: small constants the CLI shows in
its help, kept apart from the importer so listing commands does not load it."""

from __future__ import annotations

DEFAULT_KIND = "technical"
DEFAULT_LEVELS = ("senior",)
MAX_MEGABYTES: float = 20  # the largest file (in MB) imported unless the caller raises it
