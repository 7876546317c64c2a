"""Bank and user text is shown literally, never parsed as markup.

A question may legitimately contain `[@click=app.quit]`, `[/]` or `a[i]`;
Textual would turn the first into a live action and raise on the second.
Everything from the bank or the user goes through these helpers.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content


def literal(text: str) -> Content:
    """Plain content: every character shown as written."""
    return Content(text)


def labelled(label: str, text: str, style: str = "bold") -> Content:
    """`label` (our own, styled) followed by `text` (shown literally)."""
    return Content.assemble((label, style), text)


def cell(text: str) -> Text:
    """A DataTable cell or Tree label that will not be read as markup."""
    return Text(text)


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of YAML block text into paragraphs.

    Bank authors wrap prompts at ~80 columns; rewrapping those lines in a
    narrower or wider pane leaves ragged half-lines. Blank lines separate
    paragraphs, and indented lines (code, lists) are kept exactly as written.
    """
    out: list[str] = []
    for line in text.splitlines():
        keep = not line.strip() or line[:1].isspace() or line.lstrip()[:2] in ("- ", "* ")
        if out and not keep and out[-1].strip() and not out[-1][:1].isspace():
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line.rstrip())
    return "\n".join(out)
