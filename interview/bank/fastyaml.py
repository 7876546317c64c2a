"""A fast reader for the plain block YAML that bank files are written in.

Bank files use a small, regular part of YAML: block mappings and sequences
indented with spaces, one-line plain or quoted scalars, one-line flow lists of
plain words (`[a, b]`) and literal block scalars (`|`). This reads that subset
a whole field at a time (a key with every line under it, a run of `- text`
items, a block of text), letting regular expressions do the per-line work,
several times faster than building values from libyaml's events in Python. It
returns exactly what yamlio's event builder returns for the same text: equal
YMap and YList values with the same key and item lines.

Anything outside the subset (anchors, aliases, tags, escapes, trailing
comments, folded or indicated block scalars, multi-line plain scalars, tabs
outside block text, irregular indentation, a repeated key, a key or value that
resolves to something it must not) makes it give up and return None; the
caller then reads the file the general way, which also reports every problem.
So this never reports anything and only has to be right about what it accepts.
"""

from __future__ import annotations

import re
from functools import cache

from interview.bank.fastscalars import GiveUp, Scalars
from interview.bank.yamlvalues import SAFE_LOADER, YList, YMap

# A key (libyaml reads a simple key of at most 1024 characters; stay well
# inside that) and the rest of its line.
_KEY = r"([A-Za-z_][A-Za-z0-9_-]{0,200}):(?: +([^\n]*)|)\n"
_KEY_START = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,200}:(?: |$)")
_SKIPPED = r"(?:[ ]*+(?:#[^\n]*)?\n)"  # a blank line or a comment line
_SKIPPED_LINES = re.compile(_SKIPPED + "*")
_INDENT = re.compile(r" *")
_PRINTABLE_ASCII = bytes([9, 10, *range(0x20, 0x7F)])
# Characters libyaml refuses, reads as line breaks (NEL, LS, PS), or a stray BOM.
_ODD_TEXT = re.compile(
    "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_MAX_DEPTH = 32


def read_simple(text: str) -> YMap | None:
    """The file's root mapping if `text` is plain block YAML, else None."""
    if not text.endswith("\n") or not _plain_characters(text):
        return None
    resolvers = SAFE_LOADER.yaml_implicit_resolvers
    if None in resolvers:  # someone added a resolver for every first character
        return None
    try:
        return _Reader(Scalars(resolvers)).mapping(text, 0, 1, 0)
    except GiveUp:
        return None


def _plain_characters(text: str) -> bool:
    if text.isascii():  # bytes.translate is ten times faster than a regex here
        return not text.encode("ascii").translate(None, _PRINTABLE_ASCII)
    return _ODD_TEXT.search(text) is None


@cache
def _fields(indent: int) -> re.Pattern[str]:
    """Splits a mapping with its keys at column `indent` into fields.

    Each match is one of:
    - a key with a `|` block under it: the blank and comment lines before the
      key, the key, the block's leading empty lines, its first line's
      indentation, and its text (the lines with that indentation, or empty);
    - any other key: the lines before it, the key, the rest of its line, and
      every line under it (blank lines, lines indented further, and `-` lines
      at the same column: an indentless sequence);
    - blank and comment lines after the last key;
    - any other line, which the mapping may not hold.
    """
    key = rf"({_SKIPPED}*) {{{indent}}}([A-Za-z_][A-Za-z0-9_-]{{0,200}}):"
    block = rf"{key} +\| *\n(\n*)( {{{indent + 1},}})(?=[^ \t\n])([^\n]*\n(?:\n|\4[^\n]*\n)*)"
    under = rf"((?:\n| {{{indent + 1}}}[^\n]*\n| {{{indent}}}-(?: [^\n]*)?\n)*)"
    return re.compile(rf"{block}|{key}(?: +([^\n]*)|)\n{under}|({_SKIPPED}+)|([^\n]*\n)")


@cache
def _text_items(indent: int) -> re.Pattern[str]:
    """Nothing but `- text` lines at column `indent`, and blank lines after them."""
    return re.compile(rf"(?: {{{indent}}}- (?=[^ \n])[^\n]*\n)+\n*")


def _new_map(line: int) -> YMap:
    mapping = YMap.__new__(YMap)  # YMap(line) without a Python-level __init__ call
    mapping.line = line
    mapping.key_lines = {}
    return mapping


def _new_list(line: int) -> YList:
    sequence = YList.__new__(YList)
    sequence.line = line
    sequence.item_lines = []
    return sequence


class _Reader:
    def __init__(self, scalars: Scalars) -> None:
        self.scalars = scalars

    def mapping(self, text: str, indent: int, line: int, depth: int) -> YMap:
        """The block mapping, keys at column `indent`, that is all of `text` (from `line`)."""
        if depth > _MAX_DEPTH:
            raise GiveUp
        scalars = self.scalars
        special_first = scalars.special_first
        result = _new_map(line)
        for (skipped, key, leading, spaces, block, skipped_too, other_key, value, under,
             trailing, other) in _fields(indent).findall(text):
            if other:
                raise GiveUp  # not a key at this column
            if trailing:
                line += trailing.count("\n")
                continue
            if not key:
                skipped, key = skipped_too, other_key
            if skipped:
                line += skipped.count("\n")
            if not result.key_lines:
                result.line = line
            elif key in result:
                raise GiveUp  # a repeated key: the general reader reports it
            if key not in scalars.good_keys and not scalars.good_key(key):
                raise GiveUp
            result.key_lines[key] = line
            if spaces:  # a literal block, already cut out: remove its indentation
                text_lines = block.replace("\n" + spaces, "\n").rstrip("\n")
                result[key] = f"{leading}{text_lines}\n"
                line += 1 + len(leading) + block.count("\n")
                continue
            below = under.count("\n")
            if not value:
                result[key] = self.nested(under, indent, line + 1, depth) if below else None
            else:
                if value[-1] == " ":
                    value = value.rstrip(" ")
                if len(under) != below and value != "|":
                    raise GiveUp  # lines under a one-line value: a continued scalar...
                if value[0] not in special_first and ": " not in value and " #" not in value \
                        and "\t" not in value and value[-1] != ":":
                    result[key] = value  # the common case, inlined: plain text
                elif value == "|":
                    result[key] = scalars.literal(under, indent)
                else:
                    result[key] = scalars.inline(value, line)
            line += 1 + below
        if not result.key_lines:
            raise GiveUp  # no keys: the general reader says what this is
        return result

    def nested(self, under: str, indent: int, line: int, depth: int) -> YMap | YList | None:
        """The value of `key:` at column `indent`, from the lines `under` it."""
        skipped = _SKIPPED_LINES.match(under)
        assert skipped is not None  # it matches the empty string at least
        start = skipped.end()
        if start == len(under):
            return None  # only blank and comment lines: `key:` is null
        found = _INDENT.match(under, start)
        assert found is not None
        at = found.end() - start
        line += under.count("\n", 0, start)
        if under.startswith("-", found.end()):
            return self.sequence(under[start:], at, line, depth + 1)
        return self.mapping(under[start:], at, line, depth + 1)

    def sequence(self, text: str, indent: int, line: int, depth: int) -> YList:
        """The block sequence, dashes at column `indent`, that is all of `text` (from `line`)."""
        if depth > _MAX_DEPTH:
            raise GiveUp
        result = _new_list(line)
        if _text_items(indent).fullmatch(text) and self.scalars.text_items(
                result, text[indent + 2:].rstrip("\n"), indent):
            return result
        # Split at every `- ` line at this column. A line in an entry that is
        # neither under it nor blank or a comment makes that entry's reading give up.
        entries = ("\n" + text[:-1]).split("\n" + " " * indent + "- ")
        if entries[0]:
            raise GiveUp  # it does not start with a `- ` line
        for entry in entries[1:]:
            first, _, under = entry.partition("\n")
            rest = first.lstrip(" ")
            column = indent + 2 + len(first) - len(rest)
            result.item_lines.append(line)
            if _KEY_START.match(rest):  # `- key: ...` starts a mapping
                entry_text = f"{' ' * column}{rest}\n{under}\n" if under else \
                    f"{' ' * column}{rest}\n"
                result.append(self.mapping(entry_text, column, line, depth + 1))
            elif not rest or rest == "|" or under.strip("\n"):
                raise GiveUp  # an entry on the following lines, a block, a continued scalar
            else:
                result.append(self.scalars.inline(rest.rstrip(" "), line))
            line += 1 + entry.count("\n")
        return result
