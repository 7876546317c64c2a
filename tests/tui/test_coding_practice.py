"""A coding question through Pilot: the starter in a code editor, ctrl+r runs
the tests, submitting stores the run of exactly the code submitted, and the
rubric shows it beside the reference."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from interview.cli import cli
from interview.practice.clock import FakeClock
from interview.practice.domain import SessionFilters
from interview.practice.service import PracticeRequest
from interview.tui.app import InterviewApp
from interview.workspace import Workspace
from tests.bankfiles import BankFactory, question_file
from tests.test_bank_exercises import EXERCISE, coding
from tests.tui.conftest import running, wait_for, wait_for_question, wait_for_screen


def coding_workspace(make_bank: BankFactory, tmp_path: Path, clock: FakeClock) -> Workspace:
    bank = make_bank({"code.yaml": question_file(coding(outline="Return twice n."))})
    plans = tmp_path / "no-plans"  # the shipped plans name questions this bank lacks
    plans.mkdir(exist_ok=True)
    return Workspace(bank_dir=bank, plans_dir=plans,
                     database=f"sqlite:///{tmp_path / 'code.db'}", profile="ada", clock=clock)


def shown(app: InterviewApp, selector: str) -> str:
    """What the widget shows; "" until the screen has mounted it."""
    found = app.screen.query(selector).results(Static)
    return next((str(widget.render()) for widget in found), "")


async def starter_run(pilot: Pilot[None], app: InterviewApp) -> TextArea:
    """At the question, the tests run once on the starter; the editor."""
    await wait_for_question(pilot, app)
    await pilot.press("ctrl+r")
    await wait_for(pilot, lambda: "0 of 6 tests passed" in shown(app, "#tests"),
                   "the starter's run")
    return app.screen.query_one("#answer", TextArea)


async def test_run_the_tests_fix_the_code_submit_and_see_the_reference(
        make_bank: BankFactory, tmp_path: Path, clock: FakeClock) -> None:
    workspace = coding_workspace(make_bank, tmp_path, clock)
    app = InterviewApp(workspace, start=PracticeRequest(SessionFilters(count=1)))
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await starter_run(pilot, app)
        assert editor.text == EXERCISE["starter"] and editor.language == "python"
        assert "✗ test_0: NotImplementedError" in shown(app, "#tests")
        editor.text = EXERCISE["reference"]
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "RubricScreen")
        await wait_for(pilot, lambda: "6 of 6 tests passed" in shown(app, "#test-run"),
                       "the rubric's test run")
        assert "return 2 * n" in shown(app, "#reference")
        assert "Without multiplication." in shown(app, "#stretch")
        session_id = running(app).session.id
        rubric = app.screen
        await pilot.press("3")
        await wait_for_screen(pilot, "SummaryScreen")
        # The graded session is finished; the rubric screen, on its way out,
        # may still be asked which keys to show, and must not crash the app.
        assert rubric.check_action("tick", ()) is True
    [answer] = workspace.store().answers(session_id)
    assert answer.text == EXERCISE["reference"]
    assert answer.test_run is not None and answer.test_run["status"] == "passed"
    assert [c["passed"] for c in answer.test_run["cases"]] == [True] * 6
    workspace.close()
    base = ["--bank", str(workspace.bank_dir), "--database", str(workspace.database)]
    table = CliRunner().invoke(cli, [*base, "history", "show", str(session_id)])
    assert "    tests: 6 of 6 tests passed" in table.output, table.output
    data = json.loads(CliRunner().invoke(cli, [*base, "history", "show", str(session_id),
                                               "--format", "json"]).output)
    assert data["answers"][0]["test_run"]["status"] == "passed"
    for output_format, shows in (("md", "- Tests: 6 of 6 tests passed"),
                                 ("html", "<dt>Tests</dt><dd>6 of 6 tests passed</dd>"),
                                 ("csv", ",6,6,")):
        report = CliRunner().invoke(cli, [*base, "report", "--format", output_format,
                                          "--out", "-"])
        assert shows in report.output, (output_format, report.output[-500:])


async def test_submitting_untested_code_runs_the_tests_on_what_was_submitted(
        make_bank: BankFactory, tmp_path: Path, clock: FakeClock) -> None:
    workspace = coding_workspace(make_bank, tmp_path, clock)
    app = InterviewApp(workspace, start=PracticeRequest(SessionFilters(count=1)))
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await starter_run(pilot, app)  # then an edit: that run is stale
        editor.text = "def double(n: int) -> int:\n    return n + n if n else 1\n"
        tests = app.screen.query_one("#tests", Static)
        await pilot.press("ctrl+s")
        assert "Running the tests on what you submit" in str(tests.render())
        await wait_for_screen(pilot, "RubricScreen")
        session_id = running(app).session.id
    [answer] = workspace.store().answers(session_id)
    assert answer.test_run is not None and answer.test_run["status"] == "failed"
    assert [c["name"] for c in answer.test_run["cases"] if not c["passed"]] == ["test_0"]


async def test_the_interviewer_sees_the_brief_and_the_reference(
        make_bank: BankFactory, tmp_path: Path, clock: FakeClock) -> None:
    workspace = coding_workspace(make_bank, tmp_path, clock)
    assert workspace.plans_dir is not None
    (workspace.plans_dir / "coding-round.yaml").write_text(
        "id: coding-round\ntitle: A coding round\nrole: software-engineer\nlevel: senior\n"
        "rounds:\n  - title: Coding\n    minutes: 30\n    questions: [code-double]\n")
    run = workspace.panel().start("coding-round", "Cam", "ines")
    app = InterviewApp(workspace, interview=run)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "InterviewerScreen")
        await wait_for(pilot, lambda: "Write: def double(n: int) -> int" in shown(
            app, "#exercise"), "the brief")
        assert "return 2 * n" in shown(app, "#reference")
