"""The bank's YAML parser: yaml-rs reads a file's values (YAML 1.2, in Rust).

Chosen by measurement on the same 48 MB, 10,000-question bank (gc off, this
machine): yaml-rs 460 ms to Python values; PyYAML's libyaml CSafeLoader
2,600 ms; rapidyaml parses in 140 ms but leaves a tree whose every node
Python must then visit (1,000 ms just to reach the values, every scalar
still untyped). See benchmarks/bank_bench.py.

It gives values, not lines. A file it refuses, or one that may hold a tag
(which yaml-rs would drop without a word), is left to the line-numbered
reader (yamlio), which says what is wrong and where. Duplicate keys are
refused, and alias expansion is bounded by the file's size as yamlio bounds
it. An alias inside its own anchor, which yamlio refuses, yaml-rs reads as
null: a question's field then fails validation (or, where a field may be
absent, reads as absent), so the file is explained or the value ignored.
Several documents come back as a list of them, which no bank file's root may
be, so such a file fails validation and the careful reader explains it.
"""

from __future__ import annotations

import re
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from typing import Any, NamedTuple

import yaml_rs

from interview.safetext import control_characters

# A `!` followed by what a tag could hold (`!=` in code is not one).
_BANG = re.compile(r"![^\s=]")
# What may come before a tag on its line: the start of a node.
_BEFORE_TAG = re.compile(r"(?:^[ \t]*(?:-[ \t]+)*|.*:[ \t]+|.*[\[{,][ \t]*)\Z", re.DOTALL)
# Every byte of plain ASCII text but the control characters: what a value
# can hold without a warning, which leaves little else to search.
_PLAIN_ASCII = bytes([0x09, 0x0A, *range(0x20, 0x7F)])
_UNCAUGHT = (KeyboardInterrupt, SystemExit, GeneratorExit)
# A plain scalar YAML 1.2 may read as other than text: a number (a digit, a
# sign, a dot or, to yaml-rs, an underscore first), null, true or false, or
# nothing at all.
_MAY_BE_TYPED = re.compile(r"[-+._0-9]|(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE)?\Z")


class Values(NamedTuple):
    root: Any  # the document's value: dicts, lists and scalars
    controls: bool  # whether any string in it may hold a control character


def read_values(text: str) -> Values | None:
    """The values of a one-document YAML file, or None when the careful
    reader must read it (yaml-rs refuses it, or it may hold a tag)."""
    return read_values_soon(text).result()


def read_values_soon(text: str) -> Future[Values | None]:
    """read_values, begun on the parser thread: yaml-rs lets go of the GIL
    while it parses, so the caller can validate another file meanwhile."""
    return _parser().submit(_read_values, text)


@cache
def _parser() -> ThreadPoolExecutor:
    """The one thread every yaml-rs call runs on.

    yaml-rs 0.1.6 crashes (a NULL read in its native code) when it is called
    from a thread after another thread that called it has ended, as asyncio's
    and Textual's worker threads do: tests/tui/test_home_screen.py crashed on
    every run that way. A thread that lives as long as the process never ends
    while yaml-rs is in use.
    """
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="yaml-rs")


def _read_values(text: str) -> Values | None:
    if _may_hold_a_tag(text):
        return None
    limits = yaml_rs.AliasLimits(max_total_replayed_events=len(text) + 1000)
    try:
        root = yaml_rs.loads(text, parse_datetime=False, alias_limits=limits,
                             duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
    except BaseException as exc:  # a Rust panic arrives as a BaseException
        if isinstance(exc, _UNCAUGHT):
            raise
        return None
    return Values(root, _may_hold_controls(text))


def plain_scalar(text: str) -> Any:
    """What a plain scalar written as `text` is (a str, int, float, bool or
    None), as read_values reads it: the line-numbered reader asks this for
    each plain scalar it meets. Raises ValueError if it cannot be built."""
    if not _MAY_BE_TYPED.match(text):
        return text  # most plain scalars: words, which need no trip to the parser
    return _parser().submit(_typed, text).result()


def _typed(text: str) -> Any:
    try:
        value = yaml_rs.loads(text, parse_datetime=False)
    except yaml_rs.YAMLDecodeError:
        return text
    return text if isinstance(value, dict | list) else value


def _may_hold_controls(text: str) -> bool:
    """True if some value may hold a control or invisible character: the text
    has one, or a backslash (an escape in a double-quoted scalar can make one).
    Searching only what is left once plain ASCII is taken out is ten times
    quicker than searching the whole text."""
    if "\\" in text:
        return True
    rest = text.encode("utf-8", "surrogatepass").translate(None, _PLAIN_ASCII)
    return bool(control_characters(rest.decode("utf-8", "surrogatepass")))


def _may_hold_a_tag(text: str) -> bool:
    """True if a `!` stands where a tag could begin: first on a line (after
    `- `), after `key: `, or in a flow list or mapping. Prose or code with one
    there in a block scalar says True too; that file is only read carefully."""
    for found in _BANG.finditer(text):
        start = text.rfind("\n", 0, found.start()) + 1
        if _BEFORE_TAG.match(text, start, found.start()):
            return True
    return False
