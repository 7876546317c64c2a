"""SVG snapshots of the key screens at 80x24 and 120x40 (pytest-textual-snapshot).

After an intended visual change: `pytest tests/tui/test_snapshots.py --snapshot-update`,
then look at the SVGs under tests/tui/__snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Select, TextArea

from interview.bank.plan_draft import PlanDraft
from interview.practice.clock import FakeClock
from interview.practice.domain import SessionFilters
from interview.practice.service import PracticeRequest
from interview.tui.app import InterviewApp
from interview.workspace import Workspace
from tests.tui.browse_bank import browse_workspace
from tests.tui.conftest import wait_for, wait_for_question, wait_for_screen
from tests.tui.review_seed import review_workspace, seed_history

Snap = Callable[..., bool]


def practice_app(workspace: Workspace) -> InterviewApp:
    return InterviewApp(workspace, start=PracticeRequest(SessionFilters(count=2, seed=5)))


async def at_question(pilot: Pilot[Any]) -> None:
    app: InterviewApp = pilot.app  # type: ignore[assignment]
    await wait_for_question(pilot, app)
    answer = app.screen.query_one("#answer", TextArea)
    answer.cursor_blink = False
    answer.insert("Bisect the deploy, then profile both builds with perf.")
    await pilot.press("ctrl+n")
    await pilot.pause(0.1)


async def at_rubric(pilot: Pilot[Any]) -> None:
    await at_question(pilot)
    app: InterviewApp = pilot.app  # type: ignore[assignment]
    assert isinstance(app.workspace.clock, FakeClock)
    app.workspace.clock.advance(11 * 60 + 5)  # over the 10-minute limit
    # The expiry toast comes on the next clock tick; let it come, then clear it,
    # so no snapshot depends on when the tick fell.
    await wait_for(pilot, lambda: any("Time is up" in n.message for n in app._notifications),
                   "the expiry notice")
    app.clear_notifications()
    await pilot.press("ctrl+s")
    await wait_for_screen(pilot, "RubricScreen")
    await pilot.press("a", "c")
    await pilot.pause(0.1)


async def at_summary(pilot: Pilot[Any]) -> None:
    await at_rubric(pilot)
    await pilot.press("3")
    app: InterviewApp = pilot.app  # type: ignore[assignment]
    await wait_for_question(pilot, app, 1)
    await pilot.press("ctrl+o", "n")
    await wait_for_screen(pilot, "SummaryScreen")
    await pilot.pause(0.1)


SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_home_screen(snap_compare: Snap, workspace: Workspace, size: tuple[int, int]) -> None:
    async def loaded(pilot: Pilot[Any]) -> None:
        app: InterviewApp = pilot.app  # type: ignore[assignment]
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "role",
                       "the home form")
        # The form takes keys first; the panels fill in once the history is read.
        await wait_for(pilot, lambda: app.home_info is not None, "the loaded home screen")
        await pilot.pause(0.1)

    assert snap_compare(InterviewApp(workspace), run_before=loaded, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_practice_screen(snap_compare: Snap, workspace: Workspace,
                         size: tuple[int, int]) -> None:
    assert snap_compare(practice_app(workspace), run_before=at_question, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_rubric_screen(snap_compare: Snap, workspace: Workspace, size: tuple[int, int]) -> None:
    assert snap_compare(practice_app(workspace), run_before=at_rubric, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_summary_screen(snap_compare: Snap, workspace: Workspace, size: tuple[int, int]) -> None:
    assert snap_compare(practice_app(workspace), run_before=at_summary, terminal_size=size)


CODE_PROMPT = "\n".join(
    ["Review this change to the retry helper before it merges:", ""]
    + [f"    {line}" for line in (
        "def call_with_retries(request, attempts=5):",
        "    delay = 0.1",
        "    for attempt in range(attempts):",
        "        try:",
        "            return send(request, timeout=30)",
        "        except TimeoutError:",
        "            time.sleep(delay)",
        "            delay = delay * 2",
        "        except Exception:",
        "            log.warning('retrying %s', request.id)",
        "            continue",
        "    raise RetriesExhausted(request.id)",
    )] + ["", "What would you ask the author to change, and why?"])


@pytest.fixture
def code_workspace(tmp_path: Path, clock: FakeClock) -> Workspace:
    bank = tmp_path / "code-bank"
    bank.mkdir()
    prompt = "\n".join(f"      {line}" if line else "" for line in CODE_PROMPT.splitlines())
    (bank / "resilience-reliability.yaml").write_text(f"""competency: resilience-reliability
questions:
  - id: snap-retry-review
    title: A retry helper that makes outages worse
    kind: code-review
    roles: [software-engineer]
    levels: [senior]
    minutes: 20
    prompt: |
{prompt}
    hints: [Count the requests one caller can send in the worst case.]
    follow_ups: [How would you test the fix?]
    rubric:
      signals: [Sees the unbounded 30 s per attempt, Asks for jitter and a budget,
                Notes retrying every exception]
      red_flags: [Approves as is]
      by_level: {{senior: Finds the retry storm and its fix.}}
    outline: Cap total time, add jitter, retry only what is safe to retry.
    tags: [retries]
""")
    plans = tmp_path / "no-plans"  # the shipped plans name questions this bank lacks
    plans.mkdir()
    return Workspace(bank_dir=bank, plans_dir=plans, database=f"sqlite:///{tmp_path / 'code.db'}",
                     profile="ada", clock=clock)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_practice_screen_with_a_long_code_prompt(snap_compare: Snap, code_workspace: Workspace,
                                                 size: tuple[int, int]) -> None:
    async def shown(pilot: Pilot[Any]) -> None:
        app: InterviewApp = pilot.app  # type: ignore[assignment]
        await wait_for_question(pilot, app)
        app.screen.query_one("#answer", TextArea).cursor_blink = False
        await pilot.press("alt+down")  # the prompt scrolls; focus stays in the answer box
        await pilot.pause(0.1)

    app = InterviewApp(code_workspace, start=PracticeRequest(SessionFilters(count=1, seed=1)))
    assert snap_compare(app, run_before=shown, terminal_size=size)


def test_interrupted_sessions_list(snap_compare: Snap, workspace: Workspace, tui_bank: Path,
                                   tui_plans: Path, clock: FakeClock) -> None:
    for seed in (5, 6):
        workspace.start(PracticeRequest(SessionFilters(count=2, seed=seed)))
        clock.advance(3600)
    workspace.close()
    again = Workspace(bank_dir=tui_bank, plans_dir=tui_plans, database=workspace.database,
                      profile="ada", clock=clock)

    async def listed(pilot: Pilot[Any]) -> None:
        app: InterviewApp = pilot.app  # type: ignore[assignment]
        await wait_for(pilot, lambda: app.home_info is not None, "the loaded home screen")
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, "InterruptedScreen")
        await pilot.pause(0.1)

    assert snap_compare(InterviewApp(again), run_before=listed, terminal_size=(80, 24))


def test_discard_confirmation(snap_compare: Snap, workspace: Workspace, tui_bank: Path,
                              tui_plans: Path) -> None:
    workspace.start(PracticeRequest(SessionFilters(count=2, seed=5)))  # left interrupted
    workspace.close()
    again = Workspace(bank_dir=tui_bank, plans_dir=tui_plans, database=workspace.database,
                      profile="ada", clock=workspace.clock)

    async def asked(pilot: Pilot[Any]) -> None:
        app: InterviewApp = pilot.app  # type: ignore[assignment]
        await wait_for(pilot, lambda: app.home_info is not None, "the loaded home screen")
        await pilot.pause(0.1)  # the banner, shown with the panels, laid out
        await pilot.click("#discard")
        await wait_for_screen(pilot, "ConfirmScreen")
        # The dialog focuses its safe button after mounting; a busy machine is slow to.
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "cancel",
                       "the focused Keep button")
        await pilot.pause(0.1)

    assert snap_compare(InterviewApp(again), run_before=asked, terminal_size=(80, 24))


@pytest.fixture
def reviewed(tmp_path: Path, clock: FakeClock) -> Workspace:
    seed_history(review_workspace(tmp_path, clock), clock)
    return review_workspace(tmp_path, clock)


def at_review_screen(keys: tuple[str, ...], screen: str, ready: str
                     ) -> Callable[[Pilot[Any]], Any]:
    """From home: ctrl+y for history, then `keys`, until `screen` has `ready` set."""
    async def run_before(pilot: Pilot[Any]) -> None:
        app: InterviewApp = pilot.app  # type: ignore[assignment]
        await wait_for(pilot, lambda: app.home_info is not None, "the loaded home screen")
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: getattr(app.screen, "page", None) is not None, "history")
        await pilot.press(*keys)
        await wait_for_screen(pilot, screen)
        await wait_for(pilot, lambda: bool(getattr(app.screen, ready, None)), screen)
        await pilot.pause(0.2)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_history_screen(snap_compare: Snap, reviewed: Workspace, size: tuple[int, int]) -> None:
    assert snap_compare(InterviewApp(reviewed), terminal_size=size,
                        run_before=at_review_screen((), "HistoryScreen", "page"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_session_detail_screen(snap_compare: Snap, reviewed: Workspace,
                               size: tuple[int, int]) -> None:
    assert snap_compare(InterviewApp(reviewed), terminal_size=size,
                        run_before=at_review_screen(("enter",), "SessionScreen", "answers"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_trends_screen(snap_compare: Snap, reviewed: Workspace, size: tuple[int, int]) -> None:
    assert snap_compare(InterviewApp(reviewed), terminal_size=size,
                        run_before=at_review_screen(("ctrl+t",), "TrendsScreen", "info"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_readiness_screen(snap_compare: Snap, reviewed: Workspace,
                          size: tuple[int, int]) -> None:
    assert snap_compare(InterviewApp(reviewed), terminal_size=size,
                        run_before=at_review_screen(("ctrl+r",), "ReadinessScreen", "info"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_bank_screen(snap_compare: Snap, tmp_path: Path, clock: FakeClock,
                     size: tuple[int, int]) -> None:
    async def searched(pilot: Pilot[Any]) -> None:
        app: InterviewApp = pilot.app  # type: ignore[assignment]
        await wait_for(pilot, lambda: app.home_info is not None, "the loaded home screen")
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: getattr(app.screen, "index", None) is not None, "index")
        await pilot.press(*"rate limter")
        app.screen.query_one("#level", Select).value = "staff"
        await pilot.pause(0.2)

    assert snap_compare(InterviewApp(browse_workspace(tmp_path, clock)), terminal_size=size,
                        run_before=searched)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_bank_preview(snap_compare: Snap, tmp_path: Path, clock: FakeClock,
                      size: tuple[int, int]) -> None:
    async def previewed(pilot: Pilot[Any]) -> None:
        app: InterviewApp = pilot.app  # type: ignore[assignment]
        await wait_for(pilot, lambda: app.home_info is not None, "the loaded home screen")
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: getattr(app.screen, "index", None) is not None, "index")
        await pilot.press(*"rate", "enter")
        await wait_for(pilot, lambda: app.screen.maximized is not None, "the whole preview")
        await pilot.pause(0.2)

    assert snap_compare(InterviewApp(browse_workspace(tmp_path, clock)), terminal_size=size,
                        run_before=previewed)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_plan_editor(snap_compare: Snap, tmp_path: Path, clock: FakeClock,
                     size: tuple[int, int]) -> None:
    draft = PlanDraft("api-loop", "An API loop", "software-engineer", "senior")
    draft.add_round("Design", 30)
    draft.add_question(0, "api-rate-limiter")
    draft.add_question(0, "mentor-new-lead")  # staff only: a warning
    draft.add_round("Debugging", 20)
    draft.add_question(1, "dbg-memory-leak")

    async def shown(pilot: Pilot[Any]) -> None:
        app: InterviewApp = pilot.app  # type: ignore[assignment]
        await wait_for_screen(pilot, "PlanEditorScreen")
        await wait_for(pilot, lambda: getattr(app.screen, "bank", None) is not None, "bank")
        # The home screen beneath warns of the bank's left-out problems once it
        # has loaded (late, on a busy machine): clear that toast only after it.
        await wait_for(pilot, lambda: app.home_info is not None, "the home screen's load")
        await pilot.pause(0.1)
        app.clear_notifications()
        await pilot.pause(0.2)

    bank = browse_workspace(tmp_path, clock).bank_dir
    # A fixed plans directory (never written here): the title shows where it saves.
    workspace = Workspace(bank_dir=bank, plans_dir=Path("/srv/interview/plans"),
                          database=f"sqlite:///{tmp_path / 'plan.db'}", profile="ada",
                          clock=clock)
    app = InterviewApp(workspace, editing=draft)
    assert snap_compare(app, terminal_size=size, run_before=shown)


@pytest.fixture
def exercise_workspace(make_bank: Any, tmp_path: Path, clock: FakeClock) -> Workspace:
    from tests.tui.test_coding_practice import coding_workspace

    return coding_workspace(make_bank, tmp_path, clock)


async def at_tested_code(pilot: Pilot[Any]) -> None:
    """A coding question with the starter's test run showing."""
    from tests.tui.test_coding_practice import starter_run

    app: InterviewApp = pilot.app  # type: ignore[assignment]
    (await starter_run(pilot, app)).cursor_blink = False
    await pilot.pause(0.1)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_coding_question_after_a_test_run(snap_compare: Snap, exercise_workspace: Workspace,
                                          size: tuple[int, int]) -> None:
    app = InterviewApp(exercise_workspace, start=PracticeRequest(SessionFilters(count=1)))
    assert snap_compare(app, run_before=at_tested_code, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_coding_rubric_beside_the_reference(snap_compare: Snap, exercise_workspace: Workspace,
                                            size: tuple[int, int]) -> None:
    async def graded_view(pilot: Pilot[Any]) -> None:
        await at_tested_code(pilot)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "RubricScreen")
        await pilot.pause(0.1)

    app = InterviewApp(exercise_workspace, start=PracticeRequest(SessionFilters(count=1)))
    assert snap_compare(app, run_before=graded_view, terminal_size=size)
