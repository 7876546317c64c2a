"""The app as `interview serve` runs it: keys a browser keeps are moved, and
exports become downloads instead of files on the server."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path
from typing import Any, TextIO

import pytest
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Input

import interview.tui.screens
from interview.practice.clock import FakeClock
from interview.tui.app import BROWSER_KEYS, InterviewApp
from interview.workspace import Workspace
from tests.tui.conftest import wait_for, wait_for_screen
from tests.tui.review_seed import review_workspace, seed_history
from tests.tui.test_review_screens import open_history

BROWSER_RESERVED = {"ctrl+w", "ctrl+n", "ctrl+t"}  # tabs and windows: a page never sees them


class BrowserApp(InterviewApp):
    """InterviewApp on textual's web driver, as far as the app can tell."""

    def __init__(self, workspace: Workspace, **kwargs: Any) -> None:
        super().__init__(workspace, **kwargs)
        self.delivered: list[tuple[str, str | None, str | None]] = []

    @property
    def is_web(self) -> bool:
        return True

    def deliver_text(self, path_or_file: str | Path | TextIO, *,
                     save_filename: str | None = None, mime_type: str | None = None,
                     **_: Any) -> str | None:
        assert not isinstance(path_or_file, str | Path)
        self.delivered.append((path_or_file.read(), save_filename, mime_type))
        return "key"


def _every_binding() -> list[tuple[str, Binding]]:
    for module in pkgutil.iter_modules(interview.tui.screens.__path__):
        importlib.import_module(f"interview.tui.screens.{module.name}")
    owners: list[type[DOMNode]] = [InterviewApp]
    for module_name, module in list(importlib.sys.modules.items()):  # type: ignore[attr-defined]
        if module_name.startswith("interview.tui."):
            owners += [c for _, c in inspect.getmembers(module, inspect.isclass)
                       if issubclass(c, DOMNode) and c.__module__ == module_name]
    return [(owner.__name__, b) for owner in owners for b in owner.BINDINGS
            if isinstance(b, Binding)]


def test_every_key_a_browser_keeps_has_another_key_in_the_browser() -> None:
    bindings = _every_binding()
    reserved = [(owner, b) for owner, b in bindings
                if set(b.key.split(",")) & BROWSER_RESERVED]
    assert reserved, "the scan found no ctrl+w/n/t binding at all"
    missing = [f"{owner}: {b.key} ({b.action})" for owner, b in reserved
               if b.id not in BROWSER_KEYS]
    assert not missing, f"unreachable in a browser: {missing}"
    for owner, moved in reserved:
        taken = {b.key for o, b in bindings if o == owner and b is not moved}
        assert BROWSER_KEYS[str(moved.id)] not in taken, f"{owner}: {moved.id} collides"


async def test_in_a_browser_weakest_is_on_f2_not_ctrl_w(tmp_path: Path) -> None:
    app = BrowserApp(Workspace(database=f"sqlite:///{tmp_path / 'web.db'}"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.home_info is not None, "the home screen")
        keys = {key: active.binding.action for key, active in app.active_bindings.items()}
        assert keys.get("f2") == "weakest"
        assert "ctrl+w" not in keys


async def test_in_a_browser_the_report_is_a_download_not_a_file(
        tmp_path: Path, clock: FakeClock) -> None:
    seed_history(review_workspace(tmp_path, clock), clock)
    app = BrowserApp(review_workspace(tmp_path, clock))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot, app)
        await pilot.press("ctrl+x")
        await wait_for_screen(pilot, "ExportScreen")
        name = app.screen.query_one("#path", Input)
        assert "/" not in name.value, "a browser download is named, not placed"
        name.value = "../../etc/my-report.html"
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.delivered), "the download")
        text, filename, mime_type = app.delivered[0]
        assert filename == "my-report.html" and mime_type == "text/html"
        assert text.startswith("<!DOCTYPE html>")
        await wait_for(pilot, lambda: any("Sent the report" in n.message
                                          for n in app._notifications), "the notice")
    assert not list(tmp_path.rglob("my-report.html")), "nothing is written on the server"


async def test_a_served_page_runs_no_code_unless_the_server_allows_it(
        make_bank: Any, tmp_path: Path, clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Static

    from interview.practice.domain import SessionFilters
    from interview.practice.service import PracticeRequest
    from interview.tui.web import RUN_CODE_ENV
    from tests.tui.conftest import running, wait_for_question
    from tests.tui.test_coding_practice import coding_workspace

    monkeypatch.setenv(RUN_CODE_ENV, "0")
    workspace = coding_workspace(make_bank, tmp_path, clock)
    app = BrowserApp(workspace, start=PracticeRequest(SessionFilters(count=1)))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_question(pilot, app)
        assert "This page does not run code" in str(
            app.screen.query_one("#exercise", Static).render())
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: any("--run-code" in n.message
                                          for n in app._notifications), "the refusal")
        assert str(app.screen.query_one("#tests", Static).render()) == ""
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "RubricScreen")
        session_id = running(app).session.id
    [answer] = workspace.store().answers(session_id)
    assert answer.test_run is None, "no code ran, so no run is stored"
