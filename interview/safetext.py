"""Untrusted text, made safe to show in a terminal.

Bank files, imports and other people's rows in a shared database can hold
control characters. Written to a terminal, ESC starts escape sequences that
recolour the screen, move the cursor or (OSC 52) write the clipboard, and
zero-width or bidirectional marks make text read differently from what it
is. Everything the app shows from outside goes through `for_terminal`,
which shows such characters visibly instead of emitting them; files keep
the exact text, and JSON escapes it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, TextIO

# C0 controls but tab and newline, DEL, and the C1 controls (some terminals
# read U+009B as CSI); then the invisible format characters that reorder or
# hide text (bidi overrides and isolates, zero-width spaces, the BOM). The
# zero-width joiner stays: emoji sequences need it.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile("[\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
                        "\ufeff]")
_UNSAFE = re.compile(f"{_CONTROL.pattern}|{_INVISIBLE.pattern}")
_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ ... ␟
_PICTURES[0x7F] = "\u2421"  # ␡


def _picture(found: re.Match[str]) -> str:
    code = ord(found.group())
    return _PICTURES.get(code) or f"\\x{code:02x}"


def _named(found: re.Match[str]) -> str:
    return f"<U+{ord(found.group()):04X}>"


def for_terminal(text: str) -> str:
    """`text` with every control character shown as a picture (ESC as ␛) or
    an escape (C1 as \\x9b), and invisible format marks as <U+200B>; tab
    and newline are kept."""
    if text.isprintable() or not (_CONTROL.search(text) or _INVISIBLE.search(text)):
        return text
    return _INVISIBLE.sub(_named, _CONTROL.sub(_picture, text))


def control_characters(text: str) -> list[str]:
    """The control and invisible characters in `text`, by name, in order
    ("ESCAPE", "ZERO WIDTH SPACE"): what `bank check` warns about."""
    if text.isprintable() or not _UNSAFE.search(text):  # nearly always
        return []
    found = [*_CONTROL.finditer(text), *_INVISIBLE.finditer(text)]
    return [unicodedata.name(m.group(), f"U+{ord(m.group()):04X}")
            for m in sorted(found, key=lambda m: m.start())]


def escape_for_json(encoded: str) -> str:
    """JSON text (from json.dumps) with the characters json leaves raw
    (C1, DEL, invisible marks) written as \\u escapes: the same strings, safe to print."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


class TerminalStream:
    """A text stream that shows control characters visibly (`for_terminal`)
    before writing them to `stream`: the CLI's stdout and stderr, so no
    command can print bank text raw, whatever path it takes to click.echo."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    @property
    def unguarded(self) -> TextIO:
        """The stream beneath, for text already escaped (JSON from
        escape_for_json), so megabytes of it are not scanned twice."""
        return self._stream

    def write(self, text: str) -> int:
        self._stream.write(for_terminal(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
