"""Scalars, flow lists and text blocks for fastyaml, with libyaml's exact meaning.

Each reader either returns what yamlio's event builder would build from the
same text or raises GiveUp; it never guesses.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import yaml

from interview.bank.yamlvalues import SAFE_LOADER, YList

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_SAFE_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("int", "float", "bool", "null", "timestamp")
)
# First characters that make a plain scalar something else (or an error).
INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = re.compile(r"[\[\]{}#&*!|>'\"%@`:?\t]")
# A literal block's first text line: leading empty lines, then its indentation.
_BLOCK_START = re.compile(r"(\n*)( +)(?=[^ \t\n])")


class GiveUp(Exception):
    """The text uses YAML outside the subset fastyaml reads."""


@cache
def _short_line(width: int) -> re.Pattern[str]:
    """A line (after its newline) that is neither empty nor indented by `width`."""
    return re.compile("\\n(?!" + " " * width + "|\\n|\\Z)")


class Scalars:
    """Reads one-line values and blocks; remembers what it has resolved."""

    def __init__(self, resolvers: dict[Any, Any]) -> None:
        self.resolvers = resolvers
        # A plain scalar starting with none of these is text, and needs no resolving.
        self.special_first = INDICATORS | set(resolvers) | {" ", ""}
        self.good_keys: set[str] = set()
        self.resolved: dict[str, Any] = {}
        self.flows: dict[str, tuple[Any, ...]] = {}
        self.loader: Any = None  # made only if a value needs a YAML constructor

    def good_key(self, key: str) -> bool:
        """True if a plain key resolves to text (`yes:` or `1:` do not)."""
        if self.tag_of(key) != _STR:
            return False
        self.good_keys.add(key)
        return True

    def inline(self, value: str, line: int) -> Any:
        """A value on the same line as its key or dash: a flow list or a scalar."""
        first = value[0]
        if first == "[":
            return self.flow(value, line)
        if first in "\"'" and len(value) > 1 and value[-1] == first:
            inner = value[1:-1]  # a quoted one-line scalar without escapes is its text
            if first not in inner and "\\" not in inner and "\t" not in inner:
                return inner
            raise GiveUp
        if first in INDICATORS or ": " in value or " #" in value or "\t" in value \
                or value[-1] == ":":
            raise GiveUp
        return self.plain(value)

    def flow(self, value: str, line: int) -> YList:
        """A one-line flow sequence of plain scalars: `[a, b]`."""
        items = self.flows.get(value)
        if items is None:
            items = self.flows[value] = self.flow_items(value)
        result = YList.__new__(YList)
        result.line = line
        result.extend(items)
        result.item_lines = [line] * len(items)
        return result

    def flow_items(self, value: str) -> tuple[Any, ...]:
        inner = value[1:-1]
        if value[-1] != "]" or _FLOW_UNSAFE.search(inner):
            raise GiveUp
        if not inner.strip(" "):
            return ()
        items = []
        for part in inner.split(","):
            item = part.strip(" ")
            if not item or item[0] in INDICATORS:
                raise GiveUp
            items.append(self.plain(item))
        return tuple(items)

    def text_items(self, result: YList, items: list[str], chunk: str) -> bool:
        """Add one-line `- text` items (`chunk` is their lines) at once; False if one
        needs a closer look."""
        if not self.plain_texts(items, chunk):
            return False
        result.extend(items)
        result.item_lines.extend(range(result.line, result.line + len(items)))
        return True

    def plain_texts(self, items: list[str], chunk: str) -> bool:
        """True if each of `items` (the `- text` lines `chunk`) is plain text, as it stands."""
        if ": " in chunk or " #" in chunk or "\t" in chunk or ":\n" in chunk \
                or " \n" in chunk or not chunk or chunk[-1] in " :":
            return False
        special = self.special_first
        for item in items:
            first = item[:1]
            if first in special and (not first or first in INDICATORS
                                     or not isinstance(self.plain(item), str)):
                return False
        return True

    def literal(self, under: str, indent: int) -> str:
        """The text of a `|` block scalar of a key at column `indent`, from the lines under it."""
        start = _BLOCK_START.match(under)
        if start is None:
            raise GiveUp
        width = start.end(2) - start.start(2)
        if width <= indent:
            raise GiveUp  # an empty block: rare enough to leave to libyaml
        body = "\n" + under[start.start(2):-1]  # each line after a newline
        if _short_line(width).search(body):
            raise GiveUp  # a line indented less than the first: not ours to judge
        dedented = body.replace("\n" + " " * width, "\n")
        return start.group(1) + dedented[1:].rstrip("\n") + "\n"

    def tag_of(self, value: str) -> str:
        """The tag libyaml's resolver gives a plain scalar, as the event builder asks it."""
        for tag, pattern in self.resolvers.get(value[0], ()):
            if pattern.match(value):
                return str(tag)
        return _STR

    def plain(self, value: str) -> Any:
        """A plain scalar's value: the text itself, or what its resolved tag makes of it."""
        if value[0] not in self.resolvers:
            return value
        try:
            return self.resolved[value]
        except KeyError:
            found = self.resolved[value] = self.construct(value)
            return found

    def construct(self, value: str) -> Any:
        tag = self.tag_of(value)
        if tag == _STR:
            return value
        if tag == _INT and value.isascii() and value.isdigit() and value[0] != "0" \
                and len(value) < 19:
            return int(value)
        if tag not in _SAFE_SCALAR_TAGS:
            raise GiveUp
        if self.loader is None:
            self.loader = SAFE_LOADER("")
        try:
            return self.loader.yaml_constructors[tag](self.loader, yaml.ScalarNode(tag, value))
        except Exception as exc:  # the general reader reports it
            raise GiveUp from exc
