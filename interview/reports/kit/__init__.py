"""Interview kits: what an interviewer takes into the room for one plan.

`model.build_kit` resolves a plan's rounds to questions (a `pick` round to
every question it could pick); `render` turns the `Kit` into Markdown or one
self-contained, printable HTML file, every piece of bank text shown
literally. `interview.files.write_file` (through the CLI) puts it in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interview.reports.kit.model import Kit

FORMATS = ("md", "html")


def render(kit: Kit, output_format: str) -> str:
    """The kit as text in `output_format` (one of FORMATS)."""
    renderer: Callable[[Kit], str]
    if output_format == "md":
        from interview.reports.kit.markdown import render_markdown as renderer
    elif output_format == "html":
        from interview.reports.kit.html import render_html as renderer
    else:
        raise ValueError(f"unknown kit format {output_format!r}; one of {FORMATS}")
    return renderer(kit)
