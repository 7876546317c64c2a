"""Layout: questions as list items under headings.

Each top-level item that reads as a question becomes a draft; its nested
items become follow-ups, and the heading above the list becomes a tag. An item
that is not a question but holds a nested list ("- **Threads**" above its
questions) is a group: its items are read the same way, tagged with it too.
Lists that are mostly links (tables of contents, link collections) are skipped.
"""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from interview.bank.importer.drafts import Draft, NotQuestion
from interview.bank.importer.markdown_nodes import block_text, first_line, is_link_only, item_text
from interview.bank.importer.plaintext import slug, strip_numbering
from interview.bank.importer.rules import why_not_a_question

LISTS = ("bullet_list", "ordered_list")


def is_link_list(node: SyntaxTreeNode) -> bool:
    items = [c for c in node.children if c.type == "list_item"]
    linked = sum(is_link_only(item_text(item)[1]) for item in items)
    return bool(items) and linked * 2 >= len(items)


def link_list_reason(node: SyntaxTreeNode) -> str:
    """Why a list of links is left out: a table of contents or a list of links."""
    anchors = sum(link.attrGet("href") is not None and str(link.attrGet("href")).startswith("#")
                  for link in node.walk() if link.type == "link")
    links = sum(link.type == "link" for link in node.walk())
    return ("a table of contents (links to headings)" if anchors * 2 >= max(links, 1)
            else "a list of links")


def passed_over_list(node: SyntaxTreeNode, source: str, offset: int, reason: str,
                     passed: list[NotQuestion]) -> None:
    for item in node.children:
        if item.type == "list_item" and (text := item_text(item)[0]):
            passed.append(NotQuestion(source, first_line(item) + 1 + offset, text, reason))


def questions_from_list(node: SyntaxTreeNode, source: str, offset: int, tags: list[str],
                        passed: list[NotQuestion] | None = None) -> list[Draft]:
    """Drafts from a list's items; what is left out goes to `passed`, with the reason."""
    left: list[NotQuestion] = [] if passed is None else passed
    if is_link_list(node):
        passed_over_list(node, source, offset, link_list_reason(node), left)
        return []
    drafts: list[Draft] = []
    for item in node.children:
        if item.type != "list_item":
            continue
        text, inline = item_text(item)
        text = strip_numbering(text)
        line = first_line(item) + 1 + offset
        if is_link_only(inline):
            left.append(NotQuestion(source, line, text, "a link"))
            continue
        if (reason := why_not_a_question(text)) is not None:
            # "- **Concurrency**" with the questions nested below it: a group.
            group = [slug(text, 40)] if text else []
            nested = [child for child in item.children[1:] if child.type in LISTS]
            if not nested and text:
                left.append(NotQuestion(source, line, text, reason))
            for child in nested:
                drafts.extend(questions_from_list(child, source, offset, tags + group, left))
            continue
        draft = Draft(text, source, line, tags=list(tags))
        for child in item.children[1:]:
            if child.type in LISTS:
                draft.follow_ups.extend(follow_ups(child))
            else:
                draft.outline.extend(block_text(child))
        drafts.append(draft)
    return drafts


def follow_ups(node: SyntaxTreeNode) -> list[str]:
    """Every nested item's text, depth first (deeper lists flattened)."""
    found: list[str] = []
    for item in node.children:
        if item.type != "list_item":
            continue
        text = strip_numbering(item_text(item)[0])
        if text:
            found.append(text)
        for child in item.children:
            if child.type in LISTS:
                found.extend(follow_ups(child))
    return found
