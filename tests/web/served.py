"""`interview serve` as a user starts it, and a page of it in a real Chromium.

The terminal in the page is drawn on a canvas, so what the app shows is read
from the bytes it sends over the page's websocket, escape sequences removed.
Textual redraws only what changed, so wait for words the new screen adds.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page, WebSocket

CHROMIUM = "/usr/bin/chromium"
_ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]"  # CSI: cursor moves, colours, modes
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, clipboard
    rb"|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -c constraints.txt -e '.[test]')"
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        return "Chromium is not installed (apt-get install chromium; .ci/run does it)"
    return None


def chromium_path() -> str:
    return CHROMIUM if Path(CHROMIUM).exists() else str(shutil.which("chromium"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[str]
    started: float  # time.monotonic() when `interview serve` was launched
    output: list[str] = field(default_factory=list)


@contextmanager
def serving(home: Path, *args: str, host: str | None = None, extra: tuple[str, ...] = (),
            timeout: float = 30) -> Iterator[Server]:
    """`interview serve` on a free port with INTERVIEW_HOME=home (`args` go
    before `serve`, `extra` after it), until it says where to open it; stopped
    with ctrl+c (SIGINT) afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "interview", *args, "serve", "--port", str(port),
               *(["--host", host] if host else []), *extra]
    with running(command, f"http://127.0.0.1:{port}", {"INTERVIEW_HOME": str(home)},
                 ready="Open ", timeout=timeout) as server:
        yield server


@contextmanager
def running(command: list[str], url: str, env: dict[str, str], *, ready: str,
            timeout: float = 30) -> Iterator[Server]:
    """A server process, once a line of its output contains `ready`; stopped
    with ctrl+c (SIGINT) afterwards."""
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env={**os.environ, **env})
    server = Server(url, process, started)
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                raise AssertionError(f"the server exited: {''.join(server.output)}")
            server.output.append(line)
            if ready in line:
                break
        else:
            raise AssertionError(f"the server did not start: {''.join(server.output)}")
        yield server
    finally:
        process.send_signal(2)
        try:
            rest, _ = process.communicate(timeout=20)
            server.output.append(rest)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


class Terminal:
    """One page of the app: keys go to the terminal, text comes from its websocket."""

    def __init__(self, page: Page, url: str) -> None:
        self.page = page
        self.frames: list[bytes] = []
        self.fetched_hosts: set[str] = set()
        page.on("websocket", self._watch)
        page.on("request", lambda request: self.fetched_hosts.add(request.url.split("/")[2]))
        page.goto(url)

    def _watch(self, websocket: WebSocket) -> None:
        websocket.on("framereceived", lambda payload: self.frames.append(
            payload if isinstance(payload, bytes) else payload.encode()))

    def mark(self) -> int:
        """A point in the output to wait from: take it before pressing a key."""
        return len(self.frames)

    def text(self, since: int = 0) -> str:
        raw = b"".join(self.frames[since:])
        return _ESCAPES.sub(b"", raw).decode("utf-8", "replace")

    def wait_for(self, words: str, since: int = 0, timeout: float = 30) -> None:
        # The sync API delivers websocket events only while it is called, so
        # wait with the page's own timer, never time.sleep.
        deadline = time.monotonic() + timeout
        while words not in self.text(since):
            if time.monotonic() > deadline:
                raise AssertionError(f"the page never showed {words!r}; it last showed: "
                                     f"{self.text(since)[-400:]!r}")
            self.page.wait_for_timeout(50)

    def press(self, key: str, then_shows: str) -> None:
        since = self.mark()
        self.page.keyboard.press(key)
        self.wait_for(then_shows, since)

    def type(self, text: str) -> None:
        since = self.mark()
        self.page.keyboard.type(text)
        self.wait_for(text.split()[-1], since)

    def wait_until_usable(self) -> None:
        """The home form is ready for keys (the bank is read), not only drawn."""
        self.wait_for("Start practice")
        self.page.focus(".xterm-helper-textarea")


def all_press(terminals: list[Terminal], key: str, then_shows: str) -> None:
    """Press `key` on every page before waiting for any of them, so the apps
    behind them write to the database at the same moment."""
    marks = [terminal.mark() for terminal in terminals]
    for terminal in terminals:
        terminal.page.keyboard.press(key)
    for terminal, mark in zip(terminals, marks, strict=True):
        terminal.wait_for(then_shows, since=mark)


# What the app shows when a write fails: the notice's title, and the store's
# words for a busy SQLite file. Neither phrase is in any bank text.
FAILED_WRITE = ("Something went wrong", "locked by another process")


def storage_errors(terminals: list[Terminal]) -> int:
    """How many times the pages showed a failed write."""
    shown = "".join(terminal.text() for terminal in terminals)
    return sum(shown.count(marker) for marker in FAILED_WRITE)
