"""The shell every HTML file we write shares: one self-contained page, its
CSS inline, no scripts, nothing fetched."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape


def page(title: str, css: str, body: Sequence[str]) -> str:
    """A complete HTML document; `title` is escaped, `body` is already HTML."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def grid(headers: Iterable[str], rows: Iterable[Iterable[str]], numeric: Iterable[int] = (),
         boxes: Iterable[int] = (), css_class: str = "") -> str:
    """A table with a header row; headers are escaped here, cells must be already.
    Columns in `numeric` align right, those in `boxes` (checkboxes) centre."""
    right, centred = set(numeric), set(boxes)

    def cell(tag: str, index: int, value: str) -> str:
        css = ' class="num"' if index in right else ' class="tick"' if index in centred else ""
        return f"<{tag}{css}>{value}</{tag}>"

    head = "".join(cell("th", i, escape(h)) for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>"
                   for row in rows)
    css = f' class="{css_class}"' if css_class else ""
    return f"<table{css}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
