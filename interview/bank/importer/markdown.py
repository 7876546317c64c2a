"""Walking a Markdown document and handing each block to its layout.

One document may mix layouts: list items under headings, a question per
heading, `<details>` blocks and tables. Code blocks, front matter and sections
about the document itself (contents, usage, contributing, licence, links) are
left out; so are lists of links.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from interview.bank.importer import markdown_details as details
from interview.bank.importer.drafts import Draft
from interview.bank.importer.markdown_headings import absorb, heading_question
from interview.bank.importer.markdown_lists import LISTS, questions_from_list
from interview.bank.importer.markdown_nodes import block_text, first_line, inline_text
from interview.bank.importer.markdown_tables import questions_from_table
from interview.bank.importer.plaintext import clean, is_note_section, slug

_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n")
_CLOSE_DETAILS = re.compile(r"</details\s*>", re.IGNORECASE)


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def blank_front_matter(text: str) -> str:
    """Front matter (--- YAML --- or +++ TOML +++) replaced by blank lines,
    so line numbers still match the file."""
    if not _FRONT_MATTER.match(text):
        return text
    fence = text[:3]
    closers = {fence, "..."} if fence == "---" else {fence}
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].strip() in closers:
            return "\n" * (index + 1) + "\n".join(lines[index + 1:])
    return text


class _Walker:
    def __init__(self, source: str) -> None:
        self.source = source
        self.drafts: list[Draft] = []
        self.headings: list[tuple[int, str]] = []  # (level, tag) of the open sections
        self.skip_below: int | None = None  # inside a note section of this level
        self.asking: tuple[int, Draft] | None = None  # an open question heading
        self.open_details: Draft | None = None  # where a <details> body goes

    @property
    def tags(self) -> list[str]:
        return [self.headings[-1][1]] if self.headings and self.headings[-1][1] else []

    def walk(self, nodes: list[SyntaxTreeNode]) -> None:
        for node in nodes:
            if self.open_details is not None:
                self.in_details(node)
            elif node.type == "heading":
                self.heading(node)
            elif self.skip_below is None:
                self.block(node)

    def in_details(self, node: SyntaxTreeNode) -> None:
        assert self.open_details is not None
        if node.type == "html_block" and details.closes(node.content):
            before = clean(_CLOSE_DETAILS.split(node.content, maxsplit=1)[0])
            if before:
                self.open_details.outline.append(before)
            self.open_details = None
        else:
            self.open_details.outline.extend(block_text(node))

    def heading(self, node: SyntaxTreeNode) -> None:
        level = int(node.tag[1:]) if node.tag[1:].isdigit() else 6
        text = inline_text(node.children[0]) if node.children else ""
        if self.asking is not None and level <= self.asking[0]:
            self.asking = None
        if self.skip_below is not None:
            if level > self.skip_below:
                return
            self.skip_below = None
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        if is_note_section(text):
            self.skip_below = level
            return
        question = heading_question(text)
        if question is None:
            self.headings.append((level, slug(text, 40)))
            return
        draft = Draft(question, self.source, first_line(node) + 1, tags=self.tags)
        self.drafts.append(draft)
        self.asking = (level, draft)

    def block(self, node: SyntaxTreeNode) -> None:
        if node.type == "html_block" and details.opens(node.content):
            self.details_block(node)
        elif node.type == "table" and (
                found := questions_from_table(node, self.source, 0, self.tags)):
            self.drafts.extend(found)
        elif self.asking is not None:
            absorb(self.asking[1], node)
        elif node.type in LISTS:
            self.drafts.extend(questions_from_list(node, self.source, 0, self.tags))

    def details_block(self, node: SyntaxTreeNode) -> None:
        draft = details.start(node.content, self.source, first_line(node) + 1, self.tags)
        if draft is not None and heading_question(draft.text) is not None:
            self.drafts.append(draft)
        else:
            # "Show answer": the body belongs to the question above, if any.
            draft = self.asking[1] if self.asking is not None else Draft("", self.source, 0)
        if not details.closes(node.content):
            self.open_details = draft
        elif self.asking is not None and draft is self.asking[1]:
            draft.outline.append(clean(details.inner(node.content)))


def questions_from_markdown(text: str, source: str) -> list[Draft]:
    """Every question found in a Markdown document, in document order."""
    tree = SyntaxTreeNode(parser().parse(blank_front_matter(text)))
    walker = _Walker(source)
    walker.walk(list(tree.children))
    return walker.drafts
