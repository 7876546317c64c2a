"""Bank and user text shows exactly as written on every screen, and never acts."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList, TextArea

from interview.practice.domain import SessionFilters
from interview.practice.service import PracticeRequest
from interview.tui.app import InterviewApp
from interview.workspace import Workspace
from tests.tui.conftest import (
    NASTY,
    screen_name,
    screen_text,
    wait_for,
    wait_for_question,
    wait_for_screen,
)

# The pieces of NASTY, each of which markup parsing would change or remove.
PIECES = ["[@click=app.quit]quit[/]", "[link=https://x.test]x[/link]", "[$accent]hot[/]",
          "[B]", "a[i]"]


def assert_literal(app: InterviewApp, where: str, pieces: list[str] = PIECES) -> None:
    shown = screen_text(app)
    missing = [piece for piece in pieces if piece not in shown]
    assert not missing, f"{where}: {missing} not shown literally"
    assert app.is_running, f"{where}: text acted as a live action"


async def test_markup_is_shown_literally_on_every_screen(workspace: Workspace) -> None:
    app = InterviewApp(workspace)
    async with app.run_test(size=(160, 60)) as pilot:
        await wait_for(pilot, lambda: app.home_info is not None, "the home screen")
        await pilot.pause(0.1)
        # The plan list is narrow enough to fold the 30-character link piece.
        assert_literal(app, "home (plan list)", [p for p in PIECES if "link" not in p])
        plans = app.screen.query_one("#plans", OptionList)
        prompt = plans.get_option_at_index(0).prompt
        assert isinstance(prompt, Content) and prompt.plain == f"A loop {NASTY} (20 min)"

        app.home.start_session(PracticeRequest(SessionFilters(count=1, seed=1)))
        await wait_for_question(pilot, app)
        await pilot.press("ctrl+n")  # the hint carries markup too
        await pilot.pause(0.1)
        assert_literal(app, "practice")
        await pilot.click("#prompt")
        await pilot.click("#title")
        assert app.is_running and screen_name(app) == "PracticeScreen"

        app.screen.query_one("#answer", TextArea).insert(NASTY)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "RubricScreen")
        await pilot.pause(0.1)
        assert_literal(app, "rubric")
        shown = screen_text(app)
        for section in ("Bisects the change set.", "Rolls forward blindly.",
                        "Finds the cause in one service.", "What if the regression only",
                        "below the bar: Guesses at a cause without looking",
                        "Start from the deploy diff"):
            assert section in shown, f"rubric is missing {section!r}"
        await pilot.click("#answer-text")
        await pilot.press("2")
        await wait_for_screen(pilot, "SummaryScreen")
        await pilot.pause(0.1)
        assert "[@click=app.quit]quit[/]" in screen_text(app)
        assert app.is_running
