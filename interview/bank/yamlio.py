"""Reading bank YAML safely, keeping the line of every key and list item.

We compose the node graph with PyYAML's C parser (ten times faster than the
pure-Python one) and build values ourselves instead of using a constructor:
that way no tag can execute code, aliases cannot expand without bound, and
every mapping remembers the line each key was written on, so validation
errors can name it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from interview.bank.problems import Problem

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_SAFE_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("int", "float", "bool", "null", "timestamp")
)
_MAX_DEPTH = 64


class YMap(dict[str, Any]):
    """A mapping that knows its own line and the line of each key (1-based)."""

    __slots__ = ("key_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YList(list[Any]):
    """A sequence that knows its own line and the line of each item (1-based)."""

    __slots__ = ("item_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


@dataclass
class _Builder:
    file: str
    budget: int
    problems: list[Problem] = field(default_factory=list)
    constructor: yaml.constructor.SafeConstructor = field(
        default_factory=yaml.constructor.SafeConstructor
    )

    def problem(self, node: yaml.Node, path: str, message: str) -> None:
        self.problems.append(Problem(self.file, node.start_mark.line + 1, "-", path, message))

    def build(self, node: yaml.Node, path: str, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooLarge(node)
        if depth > _MAX_DEPTH:
            raise _TooDeep(node)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            seq = YList(node.start_mark.line + 1)
            for index, item in enumerate(node.value):
                seq.append(self.build(item, f"{path}[{index}]", depth + 1))
                seq.item_lines.append(item.start_mark.line + 1)
            return seq
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        self.problem(node, path, "unsupported YAML node")
        return None

    def mapping(self, node: yaml.MappingNode, path: str, depth: int) -> YMap:
        result = YMap(node.start_mark.line + 1)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                self.problem(key_node, path or "-", "keys must be plain words")
                continue
            key = key_node.value
            child = f"{path}.{key}" if path else key
            if key in result:
                self.problem(key_node, child, "this key appears twice in the same mapping")
                continue
            result[key] = self.build(value_node, child, depth + 1)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result

    def scalar(self, node: yaml.ScalarNode, path: str) -> Any:
        if node.tag == _STR:
            return node.value
        if node.tag in _SAFE_SCALAR_TAGS:
            return self.constructor.construct_object(node)
        self.problem(node, path or "-", f"the YAML tag {node.tag!r} is not allowed in bank files")
        return None


class _TooLarge(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _TooDeep(_TooLarge):
    pass


@dataclass
class Document:
    """A parsed file: the root value (None when unusable) and what went wrong."""

    file: str
    root: Any
    problems: list[Problem]


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """Decode a file as UTF-8 text, tolerating a BOM and CRLF line endings."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(display, 1, "-", "-", f"cannot read the file: {exc.strerror}")]
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
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def parse_document(path: Path, display: str | None = None) -> Document:
    """Read one YAML file into YMap/YList/scalars, never raising on bad input."""
    shown = display or str(path)
    text, problems = read_text(path, shown)
    if text is None:
        return Document(shown, None, problems)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        reason = exc.problem or exc.context or "invalid YAML"
        return Document(shown, None, [Problem(shown, line, "-", "-", f"invalid YAML: {reason}")])
    except yaml.YAMLError as exc:
        return Document(shown, None, [Problem(shown, 1, "-", "-", f"invalid YAML: {exc}")])
    if node is None:
        return Document(shown, None, [Problem(shown, 1, "-", "-", "the file is empty")])
    # Without aliases a document has fewer nodes than characters; anything past
    # that is alias expansion, which is how "billion laughs" files blow up.
    builder = _Builder(shown, budget=len(text) + 1000)
    try:
        root = builder.build(node, "", 0)
    except _TooDeep as exc:
        line = exc.node.start_mark.line + 1
        return Document(shown, None, [Problem(shown, line, "-", "-", "nested too deeply")])
    except _TooLarge as exc:
        line = exc.node.start_mark.line + 1
        message = "aliases expand to far more data than the file holds; refusing to expand"
        return Document(shown, None, [Problem(shown, line, "-", "-", message)])
    return Document(shown, root, builder.problems)
