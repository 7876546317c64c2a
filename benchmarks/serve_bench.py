"""The app in a browser: time from starting `interview serve` to a usable page
in Chromium, as a ratio against textual-serve serving a bare Textual app, and
several pages grading at once against one SQLite file. Prints figures; asserts
nothing.

Whole process, cold: each run spawns a fresh server (the anchor: textual-serve's
own Server running a one-widget "hello" app), opens a new page in an already
running Chromium and stops the clock when the page shows what a person waits
for: "hello" for the anchor; the home form ready for keys ("Start practice",
drawn once the bank is read) for ours. Runs alternate so noise hits both.

The concurrency part opens --pages pages on one server (default 5), starts a
session on each, and has every page answer and grade --answers questions in
lockstep (all submit, then all grade), so the apps write at the same moment.
It reports answers expected and found in the database, and storage errors
any page showed.

Budgets: none is set for the start-up ratio (it is printed against its
anchor, for information); no graded answer may be lost and no page may show
a storage error (budget 0 for each). Needs Chromium (tests/web/served.py
says where it looks); without it the script exits non-zero at once.

    .venv/bin/python benchmarks/serve_bench.py [--runs 5] [--pages 5] [--answers 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchtable import result

from tests.web.served import (
    Terminal,
    all_press,
    chromium_missing,
    chromium_path,
    free_port,
    running,
    serving,
    storage_errors,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

HELLO = textwrap.dedent("""
    from textual.app import App
    from textual.widgets import Static

    class Hello(App):
        def compose(self):
            yield Static("hello")

    Hello().run()
""")
ANCHOR_SERVER = textwrap.dedent("""
    import sys
    from textual_serve.server import Server
    Server(sys.argv[1], port=int(sys.argv[2])).serve()
""")


def time_anchor(browser: Browser, directory: Path) -> float:
    hello = directory / "hello.py"
    hello.write_text(HELLO)
    port = free_port()
    command = [sys.executable, "-c", ANCHOR_SERVER, f"{sys.executable} {hello}", str(port)]
    with running(command, f"http://localhost:{port}", {}, ready="Serving") as server:
        page = browser.new_page()
        terminal = Terminal(page, server.url)
        terminal.wait_for("hello")
        elapsed = time.monotonic() - server.started
        page.close()
    return elapsed


def time_ours(browser: Browser, home: Path) -> float:
    with serving(home) as server:
        page = browser.new_page()
        terminal = Terminal(page, server.url)
        terminal.wait_until_usable()
        elapsed = time.monotonic() - server.started
        page.close()
    return elapsed


def grade_at_once(browser: Browser, home: Path, pages: int,
                  answers: int) -> tuple[int, int, int, float]:
    """(answers expected, answers graded in the database, errors shown, seconds)."""
    with serving(home) as server:
        terminals = [Terminal(browser.new_page(), server.url) for _ in range(pages)]
        started = time.monotonic()
        for terminal in terminals:
            terminal.wait_until_usable()
            terminal.press("Control+s", then_shows="Submit")
        for round_ in range(answers):
            for n, terminal in enumerate(terminals):
                terminal.type(f"Page {n}, answer {round_}: bound the queue and shed load.")
            all_press(terminals, "Control+s", then_shows="Strong yes")
            all_press(terminals, "3", then_shows="Average per competency" if round_ == answers - 1
                      else "Submit")
        seconds = time.monotonic() - started
        errors = storage_errors(terminals)
        for terminal in terminals:
            terminal.page.close()
    listed = subprocess.run([sys.executable, "-m", "interview", "history", "--format", "json"],
                            capture_output=True, text=True, check=True,
                            env={**os.environ, "INTERVIEW_HOME": str(home)})
    graded = sum(session["graded"] for session in json.loads(listed.stdout))
    return pages * answers, graded, errors, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--answers", type=int, default=5)
    args = parser.parse_args()
    missing = chromium_missing()
    if missing:
        sys.exit(f"serve_bench: {missing}")

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as scratch:
        browser = playwright.chromium.launch(executable_path=chromium_path(),
                                             args=["--no-sandbox"])
        anchor: list[float] = []
        ours: list[float] = []
        for run in range(args.runs):
            home = Path(scratch) / f"home-{run}"
            home.mkdir()
            anchor.append(time_anchor(browser, Path(scratch)))
            ours.append(time_ours(browser, home))
        home = Path(scratch) / "shared"
        home.mkdir()
        expected, graded, errors, seconds = grade_at_once(browser, home, args.pages,
                                                          args.answers)
        browser.close()
    a, o = statistics.median(anchor), statistics.median(ours)
    print("runs, ms: anchor (textual-serve, bare app) "
          f"{', '.join(f'{x * 1000:.0f}' for x in anchor)}; "
          f"interview serve {', '.join(f'{x * 1000:.0f}' for x in ours)}")
    result("serve: spawn to usable home page, median", o * 1000, "ms", anchor=a * 1000,
           anchor_name="textual-serve bare app", note=f"{args.runs} runs; no budget")
    together = f"{args.pages} pages x {args.answers} answers at once, {seconds:.1f} s"
    result("serve: graded answers lost", expected - graded, "answers", budget=0,
           budget_on="figure", note=f"{graded} of {expected} in the database; {together}")
    result("serve: storage errors shown", errors, "errors", budget=0, budget_on="figure",
           note=together)


if __name__ == "__main__":
    main()
