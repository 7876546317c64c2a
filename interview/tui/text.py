"""Bank and user text is shown literally, never parsed as markup.

A question may legitimately contain `[@click=app.quit]`, `[/]` or `a[i]`;
Textual would turn the first into a live action and raise on the second.
Everything from the bank or the user goes through these helpers, which also
show control characters visibly (interview.safetext): an escape sequence in
a bank file must not recolour the screen or write the clipboard.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.content import Content

from interview.safetext import for_terminal


def literal(text: str) -> Content:
    """Plain content: every character shown as written (control characters
    shown visibly, never sent to the terminal: interview.safetext)."""
    return Content(for_terminal(text))


def labelled(label: str, text: str, style: str = "bold") -> Content:
    """`label` (our own, styled) followed by `text` (shown literally)."""
    return Content.assemble((label, style), for_terminal(text))


def one_line(text: str) -> str:
    """`text` made safe for a terminal (interview.safetext), its tabs and line
    breaks as spaces: for a widget that draws its own single-line rows."""
    return for_terminal(text).replace("\t", " ").replace("\n", " ")


def cell(text: str) -> Text:
    """A DataTable cell or Tree label that will not be read as markup."""
    return Text(for_terminal(text))


def fit(text: str, width: int) -> str:
    """`text` cut to `width` cells with an ellipsis when longer (a table cell)."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of YAML block text into paragraphs.

    Bank authors wrap prompts at ~80 columns; rewrapping those lines in a
    narrower or wider pane leaves ragged half-lines. Paragraphs are separated
    by blank lines; a paragraph that looks like code or a list (an indented
    line, a list marker, a closing bracket or comment at the start, an
    opening bracket at the end) is kept exactly as written, since code often
    starts at the margin (a manifest's top-level keys, a function's braces).
    """
    paragraphs = []
    for paragraph in _PARAGRAPH_BREAK.split(text.strip("\n")):
        lines = [line.rstrip() for line in paragraph.splitlines()]
        if any(_CODE_LIKE.search(line) for line in lines):
            paragraphs.append("\n".join(lines))
        else:
            paragraphs.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(paragraphs)


_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t]*\n)+")
_CODE_LIKE = re.compile(r"^\s|^(?:[-*] |[})\]]|#|//)|[{(\[]\s*$")
