"""The interviewer's screens through Pilot: a whole interview by keys lands
in the database and in `scorecard show --format json`; a killed interview
resumes with every note and grade; a self-graded loop reveals both grades
only once both are locked; the scorecard list keeps others' closed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea

from interview.cli import cli
from interview.practice.clock import FakeClock
from interview.practice.domain import Grade
from interview.practice.interview_run import InterviewRun, Stage
from interview.practice.interviewing import Recommendation, ScorecardStatus
from interview.tui.app import InterviewApp
from interview.workspace import Workspace
from tests.tui.conftest import NASTY, screen_name, screen_text, wait_for, wait_for_screen

ROOT = Path(__file__).resolve().parents[2]


def _start(workspace: Workspace, interviewer: str = "ines", *, candidate: str = "Cam",
           self_graded: bool = False) -> InterviewRun:
    return workspace.panel().start("tui-loop", candidate, interviewer, self_graded=self_graded)


async def _at_question(pilot: Pilot[Any], position: int) -> None:
    app: InterviewApp = pilot.app  # type: ignore[assignment]

    def ready() -> bool:
        run = app.current_interview
        return (screen_name(app) == "InterviewerScreen" and run is not None
                and run.position == position and app.focused is not None
                and app.focused.id == "note")

    await wait_for(pilot, ready, f"question {position + 1} with the notes box focused")


async def _note(pilot: Pilot[Any], text: str) -> None:
    note = pilot.app.screen.query_one("#note", Input)
    note.value = text
    await pilot.press("enter")


def _cli(workspace: Workspace, *args: str) -> Any:
    assert workspace.bank_dir and workspace.plans_dir and workspace.database
    return CliRunner().invoke(cli, ["--bank", str(workspace.bank_dir), "--plans",
                                    str(workspace.plans_dir), "--database",
                                    workspace.database, *args])


async def test_a_whole_interview_by_keys_lands_in_the_database_the_json_and_a_file(
        workspace: Workspace, tmp_path: Path) -> None:
    run = _start(workspace)
    app = InterviewApp(workspace, interview=run)
    async with app.run_test(size=(100, 40)) as pilot:
        await _at_question(pilot, 0)
        await _note(pilot, f"Opens with the deploy diff {NASTY}")
        await pilot.press("alt+1")  # the first signal
        await pilot.press("ctrl+t", "3")  # the third, by the chord that works everywhere
        await pilot.press("alt+a")  # the red flag
        await pilot.press("ctrl+n")  # the hint
        workspace.clock.advance(90)  # type: ignore[attr-defined]
        await wait_for(pilot, lambda: run.card.questions[0].hints != (), "the hint")
        await pilot.press("ctrl+g")
        await wait_for_screen(pilot, "GradePick")
        await pilot.press("3")
        await _at_question(pilot, 1)
        await pilot.press("ctrl+g")
        await wait_for_screen(pilot, "GradePick")
        await pilot.press("n")  # the second question was not asked
        await wait_for_screen(pilot, "InterviewEndScreen")
        await wait_for(pilot, lambda: isinstance(app.focused, Select), "the first rating")
        await pilot.press("enter", "down", "down", "down", "enter")  # 3 yes
        await pilot.press("tab")
        await pilot.press("enter", "down", "down", "down", "enter")  # yes
        await wait_for(pilot, lambda: run.card.closing.recommendation is Recommendation.YES,
                       "the recommendation to be saved")
        app.screen.query_one("#takeaways", TextArea).insert(f"Methodical {NASTY}")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "ScorecardScreen")
        assert "Status: submitted" in screen_text(app)
        # Kept as a file, as `scorecard show --format md` writes it.
        kept = tmp_path / "cam.md"
        await pilot.press("e")
        await wait_for_screen(pilot, "ExportScreen")
        assert "cam" in app.screen.query_one("#path", Input).value
        app.screen.query_one("#format", Select).value = "md"
        app.screen.query_one("#path", Input).value = str(kept)
        await pilot.press("enter")
        await wait_for(pilot, kept.exists, "the scorecard file")

    assert "Status: submitted" in kept.read_text()
    card = workspace.store().scorecards.scorecard(run.card.id)
    assert card is not None and card.status is ScorecardStatus.SUBMITTED
    first, second = card.questions
    assert (first.grade, first.signals, first.red_flags) == (Grade.YES, (0, 2), (0,))
    assert [h.index for h in first.hints] == [0]
    assert (second.grade, second.not_asked) == (None, True)
    assert card.closing.ratings == {"debugging-diagnostics": Grade.YES}
    assert card.closing.takeaways == f"Methodical {NASTY}"
    workspace.close()

    shown = _cli(workspace, "scorecard", "show", str(card.id), "--interviewer", "ines",
                 "--format", "json")
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    assert data["recommendation"] == "yes"
    assert [n["text"] for q in data["questions"] for n in q["notes"]] == [
        f"Opens with the deploy diff {NASTY}"]
    assert [s["ticked"] for s in data["questions"][0]["signals"]] == [True, False, True]
    assert data["questions"][1]["not_asked"] is True


async def test_ticks_and_grades_show_only_on_their_own_question(workspace: Workspace) -> None:
    run = _start(workspace)
    app = InterviewApp(workspace, interview=run)
    async with app.run_test(size=(80, 24)) as pilot:
        await _at_question(pilot, 0)
        await pilot.press("alt+2")
        await wait_for(pilot, lambda: "[✓] 2" in screen_text(app), "the tick, scrolled to")
        assert run.card.questions[0].signals == (1,)
        await pilot.press("alt+2")  # untick
        await wait_for(pilot, lambda: "[ ] 2" in screen_text(app), "the untick")
        assert list(run.card.questions[0].signals) == []
        await pilot.press("ctrl+g")
        await wait_for_screen(pilot, "GradePick")
        await pilot.press("escape")  # put off: nothing graded
        await _at_question(pilot, 0)
        assert run.card.questions[0].grade is None


async def test_a_self_graded_loop_reveals_both_grades_only_once_both_are_locked(
        workspace: Workspace) -> None:
    run = _start(workspace, self_graded=True)
    app = InterviewApp(workspace, interview=run)
    async with app.run_test(size=(80, 24)) as pilot:
        await _at_question(pilot, 0)
        await pilot.press("ctrl+g")
        await wait_for_screen(pilot, "GradePick")
        await pilot.press("2")  # the interviewer: no
        await wait_for(pilot, lambda: run.stage is Stage.SELF_GRADE, "the lock")
        await wait_for(pilot, lambda: "Candidate: grade your own" in screen_text(app),
                       "the candidate's turn")
        assert "Both grades" not in screen_text(app)
        await pilot.press("escape")  # the candidate cannot put it off
        assert run.stage is Stage.SELF_GRADE
        await pilot.press("4")  # the candidate: strong yes
        await _at_question(pilot, 1)
        notes = [n.message for n in app._notifications]
        assert "Interviewer: no · candidate: strong yes" in notes
    card = workspace.store().scorecards.scorecard(run.card.id)
    assert card is not None
    assert (card.questions[0].grade, card.questions[0].self_grade) == (Grade.NO,
                                                                      Grade.STRONG_YES)


@pytest.mark.postgres
async def test_the_scorecard_list_keeps_another_interviewers_card_closed(
        tui_bank: Path, tui_plans: Path, database_url: str, clock: FakeClock) -> None:
    workspace = Workspace(bank_dir=tui_bank, plans_dir=tui_plans, database=database_url,
                          clock=clock)
    mine, theirs = _start(workspace, "omar"), _start(workspace, "ines")
    theirs.grade(Grade.STRONG_YES)
    theirs.end_questions()
    theirs.set_closing(recommendation=Recommendation.STRONG_YES)
    theirs.submit()
    workspace.interviewer = "omar"
    app = InterviewApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.home_info is not None, "home")
        await pilot.press("ctrl+k")
        await wait_for_screen(pilot, "ScorecardsScreen")
        await wait_for(pilot, lambda: "hidden" in screen_text(app), "the list")
        assert "strong yes" not in screen_text(app)
        table_rows = [item.summary.interviewer for item in app.screen.listed]  # type: ignore[attr-defined]
        await pilot.press(*["down"] * table_rows.index("ines"), "enter")
        await wait_for(pilot, lambda: any("opens once yours" in n.message
                                          for n in app._notifications), "the refusal")
        assert screen_name(app) == "ScorecardsScreen"
        await pilot.press("d")
        await wait_for(pilot, lambda: any("debrief for Cam opens" in n.message
                                          for n in app._notifications), "the refusal")
        assert screen_name(app) == "ScorecardsScreen"
    mine.end_questions()
    mine.set_closing(recommendation=Recommendation.NO)
    mine.submit()
    app = InterviewApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.home_info is not None, "home")
        await pilot.press("ctrl+k")
        await wait_for(pilot, lambda: "strong yes" in screen_text(app), "ines's decision")
        await pilot.press("d")
        await wait_for_screen(pilot, "DebriefScreen")
        text = screen_text(app)
        assert "ines" in text and "omar" in text
    workspace.close()


CHILD = """
import asyncio, sys
from pathlib import Path
from textual.widgets import Input
from interview.tui.app import InterviewApp
from interview.workspace import Workspace

bank, plans, database = sys.argv[1:4]

async def main() -> None:
    workspace = Workspace(bank_dir=Path(bank), plans_dir=Path(plans), database=database)
    run = workspace.panel().start("tui-loop", "Cam", "ines")
    app = InterviewApp(workspace, interview=run)
    async with app.run_test(size=(80, 24)) as pilot:
        async def settle(condition):
            for _ in range(500):
                await pilot.pause(0.02)
                if condition():
                    return
            raise SystemExit("timed out")
        await settle(lambda: app.focused is not None and app.focused.id == "note")
        app.screen.query_one("#note", Input).value = "first note"
        await pilot.press("enter")
        await pilot.press("alt+1")
        await pilot.press("ctrl+g")
        await settle(lambda: type(app.screen).__name__ == "GradePick")
        await pilot.press("4")
        await settle(lambda: run.position == 1 and app.focused is not None
                     and app.focused.id == "note")
        app.screen.query_one("#note", Input).value = "second note"
        await pilot.press("enter")
        await settle(lambda: len(run.card.notes) == 2)
        print("committed", flush=True)
        await asyncio.sleep(60)

asyncio.run(main())
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
async def test_a_killed_interview_resumes_with_every_note_and_grade(
        workspace: Workspace) -> None:
    assert workspace.bank_dir and workspace.plans_dir and workspace.database
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(workspace.bank_dir), str(workspace.plans_dir),
         workspace.database], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
    assert child.stdout is not None and child.stderr is not None
    line = child.stdout.readline()
    assert line == b"committed\n", child.stderr.read().decode()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    child.stdout.close()
    child.stderr.close()

    panel = workspace.panel()
    (open_card,) = panel.open_scorecards("Cam", "ines", "tui-loop")
    run = panel.resume(open_card.id)
    assert run.position == 1
    assert [n.text for n in run.card.notes] == ["first note", "second note"]
    assert (run.card.questions[0].grade, run.card.questions[0].signals) == (Grade.STRONG_YES,
                                                                           (0,))
    app = InterviewApp(workspace, interview=run)
    async with app.run_test(size=(80, 24)) as pilot:
        await _at_question(pilot, 1)
        assert "second note" in screen_text(app)


def _rehearse(workspace: Workspace, pairs: list[tuple[int, int]]) -> None:
    """A self-graded loop for the profile `ada`: (interviewer, self) per question."""
    run = workspace.panel().start("tui-loop", "ada", "peer", self_graded=True)
    for interviewer_grade, self_grade in pairs:
        run.grade(Grade(interviewer_grade))
        run.self_grade(Grade(self_grade))
    run.set_closing(recommendation=Recommendation.YES)
    run.submit()


async def test_trends_and_readiness_show_self_grades_against_the_interviewers(
        workspace: Workspace) -> None:
    _rehearse(workspace, [(2, 3), (3, 4)])  # the candidate grades themselves 1 higher
    info = workspace.readiness("software-engineer", "senior")
    assert info.interviewer_graded == 2
    assert info.calibration is not None and info.calibration.mean_gap == 1.0
    (item,) = [c for c in info.readiness.competencies
               if c.competency == "debugging-diagnostics"]
    assert item.recent_grades == (2, 3)  # the interviewer's grades, not the self-grades
    app = InterviewApp(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.home_info is not None, "home")
        await pilot.press("ctrl+y")
        await wait_for_screen(pilot, "HistoryScreen")
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: "Self-grades against your interviewers: +1.00 (you "
                                      "grade yourself higher)" in screen_text(app),
                       "the calibration line")
        assert "interviewer's grade for 2 answer(s)" in screen_text(app)
        await pilot.press("escape")
        await wait_for_screen(pilot, "HistoryScreen")
        await pilot.press("ctrl+t")
        await wait_for_screen(pilot, "TrendsScreen")
        body = app.screen.query_one("#calibration", Static)
        await wait_for(pilot, lambda: body.display, "the calibration section")
        assert str(body.content).startswith("all: +1.00 (you grade yourself higher)")
        assert "debugging-diagnostics: +1.00" in str(body.content)
