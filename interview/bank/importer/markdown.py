"""Walking a Markdown document and handing each block to its layout.

One document may mix layouts: list items under headings, a question per
heading (the heading asks, or it is a title and the paragraphs below it are
the prompt, up to a "Resources" list, which is dropped), `<details>` blocks
and tables. What is read and left out (list items that are not questions,
tables of contents, sections about the document, summaries that do not ask)
is kept with the reason and travels on the drafts (Draft.passed_over). Code
blocks, front matter and sections about the document itself (contents, usage,
contributing, licence, links) are left out; so are lists of links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from interview.bank.importer import markdown_details as details
from interview.bank.importer.drafts import Draft, NotQuestion
from interview.bank.importer.markdown_headings import absorb, heading_question
from interview.bank.importer.markdown_lists import LISTS, is_link_list, questions_from_list
from interview.bank.importer.markdown_nodes import (
    block_text,
    first_line,
    inline_text,
    is_link_only,
    item_text,
)
from interview.bank.importer.markdown_tables import questions_from_table
from interview.bank.importer.plaintext import clean, is_note_section, section_tag, strip_numbering
from interview.bank.importer.rules import is_prompt, is_question, why_not_a_question

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


_RESOURCES = re.compile(
    r"^(resources?|references?|further reading|read more|links?|sources?|see also|useful links)"
    r"\s*:?$", re.IGNORECASE)


def _asks(paragraph: str) -> bool:
    """A heading's body paragraph that is a prompt: it, or its first or last sentence, is."""
    sentences = _SENTENCE.split(paragraph)
    return is_prompt(paragraph) or is_prompt(sentences[0]) or is_prompt(sentences[-1])


_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z])")


@dataclass
class _Titled:
    """A heading that is not itself a question, waiting to see if its body is."""

    level: int
    title: str
    line: int
    tags: list[str]
    paragraphs: list[str] = field(default_factory=list)


class _Walker:
    def __init__(self, source: str) -> None:
        self.source = source
        self.drafts: list[Draft] = []
        self.passed: list[NotQuestion] = []
        self.headings: list[tuple[int, str]] = []  # (level, tag) of the open sections
        self.skip_below: int | None = None  # inside a note section of this level
        self.asking: tuple[int, Draft] | None = None  # an open question heading
        self.titled: _Titled | None = None  # a heading whose body may be the question
        self.prompt_open = False  # the asking draft's paragraphs are its prompt
        self.dropping = False  # after "Resources:", its list is left out
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
        if node.type != "html_block" and details.closes(_raw_html(node)):
            # "</b></details>" is not an HTML block to markdown-it but inline HTML
            # in a paragraph (or the last list item, when no blank line is between).
            self.open_details.outline.extend(block_text(node))
            self.open_details = None
        elif node.type == "html_block" and details.closes(node.content):
            parts = _CLOSE_DETAILS.split(node.content, maxsplit=1)
            before = clean(parts[0])
            if before:
                self.open_details.outline.append(before)
            self.open_details = None
            if details.opens(parts[1]):
                self.details_block(node, parts[1])
        else:
            self.open_details.outline.extend(block_text(node))

    def heading(self, node: SyntaxTreeNode) -> None:
        level = int(node.tag[1:]) if node.tag[1:].isdigit() else 6
        text = inline_text(node.children[0]) if node.children else ""
        self.titled = None
        self.prompt_open = self.dropping = False
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
            self.passed.append(NotQuestion(self.source, first_line(node) + 1, text,
                                           "a section about the document, not questions"))
            return
        question = heading_question(text)
        if question is None:
            title = strip_numbering(text)
            if title:
                self.titled = _Titled(level, title, first_line(node) + 1, self.tags)
            self.headings.append((level, section_tag(text)))
            return
        draft = Draft(question, self.source, first_line(node) + 1, tags=self.tags)
        self.drafts.append(draft)
        self.asking = (level, draft)

    def block(self, node: SyntaxTreeNode) -> None:
        if node.type == "paragraph" and self.paragraph(node):
            return
        self.titled = None
        self.prompt_open = False
        if node.type == "html_block" and details.opens(node.content):
            self.details_block(node, node.content)
        elif node.type == "table" and (
                found := questions_from_table(node, self.source, 0, self.tags)):
            self.drafts.extend(found)
        elif self.asking is not None and self.section_after_all(node):
            pass
        elif self.asking is not None:
            if node.type in LISTS and (self.dropping or is_link_list(node)):
                return  # the question's "Resources" links
            absorb(self.asking[1], node)
        elif node.type in LISTS:
            self.drafts.extend(questions_from_list(node, self.source, 0, self.tags, self.passed))
        self.dropping = False

    def section_after_all(self, node: SyntaxTreeNode) -> bool:
        """A list of questions under a heading taken for a question by its first
        paragraph: the heading was a section with an introduction after all."""
        assert self.asking is not None
        level, draft = self.asking
        if not draft.title or node.type not in LISTS or draft.follow_ups or draft.outline:
            return False
        items = [item_text(item)[0] for item in node.children if item.type == "list_item"]
        if len(items) < 2 or sum(map(is_question, items)) * 2 < len(items):
            return False
        self.drafts.remove(draft)
        self.asking = None
        if self.headings and self.headings[-1] == (level, ""):
            self.headings[-1] = (level, section_tag(draft.title))
        self.drafts.extend(questions_from_list(node, self.source, 0, self.tags, self.passed))
        return True

    def paragraph(self, node: SyntaxTreeNode) -> bool:
        """Takes a paragraph that belongs to a question heading; False if it does not."""
        inline = node.children[0] if node.children else None
        text = inline_text(inline) if inline is not None else ""
        if self.asking is not None and (
                is_link_only(inline) or _RESOURCES.match(text.strip("*_ "))):
            self.dropping = True
            return True
        if self.asking is not None and self.prompt_open:
            draft = self.asking[1]
            draft.text = f"{draft.text}\n\n{text}" if text else draft.text
            return True
        if self.titled is None or not text:
            return False
        titled = self.titled
        titled.paragraphs.append(text)
        if not _asks(text):
            return True
        draft = Draft("\n\n".join(titled.paragraphs), self.source, titled.line,
                      tags=titled.tags, title=titled.title)
        self.drafts.append(draft)
        self.asking = (titled.level, draft)
        self.titled = None
        self.prompt_open = True
        if self.headings and self.headings[-1][0] == titled.level:
            self.headings[-1] = (titled.level, "")  # a question, not a section
        return True

    def details_block(self, node: SyntaxTreeNode, content: str) -> None:
        for offset, segment in details.segments(content):
            if not details.opens(segment):
                continue
            line = first_line(node) + 1 + offset
            draft = details.start(segment, self.source, line, self.tags)
            if draft is not None and heading_question(draft.text) is not None:
                self.drafts.append(draft)
            else:
                if draft is not None and self.asking is None:
                    reason = why_not_a_question(draft.text) or "not a question"
                    self.passed.append(NotQuestion(self.source, line, draft.text,
                                                   f"<details> summary: {reason}"))
                # "Show answer": the body belongs to the question above, if any.
                draft = self.asking[1] if self.asking is not None else Draft("", self.source, 0)
            if not details.closes(segment):
                self.open_details = draft
            elif self.asking is not None and draft is self.asking[1]:
                draft.outline.append(clean(details.inner(segment)))


def _raw_html(node: SyntaxTreeNode) -> str:
    """A paragraph's inline HTML tags, joined."""
    return "".join(child.content for child in node.walk() if child.type == "html_inline")


def _hand_over(drafts: list[Draft], passed: list[NotQuestion]) -> None:
    """Each left-out text goes with the first draft after it (the last, at the end)."""
    if not drafts:
        return
    index = 0
    for item in sorted(passed, key=lambda p: p.line):
        while index < len(drafts) - 1 and drafts[index].line < item.line:
            index += 1
        drafts[index].passed_over.append(item)


def questions_from_markdown(text: str, source: str) -> list[Draft]:
    """Every question found in a Markdown document, in document order; what was
    left out travels on the drafts (Draft.passed_over)."""
    tree = SyntaxTreeNode(parser().parse(blank_front_matter(text)))
    walker = _Walker(source)
    walker.walk(list(tree.children))
    _hand_over(walker.drafts, walker.passed)
    return walker.drafts
