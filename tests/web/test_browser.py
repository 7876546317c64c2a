"""The app in a real browser: `interview serve` driven by Playwright in Debian's Chromium.

Skipped, with the reason, only where Chromium or Playwright is missing;
.ci/run installs Chromium first, so CI always runs these.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.web.served import (
    Terminal,
    all_press,
    chromium_missing,
    chromium_path,
    serving,
    storage_errors,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.slow, pytest.mark.skipif(chromium_missing() is not None,
                                                   reason=chromium_missing() or "")]
ARTEFACTS = Path(os.environ.get("INTERVIEW_TEST_ARTEFACTS", "test-artefacts"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        launched = playwright.chromium.launch(executable_path=chromium_path(),
                                              args=["--no-sandbox"])
        yield launched
        launched.close()


def history(home: Path, *args: str) -> object:
    done = subprocess.run([sys.executable, "-m", "interview", "history", *args,
                           "--format", "json"], capture_output=True, text=True, check=True,
                          env={**os.environ, "INTERVIEW_HOME": str(home)})
    return json.loads(done.stdout)


def answer_and_grade(terminal: Terminal, answer: str, grade: str) -> None:
    """On a question: type the answer, submit it, grade it on the rubric."""
    terminal.type(answer)
    terminal.press("Control+s", then_shows="Strong yes")
    terminal.press(grade, then_shows="Submit")  # the next question's footer


def test_an_answer_typed_and_graded_in_the_browser_is_in_the_database(
    browser: Browser, tmp_path: Path, tui_bank: Path, tui_plans: Path,
) -> None:
    answer = "Cap the queue at 2,000 and shed with 503 [bold]before[/bold] the pool saturates."
    # A bank of three plain questions: the bundled one could pick a coding
    # question, whose answer box starts with code.
    with serving(tmp_path, "--bank", str(tui_bank), "--plans", str(tui_plans)) as server:
        page = browser.new_page(viewport={"width": 1100, "height": 700})
        terminal = Terminal(page, server.url)
        terminal.wait_until_usable()
        terminal.press("Control+s", then_shows="Submit")
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "browser-question-screen.png"))
        answer_and_grade(terminal, answer, "4")
        hosts = terminal.fetched_hosts
        page.close()
    assert "Stopped serving" in "".join(server.output), server.output
    assert hosts == {server.url.removeprefix("http://")}, "the page fetched from another host"

    sessions = history(tmp_path)
    assert isinstance(sessions, list) and len(sessions) == 1
    assert sessions[0]["graded"] == 1
    shown = history(tmp_path, "show", str(sessions[0]["id"]))
    assert isinstance(shown, dict)
    [graded] = shown["answers"]
    assert graded["text"] == answer, "markup in an answer must arrive as typed"
    assert graded["grade"] == 4


def test_pages_grading_at_once_on_one_sqlite_file_lose_nothing(
    browser: Browser, tmp_path: Path, tui_bank: Path, tui_plans: Path,
) -> None:
    pages = 3
    # A bank of three plain questions: the bundled one could pick a coding
    # question, whose answer box starts with code.
    with serving(tmp_path, "--bank", str(tui_bank), "--plans", str(tui_plans)) as server:
        terminals = [Terminal(browser.new_page(viewport={"width": 1000, "height": 600}),
                              server.url) for _ in range(pages)]
        for terminal in terminals:
            terminal.wait_until_usable()
            terminal.press("Control+s", then_shows="Submit")
        for round_ in range(2):  # every page submits, then every page grades: writes overlap
            for n, terminal in enumerate(terminals):
                terminal.type(f"Page {n} answer {round_} on one shared file.")
            all_press(terminals, "Control+s", then_shows="Strong yes")
            all_press(terminals, "3", then_shows="Submit")
        errors = storage_errors(terminals)
        for terminal in terminals:
            terminal.page.close()

    sessions = history(tmp_path)
    assert isinstance(sessions, list)
    assert sorted(s["graded"] for s in sessions) == [2] * pages
    assert errors == 0, "a page showed a storage error"
