"""Plain text out of markdown-it syntax-tree nodes (inline markup dropped)."""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from interview.bank.importer.plaintext import clean

_SKIPPED_BLOCKS = frozenset({"fence", "code_block", "hr"})


def inline_text(node: SyntaxTreeNode) -> str:
    """The visible text of an inline node: emphasis, links and code kept as words,
    line breaks (also HTML `<br>`) as spaces, images dropped."""
    parts: list[str] = []
    _collect(node, parts)
    return clean("".join(parts))


def _collect(node: SyntaxTreeNode, parts: list[str]) -> None:
    kind = node.type
    if kind in ("text", "code_inline"):
        parts.append(node.content)
    elif kind in ("softbreak", "hardbreak", "html_inline"):
        parts.append(" ")
    elif kind == "image":
        parts.append(" ")  # images are dropped, alt text too
    else:
        for child in node.children:
            _collect(child, parts)


def first_line(node: SyntaxTreeNode) -> int:
    """The 0-based first line of a block node, or -1 when markdown-it gave none."""
    try:
        mapped = node.map
    except AttributeError:
        return -1
    return mapped[0] if mapped else -1


def block_text(node: SyntaxTreeNode) -> list[str]:
    """Readable lines of any block (code blocks left out), for answer outlines."""
    if node.type in _SKIPPED_BLOCKS:
        return []
    if node.type == "inline":
        text = inline_text(node)
        return [text] if text else []
    if node.type == "html_block":
        text = clean(node.content)
        return [text] if text else []
    if node.type == "list_item":
        lines = [line for child in node.children for line in block_text(child)]
        return [f"- {lines[0]}", *(f"  {line}" for line in lines[1:])] if lines else []
    return [line for child in node.children for line in block_text(child)]


def item_text(item: SyntaxTreeNode) -> tuple[str, SyntaxTreeNode | None]:
    """A list item's own text (its first paragraph) and its inline node."""
    for child in item.children:
        if child.type == "paragraph" and child.children:
            inline = child.children[0]
            return inline_text(inline), inline
        if child.type not in ("paragraph",):
            break
    return "", None


def is_link_only(inline: SyntaxTreeNode | None) -> bool:
    """An item that is only a link (a table of contents or a link list entry)."""
    if inline is None:
        return False
    words_outside_links: list[str] = []
    links = 0
    for child in inline.children:
        if child.type == "link":
            links += 1
        elif child.type == "text":
            words_outside_links.extend(w for w in child.content.split() if w.strip("-–:|,.()"))
    return links > 0 and len(words_outside_links) <= 2
