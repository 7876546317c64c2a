"""Start-up: time until the home screen is interactive, as a ratio against a
bare Textual "hello" app started the same way on the same machine.

Budget (DESIGN.md): ratio <= 1.25. Each run is a fresh interpreter, timed from
spawn to Textual's Ready event (DOM ready, first frame displayed); runs alternate
between the two apps so machine noise hits both alike.

    .venv/bin/python benchmarks/startup_bench.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

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

# The same imports as the `interview` console script, then the real app and
# workspace; only the exit on Ready is added.
INTERVIEW = """
import time
import interview.cli
from pathlib import Path
from interview.tui.app import InterviewApp
from interview.workspace import Workspace

class Timed(InterviewApp):
    # Textual resolves CSS_PATH beside the subclass's file, which -c code has not.
    CSS_PATH = str(Path(interview.cli.__file__).parent.parent / "tui" / "app.tcss")

    def on_ready(self):
        print(time.time(), flush=True)
        self.exit()

Timed(Workspace()).run(headless=True)
"""


def time_once(code: str, env: dict[str, str]) -> float:
    """Seconds from spawning the interpreter to the app's first interactive frame.

    The child prints the wall-clock time at Ready; the exit after it (which
    waits for background workers such as the bank load) is not counted.
    """
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code], check=True, env=env,
                          capture_output=True, text=True)
    return float(done.stdout.split()[-1]) - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="interview-startup-")
    env = {**os.environ, "INTERVIEW_HOME": home}
    # Warm the OS file cache and the bank cache, as a user's second start would.
    time_once(HELLO, env)
    time_once(INTERVIEW, env)
    hello: list[float] = []
    ours: list[float] = []
    for _ in range(args.runs):
        hello.append(time_once(HELLO, env))
        ours.append(time_once(INTERVIEW, env))
    hello_ms = statistics.median(hello) * 1000
    ours_ms = statistics.median(ours) * 1000
    print(f"bare Textual app : median {hello_ms:7.1f} ms over {args.runs} runs")
    print(f"interview home   : median {ours_ms:7.1f} ms over {args.runs} runs")
    print(f"ratio            : {ours_ms / hello_ms:.2f}  (budget 1.25)")


if __name__ == "__main__":
    main()
