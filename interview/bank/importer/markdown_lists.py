"""Layout: questions as list items under headings.

Each top-level item that reads as a question becomes a draft; its nested
items become follow-ups, and the heading above the list becomes a tag. An item
that is not a question but holds a nested list ("- **Threads**" above its
questions) is a group: its items are read the same way, tagged with it too.
Lists that are mostly links (tables of contents, link collections) are skipped.
"""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from interview.bank.importer.drafts import Draft
from interview.bank.importer.markdown_nodes import block_text, first_line, is_link_only, item_text
from interview.bank.importer.plaintext import looks_like_question, slug, strip_numbering

LISTS = ("bullet_list", "ordered_list")


def is_link_list(node: SyntaxTreeNode) -> bool:
    items = [c for c in node.children if c.type == "list_item"]
    linked = sum(is_link_only(item_text(item)[1]) for item in items)
    return bool(items) and linked * 2 >= len(items)


def questions_from_list(node: SyntaxTreeNode, source: str, offset: int,
                        tags: list[str]) -> list[Draft]:
    if is_link_list(node):
        return []
    drafts: list[Draft] = []
    for item in node.children:
        if item.type != "list_item":
            continue
        text, inline = item_text(item)
        text = strip_numbering(text)
        if is_link_only(inline):
            continue
        if not looks_like_question(text):
            # "- **Concurrency**" with the questions nested below it: a group.
            group = [slug(text, 40)] if text else []
            for child in item.children[1:]:
                if child.type in LISTS:
                    drafts.extend(questions_from_list(child, source, offset, tags + group))
            continue
        draft = Draft(text, source, first_line(item) + 1 + offset, tags=list(tags))
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
