"""Layout: HTML `<details><summary>Question</summary> answer </details>` in Markdown.

markdown-it hands the opening tags over as an html_block, the answer as
ordinary Markdown blocks and `</details>` as another html_block (or the whole
thing as one html_block when it has no blank lines). The summary is the
question; everything up to `</details>` is its answer outline.
"""

from __future__ import annotations

import re

from interview.bank.importer.drafts import Draft
from interview.bank.importer.plaintext import clean, strip_numbering

_SUMMARY = re.compile(r"<summary[^>]*>(.*?)</summary\s*>", re.IGNORECASE | re.DOTALL)
_OPEN = re.compile(r"<details\b", re.IGNORECASE)
_CLOSE = re.compile(r"</details\s*>", re.IGNORECASE)


def opens(html: str) -> bool:
    return bool(_OPEN.search(html))


def closes(html: str) -> bool:
    return bool(_CLOSE.search(html))


def start(html: str, source: str, line: int, tags: list[str]) -> Draft | None:
    """A draft from the html_block that opens a details element, if it has a summary."""
    match = _SUMMARY.search(html)
    if match is None:
        return None
    question = strip_numbering(clean(match.group(1)))
    if not question:
        return None
    draft = Draft(question, source, line, tags=list(tags))
    rest = _CLOSE.split(html[match.end():], maxsplit=1)[0]
    answer = clean(rest)
    if answer:
        draft.outline.append(answer)
    return draft


def inner(html: str) -> str:
    """What a one-block details element holds after its summary."""
    match = _SUMMARY.search(html)
    rest = html[match.end():] if match else html
    return _CLOSE.split(rest, maxsplit=1)[0]


def segments(html: str) -> list[tuple[int, str]]:
    """An html_block cut before each `<details` (several details elements written
    without blank lines between them arrive as one block), with each piece's
    line offset in the block."""
    starts = [m.start() for m in _OPEN.finditer(html)]
    if not starts:
        return [(0, html)]
    return [(html.count("\n", 0, a), html[a:b])
            for a, b in zip(starts, [*starts[1:], len(html)], strict=True)]
