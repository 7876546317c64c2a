"""Start-up, whole process, warm cache: time from spawning a fresh interpreter
until the home screen's form takes a key, against a bare Textual "hello"
app's Ready (the anchor), both started the same way in the same run.

Budget (DESIGN.md): ratio of medians <= 1.25. The bare app stops at Ready
(its first frame, when it can take keys); ours stops when the whole home
form is mounted (its Start button too) with focus on its first field, as
seen by a timer on the app's event loop, which is when a key reaches it:
Ready alone may show only "Loading the question bank…". Also
printed: when the panels (interrupted, due, weakest) have filled in, and the
floor under ours: the same form alone in a bare app, until its first field
has focus (Textual's own cost of those widgets, none of ours). Runs
alternate between the two apps so machine noise hits both alike. The data:
the bundled bank with its cache warm and a database at the schema head
holding a few sessions (a user's second start), and the package's bytecode
compiled, as an installed copy has it (bytecode.py).

    .venv/bin/python benchmarks/startup_bench.py [--runs 15]
"""

from __future__ import annotations

import argparse
import ast
import os
import statistics
import subprocess
import sys
import tempfile
import time

from benchtable import result
from bytecode import compile_package

from interview.tui.app import STYLESHEETS

HELLO = """
import time
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("hello")

    def on_ready(self):
        print(time.time(), flush=True)
        self.exit()

Hello().run(headless=True)
"""

# The floor under ours: Textual's own cost of the same form (its widgets,
# styles and first paint) in a bare app, with the choices the bank gives it
# and nothing else of ours: no workspace, no panels, no shortcuts.
FORM_ONLY = """
import time
from textual.app import App
from textual.containers import VerticalScroll
from interview.tui.widgets.practice_form import PracticeForm

CHOICES = %r

class FormOnly(App):
    CSS_PATH = %r
    AUTO_FOCUS = ""  # as on the home screen: the form puts focus on its first field

    def compose(self):
        with VerticalScroll(id="practice-form"):
            yield PracticeForm(*CHOICES)

    def on_ready(self):
        self.set_interval(0.002, self._check)

    def _check(self):
        if self.focused is not None and self.focused.id == "role":
            print(time.time(), flush=True)
            self.exit()

FormOnly().run(headless=True)
"""

# The same imports as the `interview` console script, then the real app and
# workspace; only the exit on Ready is added.
INTERVIEW = """
import time
import interview.cli
InterviewApp = interview.cli.import_app().InterviewApp
from interview.workspace import Workspace

class Timed(InterviewApp):
    def on_ready(self):
        self.set_interval(0.002, self._check)
        self._usable = None

    def _check(self):
        focused = self.focused
        if (self._usable is None and focused is not None and focused.id == "role"
                and self.screen.query("#start")):
            self._usable = time.time()  # the form is up and a key goes to it
        if self._usable is not None and self.home_info is not None:
            print(self._usable, time.time(), flush=True)
            self.exit()

Timed(Workspace()).run(headless=True)
"""


def time_once(code: str, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawning the interpreter to the moment measured, and to
    the last thing printed (the panels, for ours; the same for the bare app)."""
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code], check=True, env=env,
                          capture_output=True, text=True, timeout=120)
    stamps = [float(value) for value in done.stdout.split()]
    return stamps[0] - start, stamps[-1] - start


def seed_history(env: dict[str, str]) -> None:
    """A database at head with a few sessions, one of them interrupted."""
    code = ("from interview.practice.domain import SessionFilters\n"
            "from interview.practice.service import PracticeRequest\n"
            "from interview.workspace import Workspace\n"
            "w = Workspace()\n"
            "for seed in range(3):\n"
            "    w.start(PracticeRequest(SessionFilters(count=2, seed=seed)))\n"
            "w.close()\n")
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    compile_package()  # as an installed copy has it
    home = tempfile.mkdtemp(prefix="interview-startup-")
    env = {**os.environ, "INTERVIEW_HOME": home}
    seed_history(env)
    form_only = FORM_ONLY % (form_choices(env), [str(path) for path in STYLESHEETS])
    # Warm the OS file cache and the bank cache, as a user's second start would.
    time_once(HELLO, env)
    time_once(INTERVIEW, env)
    time_once(form_only, env)
    hello: list[float] = []
    usable: list[float] = []
    panels: list[float] = []
    floor: list[float] = []
    for _ in range(args.runs):
        hello.append(time_once(HELLO, env)[0])
        form, filled = time_once(INTERVIEW, env)
        usable.append(form)
        panels.append(filled)
        floor.append(time_once(form_only, env)[0])
    hello_ms = statistics.median(hello) * 1000
    anchor = "bare Textual app's Ready"
    print(f"medians over {args.runs} runs, whole process from spawn, warm cache")
    result("start-up: home form usable", statistics.median(usable) * 1000, "ms",
           anchor=hello_ms, anchor_name=anchor, budget=1.25, budget_on="ratio")
    result("start-up: home panels filled", statistics.median(panels) * 1000, "ms",
           anchor=hello_ms, anchor_name=anchor, note="no budget")
    result("start-up: the form alone in a bare app", statistics.median(floor) * 1000, "ms",
           anchor=hello_ms, anchor_name=anchor,
           note="no budget; Textual's floor for this form")


def form_choices(env: dict[str, str]) -> tuple[list[str], ...]:
    """The roles, levels, competencies and kinds the bundled bank gives the form."""
    code = ("from interview.workspace import Workspace\n"
            "f = Workspace().home_form()\n"
            "print(repr((list(f.roles), list(f.levels), list(f.competencies), list(f.kinds))))")
    done = subprocess.run([sys.executable, "-c", code], check=True, env=env,
                          capture_output=True, text=True)
    return tuple(ast.literal_eval(done.stdout.strip()))


if __name__ == "__main__":
    main()
