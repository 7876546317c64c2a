"""`interview scorecard`, `debrief` and `calibration` on SQLite and
PostgreSQL: independent scoring holds through the CLI, and every refusal is
one readable line."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.cli import cli
from interview.practice.clock import FakeClock
from interview.practice.domain import Grade
from interview.practice.interview_run import InterviewRun
from interview.practice.interviewing import Recommendation
from interview.workspace import Workspace
from tests.cliout import assert_clean_failure
from tests.tuibank import NASTY

pytestmark = pytest.mark.postgres


@pytest.fixture
def team(tui_bank: Path, tui_plans: Path, database_url: str) -> Iterator[Workspace]:
    workspace = Workspace(bank_dir=tui_bank, plans_dir=tui_plans, database=database_url,
                          clock=FakeClock())
    yield workspace
    workspace.close()


def _cli(team: Workspace, *args: str) -> Result:
    assert team.bank_dir and team.plans_dir and team.database
    return CliRunner().invoke(cli, ["--bank", str(team.bank_dir), "--plans",
                                    str(team.plans_dir), "--database", team.database, *args])


def _interview(team: Workspace, interviewer: str, grades: tuple[int, int],
               recommendation: Recommendation | None = None, *,
               candidate: str = "Cam") -> InterviewRun:
    run = team.panel().start("tui-loop", candidate, interviewer)
    run.add_note(f"{interviewer} heard {NASTY}")
    for grade in grades:
        run.grade(Grade(grade))
    run.set_closing(ratings={"debugging-diagnostics": Grade(grades[0])})
    if recommendation is not None:
        run.set_closing(recommendation=recommendation)
        run.submit()
    return run


def test_an_open_interviewer_cannot_read_another_scorecard_until_theirs_is_in(
        team: Workspace) -> None:
    ines = _interview(team, "ines", (4, 4), Recommendation.STRONG_YES)
    omar = _interview(team, "omar", (2, 3))  # still open
    refused = _cli(team, "scorecard", "show", str(ines.card.id), "--interviewer", "omar")
    assert_clean_failure(refused, "ines's", "submit your own scorecard for Cam first")
    listed = json.loads(_cli(team, "scorecard", "list", "--interviewer", "omar",
                             "--format", "json").output)
    by_id = {row["id"]: row for row in listed}
    assert by_id[ines.card.id]["hidden"] is True
    assert by_id[ines.card.id]["recommendation"] is None  # the decision is withheld
    assert by_id[ines.card.id]["status"] == "submitted"  # but the card is listed
    assert by_id[omar.card.id]["hidden"] is False
    assert_clean_failure(_cli(team, "debrief", "Cam", "--interviewer", "omar"),
                         "opens once your own scorecard for them is submitted")
    assert_clean_failure(_cli(team, "debrief", "Cam", "--interviewer", "omar", "--lead"),
                         "opens once your own")  # a lead holding an open card waits too

    omar.set_closing(recommendation=Recommendation.NO)
    omar.submit()
    shown = _cli(team, "scorecard", "show", str(ines.card.id), "--interviewer", "omar",
                 "--format", "json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["recommendation"] == "strong-yes"
    debrief = json.loads(_cli(team, "debrief", "Cam", "--interviewer", "omar",
                              "--format", "json").output)
    assert debrief["interviewers"] == ["ines", "omar"]
    marks = {row["key"]: row for row in debrief["questions"]}
    assert marks["tui-q1"]["marks"] == [4, 2] and marks["tui-q1"]["split"] is True
    assert marks["tui-q2"]["marks"] == [4, 3] and marks["tui-q2"]["split"] is False
    assert debrief["recommendations"] == ["strong-yes", "no"]


def test_a_hiring_lead_off_the_panel_reads_every_submitted_scorecard(team: Workspace) -> None:
    _interview(team, "ines", (3, 3), Recommendation.YES)
    _interview(team, "omar", (1, 3), Recommendation.NO)
    table = _cli(team, "debrief", "Cam", "--interviewer", "lee", "--lead")
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    q1 = next(line for line in lines if line.startswith("tui-q1"))
    assert q1.split()[1:] == ["3", "1", "2.00", "!"]
    assert "Split rows (2+ points apart): 2" in table.output  # q1 and its competency
    assert_clean_failure(_cli(team, "debrief", "Cam", "--interviewer", "lee"),
                         "--lead")


def test_scorecard_exports_are_literal_and_never_overwrite(team: Workspace,
                                                           tmp_path: Path) -> None:
    run = _interview(team, "ines", (3, 2), Recommendation.YES)
    out = tmp_path / "card.html"
    written = _cli(team, "scorecard", "show", str(run.card.id), "--interviewer", "ines",
                   "--format", "html", "--out", str(out))
    assert written.exit_code == 0, written.output
    page = out.read_text()
    assert "[@click=app.quit]" in page and "<script" not in page
    again = _cli(team, "scorecard", "show", str(run.card.id), "--interviewer", "ines",
                 "--format", "md", "--out", str(out))
    assert_clean_failure(again, str(out), "--force")
    assert out.read_text() == page  # nothing already written is lost


def test_unknown_ids_and_bad_names_are_one_line(team: Workspace) -> None:
    assert_clean_failure(_cli(team, "scorecard", "show", "999"), "no scorecard 999")
    assert_clean_failure(_cli(team, "debrief", "Nobody"), "no scorecards for 'Nobody'")
    assert_clean_failure(_cli(team, "scorecard", "show", "99999999999999999999"), "ID")
    assert_clean_failure(_cli(team, "run", "tui-loop", "--candidate", "a\x1b[31mb"),
                         "control characters")
    assert_clean_failure(_cli(team, "run", "no-such-plan", "--candidate", "Cam"),
                         "no plan 'no-such-plan'")


def test_discard_removes_only_your_own_open_scorecard(team: Workspace) -> None:
    open_card = _interview(team, "ines", (3, 3))
    assert_clean_failure(_cli(team, "scorecard", "discard", str(open_card.card.id),
                              "--interviewer", "omar"), "submit your own")
    done = _interview(team, "omar", (2, 2), Recommendation.NO)
    assert_clean_failure(_cli(team, "scorecard", "discard", str(done.card.id),
                              "--interviewer", "omar"), "submitted; it is kept")
    gone = _cli(team, "scorecard", "discard", str(open_card.card.id), "--interviewer", "ines")
    assert gone.exit_code == 0, gone.output
    assert team.store().scorecards.scorecard(open_card.card.id) is None


def test_calibration_reports_severity_and_splits(team: Workspace) -> None:
    _interview(team, "ines", (4, 4), Recommendation.STRONG_YES)
    _interview(team, "omar", (2, 3), Recommendation.NO)
    found = json.loads(_cli(team, "calibration", "--interviewer", "lee", "--format",
                            "json").output)
    severity = {row["interviewer"]: row["severity"] for row in found["severity"]}
    # Per question, each grade minus the other's: q1 4-2 and q2 4-3.
    assert severity == {"omar": pytest.approx(-1.5), "ines": pytest.approx(1.5)}
    split = {row["question_id"]: row["rate"] for row in found["disagreement"]}
    assert split == {"tui-q1": 1.0, "tui-q2": 0.0}
    assert found["self_grades"] == []


def test_two_interviewers_scoring_one_candidate_at_once_lose_nothing(
        tui_bank: Path, tui_plans: Path, database_url: str) -> None:
    errors: list[BaseException] = []
    ids: dict[str, int] = {}

    def interview(name: str) -> None:
        workspace = Workspace(bank_dir=tui_bank, plans_dir=tui_plans, database=database_url,
                              clock=FakeClock())
        try:
            run = workspace.panel().start("tui-loop", "Eve", name)
            ids[name] = run.card.id
            for n in range(40):
                run.add_note(f"{name} {n}")
                run.toggle_signal(n % 3)
            run.grade(Grade.YES)
            run.grade(Grade.NO)
            run.set_closing(recommendation=Recommendation.YES)
            run.submit()
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            workspace.close()

    Workspace(database=database_url).store().close()  # migrate first: the race is on rows
    threads = [threading.Thread(target=interview, args=(name,)) for name in ("ines", "omar")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    check = Workspace(database=database_url)
    try:
        for name, card_id in ids.items():
            card = check.store().scorecards.scorecard(card_id)
            assert card is not None and card.submitted
            assert [n.text for n in card.notes] == [f"{name} {n}" for n in range(40)]
            # Signal 1 was toggled 14 times, signals 2 and 3 13 times each.
            assert card.questions[0].signals == (1, 2)
    finally:
        check.close()
