"""A fast reader for the plain block YAML that bank files are written in.

Bank files use a small, regular part of YAML: block mappings and sequences
indented with spaces, one-line plain or quoted scalars, one-line flow lists of
plain words (`[a, b]`) and literal block scalars (`|`). This reads that subset
a whole field at a time (a key with every line under it, a run of `- text`
items, a block of text), cutting the text where a key or a `- ` starts with
string searches instead of looking at each line in Python, several times
faster than building values from libyaml's events. It
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
_KEY = r"([A-Za-z_][A-Za-z0-9_-]{0,200}):(?: +([^\n]*)|(?=\n|\Z))"
_KEY_START = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,200}:(?: |$)")
_SKIPPED_LINES = re.compile(r"(?:[ ]*+(?:#[^\n]*)?\n)*")  # blank lines and comment lines
_INDENT = re.compile(r" *")
_PRINTABLE_ASCII = bytes([9, 10, *range(0x20, 0x7F)])
# Characters libyaml refuses, reads as line breaks (NEL, LS, PS), or a stray BOM.
_ODD_TEXT = re.compile(
    "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_MAX_DEPTH = 32


def read_simple(text: str) -> YMap | None:
    """The file's root mapping if `text` is plain block YAML, else None."""
    if not text.endswith("\n") or not plain_characters(text):
        return None
    resolvers = SAFE_LOADER.yaml_implicit_resolvers
    if None in resolvers:  # someone added a resolver for every first character
        return None
    skipped = _SKIPPED_LINES.match(text)
    assert skipped is not None  # it matches the empty string at least
    if skipped.end() == len(text):
        return None  # no data: the general reader says so
    line = 1 + text.count("\n", 0, skipped.end())
    try:
        return _Reader(Scalars(resolvers)).mapping(text[skipped.end():], 0, line, 0)
    except GiveUp:
        return None


def plain_characters(text: str) -> bool:
    if text.isascii():  # bytes.translate is ten times faster than a regex here
        return not text.encode("ascii").translate(None, _PRINTABLE_ASCII)
    return _ODD_TEXT.search(text) is None


@cache
def _keys(indent: int) -> re.Pattern[str]:
    """Splits a mapping at column `indent` into (key, value on its line, lines under it).

    Only this mapping's keys start with a letter at that column and a colon
    after a word: text blocks and values under a key are indented further,
    and an indentless sequence's lines start with `-`. Anything else at the
    column ends up among the lines under a key, which are all checked.
    """
    return re.compile("\n" + " " * indent + _KEY)


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


def _only_skipped(lines: str) -> bool:
    """True if `lines` (a newline ends each) are all blank or comments."""
    if not lines.strip("\n"):
        return True
    found = _SKIPPED_LINES.match(lines)
    return found is not None and found.end() == len(lines)


class _Reader:
    def __init__(self, scalars: Scalars) -> None:
        self.scalars = scalars

    def mapping(self, text: str, indent: int, line: int, depth: int) -> YMap:
        """The block mapping, keys at column `indent`, that is all of `text` (from `line`).

        `text` starts with its first key and ends with a newline.
        """
        if depth > _MAX_DEPTH:
            raise GiveUp
        scalars = self.scalars
        special_first, good_keys = scalars.special_first, scalars.good_keys
        result = _new_map(line)
        key_lines = result.key_lines
        parts = _keys(indent).split("\n" + text[:-1])
        if parts[0]:
            raise GiveUp  # it does not start with a key at this column
        fields = iter(parts)
        next(fields)
        # `under` is "" or the lines under the key, each after a newline.
        for key, value, under in zip(fields, fields, fields, strict=True):
            if key in result:
                raise GiveUp  # a repeated key: the general reader reports it
            if key not in good_keys and not scalars.good_key(key):
                raise GiveUp
            key_lines[key] = line
            if not value:
                result[key] = self.nested(under, indent, line + 1, depth) if under else None
            else:
                if value[-1] == " ":
                    value = value.rstrip(" ")
                if value == "|":
                    result[key] = scalars.literal(under[1:] + "\n", indent)
                elif under and not _only_skipped(under[1:] + "\n"):
                    raise GiveUp  # lines under a one-line value: a continued scalar...
                elif value[0] not in special_first and ": " not in value \
                        and " #" not in value and "\t" not in value and value[-1] != ":":
                    result[key] = value  # the common case, inlined: plain text
                else:
                    result[key] = scalars.inline(value, line)
            line += 1
            if under:
                line += under.count("\n")
        return result

    def nested(self, under: str, indent: int, line: int, depth: int) -> YMap | YList | None:
        """The value of `key:` at column `indent`: the lines `under` it, each after a newline."""
        lines = under[1:] + "\n"
        skipped = _SKIPPED_LINES.match(lines)
        assert skipped is not None  # it matches the empty string at least
        start = skipped.end()
        if start == len(lines):
            return None  # only blank and comment lines: `key:` is null
        found = _INDENT.match(lines, start)
        assert found is not None
        at = found.end() - start
        line += lines.count("\n", 0, start)
        if lines.startswith("-", found.end()):
            if at < indent:
                raise GiveUp  # a sequence may share its key's column, not go left of it
            return self.sequence(lines[start:], at, line, depth + 1)
        if at <= indent:
            raise GiveUp
        return self.mapping(lines[start:], at, line, depth + 1)

    def sequence(self, text: str, indent: int, line: int, depth: int) -> YList:
        """The block sequence, dashes at column `indent`, that is all of `text` (from `line`)."""
        if depth > _MAX_DEPTH:
            raise GiveUp
        result = _new_list(line)
        core = text.rstrip("\n")
        entries = f"\n{core}".split("\n" + " " * indent + "- ")
        if entries[0]:
            raise GiveUp  # it does not start with a `- ` line
        del entries[0]
        if core.count("\n") == len(entries) - 1 and self.scalars.text_items(result, entries, core):
            return result  # one line each, all plain text
        # An entry is its `- ` line and the lines under it; anything else in
        # it (a line indented too little, say) makes its reading give up.
        for entry in entries:
            first, _, under = entry.partition("\n")
            rest = first.lstrip(" ")
            below = f"{under}\n" if under else ""
            result.item_lines.append(line)
            if _KEY_START.match(rest):  # `- key: ...` starts a mapping
                column = indent + 2 + len(first) - len(rest)
                result.append(self.mapping(f"{' ' * column}{rest}\n{below}", column, line,
                                           depth + 1))
            elif not rest or rest == "|" or not _only_skipped(below):
                raise GiveUp  # an entry on the following lines, a block, a continued scalar
            else:
                result.append(self.scalars.inline(rest.rstrip(" "), line))
            line += 1 + entry.count("\n")
        return result
