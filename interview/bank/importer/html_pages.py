"""Layout: an HTML page (`.html`, `.htm`), read with the stdlib HTML parser.

The page is parsed (html.parser, so broken markup is tolerated) and its blocks
rewritten as the Markdown they stand for: headings, paragraphs, nested lists,
`<details><summary>` blocks, tables and links. That Markdown then goes through
the same walker as a Markdown file (markdown.py), so a page gives the same
drafts as the equivalent Markdown. Each block is written on the line where it
starts in the page (blank lines pad the gap), so lines point into the page.
Scripts, styles, the head and preformatted code are left out; images are
dropped.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from interview.bank.importer.drafts import Draft

_SKIPPED = frozenset({"script", "style", "head", "title", "pre", "template", "noscript", "svg",
                      "textarea", "select", "button"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "header", "footer", "aside",
                     "nav", "blockquote", "dl", "dt", "dd", "hr", "figure", "figcaption",
                     "form", "fieldset", "body", "html"})
_LISTS = frozenset({"ul", "ol", "menu"})
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]{}()#+\-.!<>|~&])")
_SPACE = re.compile(r"\s+")


def _escaped(text: str) -> str:
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.plain: list[str] = []  # the current run of text, as text
        self.marked: list[str] = []  # the same run as Markdown
        self.line = 0  # where the current run starts
        self.started = False  # the current run has text yet
        self.skipping = 0
        self.depth = 0  # open lists
        self.item_started: list[bool] = []  # per open list: its item has a line yet
        self.heading = 0
        self.summary: bool = False
        self.link: tuple[int, str] | None = None  # where its text starts, href
        self.rows: list[list[str]] | None = None  # an open table
        self.table_line = 0
        self.cell: list[str] | None = None

    # -- output ----------------------------------------------------------------------

    def emit(self, text: str, line: int, *, blank: bool = True) -> None:
        if blank and self.out and self.out[-1]:
            self.out.append("")
        while len(self.out) < line - 1:
            self.out.append("")
        self.out.append(text)

    def flush(self) -> None:
        """The current run of text as the block it belongs to."""
        plain = _SPACE.sub(" ", "".join(self.plain)).strip()
        marked = _SPACE.sub(" ", "".join(self.marked)).strip()
        self.plain, self.marked, self.link, self.started = [], [], None, False
        if not plain:
            return
        if self.cell is not None:
            self.cell.append(marked.replace("|", "\\|"))
        elif self.summary:
            self.emit(f"<details><summary>{html.escape(plain)}</summary>", self.line)
            self.out.append("")
        elif self.heading:
            self.emit(f"{'#' * self.heading} {marked}", self.line)
        elif self.depth:
            indent = "  " * (self.depth - 1)
            if self.item_started and not self.item_started[-1]:
                self.item_started[-1] = True
                self.emit(f"{indent}- {marked}", self.line, blank=False)
            else:
                self.emit(f"{indent}  {marked}", self.line)
        else:
            self.emit(marked, self.line)

    # -- parser callbacks -------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        if self.skipping:
            return
        if tag == "br":
            self.text(" ")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.link = (len(self.marked), href) if href else None
        elif tag in _HEADINGS or tag in _BLOCKS or tag in ("summary", "li", "tr"):
            self.flush()
            self.heading = _HEADINGS.get(tag, self.heading)
            self.summary = self.summary or tag == "summary"
            if tag == "li" and self.item_started:
                self.item_started[-1] = False
            if tag == "tr" and self.rows is not None:
                self.rows.append([])
        elif tag in _LISTS:
            self.flush()
            if not self.depth:
                self.emit("", 0)
            self.depth += 1
            self.item_started.append(True)
        elif tag == "details":
            self.flush()
        elif tag == "table":
            self.flush()
            self.rows, self.table_line = [], self.getpos()[0]
        elif tag in ("td", "th"):
            self.flush()
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping:
            return
        if tag == "a" and self.link is not None:
            start, href = self.link
            text = "".join(self.marked[start:]).strip()
            self.marked[start:] = [f"[{text}](<{href.replace('>', '%3E')}>)" if text else ""]
            self.link = None
        elif tag in _HEADINGS or tag in _BLOCKS or tag in ("summary", "li"):
            self.flush()
            self.heading = 0 if tag in _HEADINGS else self.heading
            self.summary = self.summary and tag != "summary"
        elif tag in _LISTS and self.depth:
            self.flush()
            self.depth -= 1
            self.item_started.pop()
            if not self.depth:
                self.out.append("")
        elif tag == "details":
            self.flush()
            self.emit("</details>", self.getpos()[0])
            self.out.append("")
        elif tag in ("td", "th") and self.cell is not None:
            self.flush()
            cells = self.rows[-1] if self.rows else None
            if cells is not None:
                cells.append(" ".join(self.cell))
            self.cell = None
        elif tag == "table":
            self.flush()
            self.table()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.text(data)

    def text(self, data: str) -> None:
        if not self.started and data.strip():
            self.started = True
            self.line = self.getpos()[0]
        self.plain.append(data)
        self.marked.append(_escaped(data))

    def table(self) -> None:
        rows = [row for row in self.rows or [] if row]
        self.rows = None
        if not rows:
            return
        width = max(len(row) for row in rows)
        lines = [f"| {' | '.join(row + [''] * (width - len(row)))} |" for row in rows]
        lines.insert(1, "|" + "---|" * width)
        self.emit(lines[0], self.table_line)
        self.out.extend(lines[1:])
        self.out.append("")


def html_to_markdown(text: str) -> str:
    """The page's blocks as Markdown, each on the line where it starts in the page."""
    converter = _Converter()
    converter.feed(text)
    converter.close()
    converter.flush()
    return "\n".join(converter.out) + "\n"


def questions_from_html(text: str, source: str) -> list[Draft]:
    from interview.bank.importer.markdown import questions_from_markdown

    return questions_from_markdown(html_to_markdown(text), source)
