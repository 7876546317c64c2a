"""Layout: one question per heading ("### 3. What is a race condition?").

The heading is the question; what follows it until the next heading of the
same or a higher level is taken as its answer outline, except list items that
are themselves questions, which become follow-ups.
"""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from interview.bank.importer.drafts import Draft
from interview.bank.importer.markdown_nodes import block_text, item_text
from interview.bank.importer.plaintext import looks_like_question, strip_numbering

LISTS = ("bullet_list", "ordered_list")


def heading_question(text: str) -> str | None:
    """The question a heading asks, or None if it is an ordinary section title."""
    question = strip_numbering(text)
    return question if looks_like_question(question) else None


def absorb(draft: Draft, node: SyntaxTreeNode) -> None:
    """Add a block that follows a question heading to that question."""
    if node.type in LISTS:
        for item in node.children:
            text = strip_numbering(item_text(item)[0])
            if text.endswith("?") and looks_like_question(text):
                draft.follow_ups.append(text)
            else:
                draft.outline.extend(block_text(item))
        return
    draft.outline.extend(block_text(node))
