"""Typed field readers for bank and plan mappings.

Each reader returns the value (or a default) and records a Problem naming the
file, line, item and field when the value is missing or of the wrong shape, so
one pass over a file reports every problem in it.

The values are plain dicts, lists and scalars. Their lines come from `lines`:
the same mapping as read by the line-numbered reader (a YMap, which is also a
dict, so a YMap can be read and located at once). Without it every problem is
at line 0: the bank's fast path reads values without lines and, if anything is
wrong, reads the file again for them (see questions.py).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from interview.bank.problems import Problem
from interview.bank.yamlvalues import YList, YMap
from interview.safetext import control_characters

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MOST = 10_000  # the largest whole number a field (minutes, a count) may hold


@dataclass
class FieldReader:
    """Reads fields of one mapping (a question, a plan, a round...)."""

    file: str
    item: str
    mapping: Mapping[str, Any]
    prefix: str = ""
    problems: list[Problem] = field(default_factory=list)
    lines: YMap | None = None  # where each key was written; defaults to `mapping` if a YMap
    # False when no value can hold a control character (the fast path knows
    # that from the file's text), which spares a search of every value.
    controls: bool = True

    def __post_init__(self) -> None:
        if self.lines is None and isinstance(self.mapping, YMap):
            self.lines = self.mapping

    @property
    def line(self) -> int:
        """The mapping's own line (0 when lines are unknown)."""
        return self.lines.line if self.lines is not None else 0

    def line_of(self, key: str) -> int:
        return self.lines.line_of(key) if self.lines is not None else 0

    def item_line(self, key: str, index: int) -> int:
        """The line of item `index` of the list under `key`."""
        found = self.lines.get(key) if self.lines is not None else None
        return found.line_of(index) if isinstance(found, YList) else self.line_of(key)

    def path(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def report(self, key: str, message: str, line: int | None = None) -> None:
        where = line if line is not None else self.line_of(key)
        self.problems.append(Problem(self.file, where, self.item, self.path(key), message))

    def reject_unknown(self, allowed: Collection[str]) -> None:
        for key in self.mapping:
            if key not in allowed:
                hint = _closest(key, allowed)
                suffix = f" (did you mean {hint!r}?)" if hint else ""
                self.report(key, f"unknown field{suffix}")

    def text(self, key: str, *, required: bool = True) -> str:
        value = self.mapping.get(key)
        if value is None:
            if required:
                self.report(key, "required field is missing")
            return ""
        stripped = value.strip() if isinstance(value, str) else ""
        if not stripped:
            self.report(key, "must be non-empty text")
            return ""
        if self.controls:
            self._warn_controls(key, value)
        return stripped

    def _warn_controls(self, key: str, value: str, line: int | None = None) -> None:
        """Control characters are shown visibly, never sent to a terminal; the
        author should know they are there (a paste from a terminal, or worse)."""
        found = control_characters(value) if self.controls else None
        if found:
            names = ", ".join(dict.fromkeys(found))
            where = line if line is not None else self.line_of(key)
            self.problems.append(Problem(
                self.file, where, self.item, self.path(key),
                f"contains {len(found)} control or invisible character(s) ({names}); the "
                "app shows them as symbols: remove them", "warning"))

    def slug(self, key: str) -> str:
        value = self.text(key)
        if value and not SLUG.match(value):
            self.report(key, f"{value!r} must be a lowercase slug (letters, digits, hyphens)")
            return ""
        return value

    def positive_int(self, key: str, *, required: bool = True) -> int:
        value = self.mapping.get(key)
        if value is None:
            if required:
                self.report(key, "required field is missing")
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            self.report(key, f"must be a positive whole number, not {_shown(value)}")
            return 0
        if value > MOST:  # no interview lasts a week; nor can a 5,000-digit number be shown
            self.report(key, f"must be at most {MOST:,}, not {_shown(value)}")
            return 0
        return value

    def flag(self, key: str) -> bool:
        value = self.mapping.get(key, False)
        if not isinstance(value, bool):
            self.report(key, "must be true or false")
            return False
        return value

    def text_list(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        value = self.mapping.get(key)
        if value is None:
            if required:
                self.report(key, "required field is missing")
            return ()
        if not isinstance(value, list):
            self.report(key, "must be a list")
            return ()
        stripped = [item.strip() for item in value if isinstance(item, str)]
        if value and len(stripped) == len(value) and all(stripped) and not self.controls:
            return tuple(stripped)  # the usual case: every item is text
        items: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.report(f"{key}[{index}]", "must be non-empty text",
                            self.item_line(key, index))
                continue
            self._warn_controls(f"{key}[{index}]", item, self.item_line(key, index))
            items.append(item.strip())
        if required and not items and not value:
            self.report(key, "must not be empty")
        return tuple(items)

    def choice(self, key: str, allowed: dict[str, str], what: str, *, required: bool = True) -> str:
        value = self.text(key, required=required)
        if value and value not in allowed:
            self.report(key, _not_in(value, allowed, what))
            return ""
        return sys.intern(value)  # one string for every question's copy (and in the cache)

    def choices(self, key: str, allowed: dict[str, str], what: str, *, required: bool) -> tuple[
        str, ...
    ]:
        raw = self.mapping.get(key)
        if isinstance(raw, list) and raw and not self.controls:  # the usual case: all fine
            stripped = tuple(sys.intern(item.strip()) for item in raw if isinstance(item, str))
            if len(stripped) == len(raw) and len(set(stripped)) == len(raw) and \
                    all(item in allowed for item in stripped):
                return stripped
        self.text_list(key, required=required)  # reports a missing or misshapen list
        items = raw if isinstance(raw, list) else []
        good: list[str] = []
        # Walk the raw list, not text_list's result: after an item that is not
        # text, the indices (and so the reported field and line) would shift.
        for index, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                continue  # already reported by text_list
            value = item.strip()
            if value not in allowed:
                self.report(f"{key}[{index}]", _not_in(value, allowed, what),
                            self.item_line(key, index))
            elif value in good:
                self.report(f"{key}[{index}]", f"{value!r} is listed twice",
                            self.item_line(key, index))
            else:
                good.append(sys.intern(value))
        return tuple(good)

    def child(self, key: str, item: Any = None) -> FieldReader | None:
        """A reader for a nested mapping, or None (with a problem) if it is not one."""
        value = self.mapping.get(key) if item is None else item
        if not isinstance(value, dict):
            self.report(key, "must be a mapping")
            return None
        lines = None
        if self.lines is not None and item is None:
            found = self.lines.get(key)
            # A shape the line reader saw differently still gets the key's line.
            lines = found if isinstance(found, YMap) else YMap(self.line_of(key))
        return FieldReader(self.file, self.item, value, self.path(key), self.problems, lines,
                           self.controls)


def _shown(value: object) -> str:
    """A short repr of a value in a message (a nested list can be thousands deep)."""
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "a mapping"
    if isinstance(value, int) and abs(value) > 10**18:
        return "a number that large"  # str() of one of 5,000 digits raises
    return repr(value)[:60]


def _not_in(value: str, allowed: dict[str, str], what: str) -> str:
    hint = _closest(value, allowed)
    suffix = f"; did you mean {hint!r}?" if hint else ""
    return f"{value!r} is not a {what} in the taxonomy{suffix}"


def _closest(value: str, allowed: Collection[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(value, list(allowed), n=1, cutoff=0.75)
    return matches[0] if matches else None
