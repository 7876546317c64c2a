"""Reading bank YAML safely, keeping the line of every key and list item.

We read the event stream of PyYAML's C parser and build values ourselves
instead of using a constructor or the composer: no tag can execute code,
aliases cannot expand without bound, nesting depth is capped before anything
recurses (libyaml's composer recurses in C and a file of 100,000 `[` would
overflow the stack), and every mapping remembers the line each key was
written on, so validation errors can name it.

Plans and the taxonomy are read here. Question files are read by fastread,
and come here only to be explained, or when fastread cannot read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from interview.bank.fastread import plain_scalar
from interview.bank.problems import Problem
from interview.bank.yamlvalues import SAFE_LOADER, YList, YMap

__all__ = ["Document", "YList", "YMap", "decode_text", "parse_document", "parse_events",
           "parse_text", "read_document", "read_text"]

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_SAFE_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("int", "float", "bool", "null", "timestamp")
)
_MAX_DEPTH = 64
_UNICODE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"),
)
_EXPANSION = "aliases expand to far more data than the file holds; refusing to expand"
_TOO_DEEP = f"nesting is deeper than {_MAX_DEPTH} levels"


class _Refused(Exception):
    """The file cannot be used at all (bomb, loop, depth, broken anchors)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


_NO_KEY: Any = object()  # an open mapping waiting for its next key


class _Open:
    """A mapping or sequence whose end event has not arrived yet."""

    __slots__ = ("anchor", "key", "key_line", "path", "spent", "value")

    def __init__(self, value: YMap | YList, path: str, anchor: str | None, spent: int) -> None:
        self.value = value
        self.path = path
        self.anchor = anchor
        self.spent = spent  # budget used before it opened, to size its anchor
        self.key: Any = _NO_KEY
        self.key_line = 0


class _Builder:
    """Turns parser events into YMap/YList/scalars with an explicit stack."""

    def __init__(self, loader: Any, file: str, budget: int) -> None:
        self.loader = loader
        self.file = file
        # Without aliases a document has fewer nodes than characters; anything
        # past that is alias expansion, which is how "billion laughs" files blow up.
        self.budget = budget
        self.spent = 0
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[Any, int] | None] = {}  # None: still open
        self.problems: list[Problem] = []
        self.documents = 0

    def problem(self, line: int, path: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, "-", path or "-", message))

    def run(self) -> Any:
        root: Any = None
        get_event = self.loader.get_event
        while True:
            event = get_event()
            kind = type(event)
            if kind is yaml.StreamEndEvent or event is None:
                return root
            if kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    raise _Refused(event.start_mark.line + 1, "invalid YAML: expected a single "
                                   "document in the file, found another one")
                continue
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self.open(event, kind is yaml.MappingStartEvent)
                continue
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                value, plain = self.close(), False
            elif kind is yaml.ScalarEvent:
                value, plain = self.scalar(event)
            elif kind is yaml.AliasEvent:
                value = self.alias(event)
                plain = isinstance(value, str)
            else:
                continue  # stream and document boundaries
            if self.stack:
                self.attach(value, plain, self.line_of(event, value))
            else:
                root = value

    @staticmethod
    def line_of(event: Any, value: Any) -> int:
        if type(event) in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            return int(value.line)
        return int(event.start_mark.line) + 1

    def child_path(self) -> str:
        """The dotted path of the value the next event produces."""
        if not self.stack:
            return ""
        top = self.stack[-1]
        if type(top.value) is YList:
            return f"{top.path}[{len(top.value)}]"
        if top.key is _NO_KEY or top.key is None:
            return top.path
        return f"{top.path}.{top.key}" if top.path else str(top.key)

    def charge(self, cost: int, line: int) -> None:
        self.spent += cost
        if self.spent > self.budget:
            raise _Refused(line, _EXPANSION)

    def register(self, anchor: str | None, line: int) -> None:
        if anchor is not None and anchor in self.anchors:
            raise _Refused(line, f"invalid YAML: the anchor &{anchor} is defined twice")

    def open(self, event: Any, is_map: bool) -> None:
        line = event.start_mark.line + 1
        self.charge(1, line)
        self.register(event.anchor, line)
        path = self.child_path()
        tag = event.tag
        if tag not in (None, "!", _MAP if is_map else _SEQ):
            self.problem(line, path, f"the YAML tag {tag!r} is not allowed in bank files")
        if len(self.stack) >= _MAX_DEPTH:
            raise _Refused(line, _TOO_DEEP)
        if event.anchor is not None:
            self.anchors[event.anchor] = None
        value = YMap(line) if is_map else YList(line)
        self.stack.append(_Open(value, path, event.anchor, self.spent - 1))

    def close(self) -> YMap | YList:
        done = self.stack.pop()
        if done.anchor is not None:
            self.anchors[done.anchor] = (done.value, self.spent - done.spent)
        return done.value

    def scalar(self, event: Any) -> tuple[Any, bool]:
        line = event.start_mark.line + 1
        self.charge(1, line)
        self.register(event.anchor, line)
        tag = event.tag
        if tag is None and event.implicit[0]:  # plain: typed as the bank's reader types it
            return self.plain(event, line)
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        value: Any = None
        if tag == _STR:
            value = event.value
        elif tag in _SAFE_SCALAR_TAGS:
            value = self.construct(tag, event, line)
        elif not self.awaiting_key():  # a tagged key is reported as a bad key
            self.problem(line, self.child_path(),
                         f"the YAML tag {tag!r} is not allowed in bank files")
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        return value, tag == _STR

    def plain(self, event: Any, line: int) -> tuple[Any, bool]:
        """A plain scalar, read by yaml-rs as fastread reads it (YAML 1.2: `yes`
        and dates are text), so the two readers never differ on a value."""
        try:
            value = plain_scalar(event.value)
        except ValueError:  # an int of 5,000 digits...
            value = None
            if not self.awaiting_key():
                self.problem(line, self.child_path(),
                             f"not a valid number: {event.value[:40]!r}")
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        # `<<` is a merge key in YAML 1.1: never expanded, and never taken for a word.
        return value, isinstance(value, str) and value != "<<"

    def construct(self, tag: str, event: Any, line: int) -> Any:
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return self.loader.yaml_constructors[tag](self.loader, node)
        except (ValueError, ArithmeticError):  # 2024-13-45, an int of 5,000 digits...
            kind = tag.rsplit(":", 1)[-1]
            self.problem(line, self.child_path(), f"not a valid {kind}: {event.value[:40]!r}")
            return None

    def alias(self, event: Any) -> Any:
        line = event.start_mark.line + 1
        if event.anchor not in self.anchors:
            raise _Refused(line, f"invalid YAML: found undefined alias *{event.anchor}")
        found = self.anchors[event.anchor]
        if found is None:
            raise _Refused(line, "an alias refers to the collection that contains it")
        value, size = found
        self.charge(size, line)  # shared, not copied, but charged as if expanded
        return value

    def awaiting_key(self) -> bool:
        return bool(self.stack) and type(self.stack[-1].value) is YMap \
            and self.stack[-1].key is _NO_KEY

    def attach(self, value: Any, plain: bool, line: int) -> None:
        top = self.stack[-1]
        container = top.value
        if type(container) is YList:
            container.append(value)
            container.item_lines.append(line)
            return
        assert isinstance(container, YMap)
        if top.key is _NO_KEY:  # this value is a key
            top.key, top.key_line = (value, line) if plain else (None, line)
            if not plain:
                self.problem(line, top.path, "keys must be plain words")
            return
        key, top.key = top.key, _NO_KEY
        if key is None:
            return  # the value of a rejected key
        if key in container:
            child = f"{top.path}.{key}" if top.path else key
            self.problem(top.key_line, child, "this key appears twice in the same mapping")
            return
        container[key] = value
        container.key_lines[key] = top.key_line


@dataclass
class Document:
    """A parsed file: the root value (None when unusable) and what went wrong.

    From read_document, a readable file arrives unparsed: `text` holds it and
    `root` is None until parse_text reads it (question files are read
    another way first: see questions.py).
    """

    file: str
    root: Any
    problems: list[Problem]
    text: str | None = None


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """Decode a file as UTF-8 text, tolerating a BOM and CRLF line endings."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(display, 1, "-", "-", f"cannot read the file: {exc.strerror}")]
    return decode_text(data, display)


def decode_text(data: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """A file's bytes as text (read_text), or why they are not UTF-8 YAML text."""
    for bom, name in _UNICODE_BOMS:
        if data.startswith(bom):
            return None, [Problem(display, 1, "-", "-", f"{name} text; save the file as UTF-8")]
    if not data.strip():
        return None, [Problem(display, 1, "-", "-", "the file is empty")]
    if b"\x00" in data:
        return None, [Problem(display, 1, "-", "-", "this is a binary file, not YAML text")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [
            Problem(display, line, "-", "-", f"not UTF-8 text (byte 0x{data[exc.start]:02x})")
        ]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


def parse_document(path: Path, display: str | None = None) -> Document:
    """Read one YAML file into YMap/YList/scalars, never raising on bad input."""
    return parse_text(read_document(path, display))


def read_document(path: Path, display: str | None = None) -> Document:
    """A file's text, not parsed yet (or, when it cannot be read as text, why)."""
    shown = display or str(path)
    text, problems = read_text(path, shown)
    return Document(shown, None, problems, text)


def parse_text(document: Document) -> Document:
    """Parse a document from read_document (one already parsed is returned as it is)."""
    if document.text is None:
        return document
    return parse_events(document.text, document.file)


def parse_events(text: str, shown: str) -> Document:
    """Read any YAML text from libyaml's events, reporting what is wrong with it."""
    loader = SAFE_LOADER(text)
    builder = _Builder(loader, shown, budget=len(text) + 1000)
    try:
        root = builder.run()
    except _Refused as exc:
        return Document(shown, None, [Problem(shown, exc.line, "-", "-", exc.message)])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        reason = exc.problem or exc.context or "invalid YAML"
        if _is_libyaml_depth_limit(exc):
            # Deeper than our cap either way; say so in the same words as the builder.
            return Document(shown, None, [Problem(shown, line, "-", "-", _TOO_DEEP)])
        return Document(shown, None, [Problem(shown, line, "-", "-", f"invalid YAML: {reason}")])
    except yaml.YAMLError as exc:
        return Document(shown, None, [Problem(shown, 1, "-", "-", f"invalid YAML: {exc}")])
    finally:
        loader.dispose()
    if root is None and not builder.problems:
        # Nothing but comments, `---` or a bare `~`/`null`: no data at all.
        return Document(shown, None, [Problem(shown, 1, "-", "-", "the file is empty")])
    return Document(shown, root, builder.problems)


def _is_libyaml_depth_limit(exc: yaml.MarkedYAMLError) -> bool:
    """libyaml (0.2.5+) has its own cap of 1,000 flow levels, which its scanner
    enforces before the builder sees the 65th: `[` * 1000 fails there and
    `{a: ` * 1000 here. Recognise it so both read as one refusal, in our words."""
    return "maximum nesting depth" in (exc.problem or "")
