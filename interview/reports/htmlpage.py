"""The shell every HTML file we write shares: one self-contained page, its
CSS inline, no scripts, nothing fetched."""

from __future__ import annotations

from collections.abc import Sequence
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
