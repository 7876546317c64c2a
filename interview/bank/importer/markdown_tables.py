"""Layout: a Markdown table with a question column (and perhaps an answer column)."""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from interview.bank.importer.drafts import Draft
from interview.bank.importer.markdown_nodes import first_line, inline_text
from interview.bank.importer.plaintext import looks_like_question, strip_numbering

QUESTION_HEADERS = ("question", "questions", "prompt", "q", "interview question", "title")
ANSWER_HEADERS = ("answer", "answers", "a", "solution", "outline", "notes")
TAG_HEADERS = ("tag", "tags", "topic", "category", "section", "area")


def column(headers: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [h.strip().lower().rstrip(":") for h in headers]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def rows(table: SyntaxTreeNode) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header cells, and each body row's 0-based line with its cells."""
    headers: list[str] = []
    body: list[tuple[int, list[str]]] = []
    for section in table.children:
        for row in section.children:
            cells = [inline_text(cell.children[0]) if cell.children else ""
                     for cell in row.children]
            if section.type == "thead":
                headers = cells
            else:
                body.append((first_line(row), cells))
    return headers, body


def questions_from_table(table: SyntaxTreeNode, source: str, offset: int,
                         tags: list[str]) -> list[Draft]:
    headers, body = rows(table)
    asked = column(headers, QUESTION_HEADERS)
    if asked is None:
        # No named column: take the one whose cells mostly read as questions.
        scores = [sum(looks_like_question(r[i]) for _, r in body if i < len(r))
                  for i in range(len(headers))]
        if not scores or max(scores) * 2 < max(1, len(body)):
            return []
        asked = scores.index(max(scores))
    answered = column(headers, ANSWER_HEADERS)
    tagged = column(headers, TAG_HEADERS)
    drafts: list[Draft] = []
    for line, cells in body:
        text = strip_numbering(cells[asked]) if asked < len(cells) else ""
        if len(text.split()) < 2:
            continue
        row_tags = list(tags)
        if tagged is not None and tagged < len(cells) and cells[tagged]:
            row_tags.append(cells[tagged])
        draft = Draft(text, source, line + 1 + offset, tags=row_tags)
        if answered is not None and answered < len(cells) and cells[answered]:
            draft.outline.append(cells[answered])
        drafts.append(draft)
    return drafts
