"""The quickest path for a question file in the house layout: text to Questions in one pass.

Files written the way questions/*.yaml are (keys in the usual order, `[a, b]`
lists, block lists of `- text`, `|` blocks, no comments inside questions) are
matched one question at a time by one regular expression, and each question is
validated as it is read, without building the YMap/YList values the general
path builds and then walks. The result is exactly the general path's: the
same Questions, in order, and no problems.

A file with anything else in it (another key order, a comment or a quoted
value inside a question, a question that is not valid...) returns None; the
general path then reads it, and reports its problems with their lines.
"""

from __future__ import annotations

import re
from functools import cache

from interview.bank.fastscalars import INDICATORS, GiveUp, Scalars
from interview.bank.fastyaml import plain_characters
from interview.bank.fields import SLUG
from interview.bank.model import CODING, Question, Rubric
from interview.bank.taxonomy import Taxonomy
from interview.bank.yamlvalues import SAFE_LOADER

# The rest of a line; _Reader.text checks that it is plain text.
_TEXT = r"[^\n]*"
_FLOW = r"\[[^\n\[\]{}#&*!|>'\"%@`:?]*\]"
_KEY = r"[A-Za-z_][A-Za-z0-9_-]{0,200}"
_SKIPPED = r"(?:[ ]*(?:#[^\n]*)?\n)*"
_HEAD = re.compile(rf"{_SKIPPED}(?:competency: ({_TEXT})\n{_SKIPPED})?questions:\n( *)- ")


def _block(name: str, indent: int) -> str:
    """A `|` block: its leading empty lines, first line's indentation, and text."""
    return (rf"(?P<{name}_lead>\n*)(?P<{name}_width> {{{indent + 1},}})(?=[^ \t\n])"
            rf"(?P<{name}>[^\n]*\n(?:\n|(?P={name}_width)[^\n]*\n)*)")


def _items(indent: int) -> str:
    return rf"(?: {{{indent}}}- [^\n]*\n)+"


@cache
def _question(column: int) -> re.Pattern[str]:
    """One question of the `questions` list, from just after its `- `, keys in house order."""
    k = " " * (column + 2)
    return re.compile(
        rf"id: (?P<id>{_TEXT})\n"
        rf"{k}title: (?P<title>{_TEXT})\n"
        rf"{k}kind: (?P<kind>{_TEXT})\n"
        rf"{k}roles: (?P<roles>{_FLOW})\n"
        rf"{k}levels: (?P<levels>{_FLOW})\n"
        rf"(?:{k}competency: (?P<competency>{_TEXT})\n)?"
        rf"(?:{k}also: (?P<also>{_FLOW})\n)?"
        rf"{k}minutes: (?P<minutes>[1-9][0-9]{{0,8}})\n"
        rf"{k}prompt: \|\n{_block('prompt', column + 2)}"
        rf"(?:{k}hints:\n(?P<hints>{_items(column + 4)}))?"
        rf"(?:{k}follow_ups:\n(?P<follow_ups>{_items(column + 4)}))?"
        rf"(?:{k}rubric:\n"
        rf"{k}  signals:\n(?P<signals>{_items(column + 6)})"
        rf"(?:{k}  red_flags:\n(?P<red_flags>{_items(column + 6)}))?"
        rf"(?:{k}  by_level:\n(?P<by_level>(?:{k}    {_KEY}: {_TEXT}\n)+))?"
        rf"(?:{k}  below_bar: (?P<below_bar>{_TEXT})\n)?"
        rf")?"
        rf"(?:{k}outline: \|\n{_block('outline', column + 2)})?"
        rf"(?:{k}tags: (?P<tags>{_FLOW})\n)?"
        rf"(?:{k}draft: (?P<draft>true|false)\n)?"
        r"\n*"
    )


class _NotQuick(Exception):
    """This question (so this file) is for the general path."""


def read_question_file(text: str, source: str, taxonomy: Taxonomy) -> list[Question] | None:
    """Every question in `text` if it is a valid file in the house layout, else None."""
    head = _HEAD.match(text)
    resolvers = SAFE_LOADER.yaml_implicit_resolvers
    if head is None or not text.endswith("\n") or None in resolvers \
            or not plain_characters(text):
        return None
    reader = _Reader(Scalars(resolvers), taxonomy, source, len(head.group(2)))
    start = head.start(2)
    try:
        default = reader.choice(head.group(1), taxonomy.competencies) if head.group(1) else ""
        return reader.questions(text, start, text.count("\n", 0, start) + 1, default)
    except (_NotQuick, GiveUp):
        return None


class _Reader:
    def __init__(self, scalars: Scalars, taxonomy: Taxonomy, source: str, column: int) -> None:
        self.scalars = scalars
        self.taxonomy = taxonomy
        self.source = source
        self.column = column
        self.pattern = _question(column)
        self.entry_start = " " * column + "- "
        self.flows: dict[str, tuple[str, ...]] = {}  # lists repeat: read each once
        self.chosen: dict[tuple[str, int], tuple[str, ...]] = {}

    def questions(self, text: str, position: int, line: int, default: str) -> list[Question]:
        """The questions from `position`, each at its `- ` (first at `line`)."""
        match, start, end = self.pattern.match, self.entry_start, len(text)
        found: list[Question] = []
        while position < end:
            if not text.startswith(start, position):
                raise _NotQuick
            entry = match(text, position + len(start))
            if entry is None:
                raise _NotQuick
            found.append(self.question(entry, default, line))
            line += text.count("\n", position, entry.end())
            position = entry.end()
        if not found:
            raise _NotQuick
        return found

    def question(self, entry: re.Match[str], default: str, line: int) -> Question:
        taxonomy = self.taxonomy
        qid = self.text(entry["id"])
        if not SLUG.match(qid) or entry["kind"] == CODING:  # exercises: the general path
            raise _NotQuick
        roles = self.choices(entry["roles"], taxonomy.roles, required=True)
        levels = self.choices(entry["levels"], taxonomy.levels, required=True)
        given = entry["competency"]
        competency = self.choice(given, taxonomy.competencies) if given else default
        also = self.choices(entry["also"], taxonomy.competencies) if entry["also"] else ()
        if not competency or competency in also:
            raise _NotQuick
        draft = entry["draft"] == "true"
        rubric = None
        if entry["signals"] is not None:
            rubric = Rubric(self.items(entry["signals"], 6, required=True),
                            self.items(entry["red_flags"], 6),
                            self.by_level(entry["by_level"], levels),
                            self.text(entry["below_bar"]) if entry["below_bar"] else "")
        elif not draft:
            raise _NotQuick  # no rubric: only a draft may leave it out
        return Question(
            qid, self.text(entry["title"]), self.choice(entry["kind"], taxonomy.kinds),
            roles, levels, competency, int(entry["minutes"]),
            self.block(entry["prompt"], entry["prompt_width"]), also,
            self.items(entry["hints"], 4), self.items(entry["follow_ups"], 4), rubric,
            self.block(entry["outline"], entry["outline_width"]) if entry["outline"] else "",
            self.texts(entry["tags"]) if entry["tags"] else (), draft, self.source, line,
        )

    def text(self, value: str) -> str:
        """Plain one-line text that reads as text (not `yes` or `~`), stripped, non-empty.

        Plain means: no indicator or space first, no ": " or " #" (a comment),
        no tab, no space or colon last (see fastscalars for the rules).
        """
        if not value or ": " in value or " #" in value or "\t" in value \
                or value[-1] in " :":
            raise _NotQuick
        if value[0] in self.scalars.special_first and (
                value[0] in INDICATORS or not isinstance(self.scalars.plain(value), str)):
            raise _NotQuick
        value = value.strip()
        if not value:
            raise _NotQuick
        return value

    def choice(self, value: str, allowed: dict[str, str]) -> str:
        value = self.text(value)
        if value not in allowed:
            raise _NotQuick
        return value

    def texts(self, flow: str) -> tuple[str, ...]:
        """The items of an `[a, b]` list: each text, stripped, non-empty."""
        items = self.flows.get(flow)
        if items is None:
            values = self.scalars.flow_items(flow)
            try:
                items = tuple([value.strip() for value in values])  # only text has .strip()
            except AttributeError as exc:
                raise _NotQuick from exc
            if "" in items:
                raise _NotQuick
            self.flows[flow] = items
        return items

    def choices(self, flow: str, allowed: dict[str, str], *,
                required: bool = False) -> tuple[str, ...]:
        """The items of an `[a, b]` list, each in `allowed`, none twice."""
        known = self.chosen.get((flow, id(allowed)))
        if known is not None:
            return known
        items = self.texts(flow)
        if required and not items:
            raise _NotQuick
        for index, item in enumerate(items):
            if item not in allowed or item in items[:index]:
                raise _NotQuick
        self.chosen[flow, id(allowed)] = items
        return items

    def items(self, lines: str | None, indent: int, *, required: bool = False) -> tuple[str, ...]:
        """The items of a block list of `- text` lines at the question's column + `indent`."""
        if lines is None:
            if required:
                raise _NotQuick
            return ()
        column = self.column + indent
        chunk = lines[:-1]
        items = chunk[column + 2:].split("\n" + " " * column + "- ")
        if not self.scalars.plain_texts(items, chunk):
            raise _NotQuick
        stripped = tuple([item.strip() for item in items])
        if "" in stripped:
            raise _NotQuick
        return stripped

    def block(self, text: str, width: str) -> str:
        """A `|` block's text (its first line's indentation already taken off), stripped."""
        value = text.replace("\n" + width, "\n").strip()
        if not value:
            raise _NotQuick
        return value

    def by_level(self, lines: str | None, levels: tuple[str, ...]) -> dict[str, str]:
        found: dict[str, str] = {}
        if lines is None:
            return found
        indent = self.column + 6
        for row in lines[:-1].split("\n"):
            level, _, value = row[indent:].partition(": ")
            if level in found or level not in levels or level not in self.taxonomy.levels \
                    or (level not in self.scalars.good_keys and not self.scalars.good_key(level)):
                raise _NotQuick
            found[level] = self.text(value)
        return found

