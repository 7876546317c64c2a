"""The home screen: no surprise starts, no silent keys, only choices that lead somewhere."""

from __future__ import annotations

from textual.pilot import Pilot

from interview.tui.app import InterviewApp
from interview.tui.widgets.practice_form import PracticeForm
from interview.workspace import Workspace
from tests.tui.conftest import screen_name, wait_for


async def loaded(app: InterviewApp, pilot: Pilot[None]) -> None:
    await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "role",
                   "the form to take focus")


async def test_enter_on_a_fresh_home_screen_starts_nothing(workspace: Workspace) -> None:
    app = InterviewApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter")  # opens the role list, as enter on a list should
        await pilot.pause(0.2)
        assert screen_name(app) == "HomeScreen" and app.current_run is None
        assert workspace.store().list_sessions("ada") == []


async def test_shortcuts_that_cannot_act_say_why(workspace: Workspace) -> None:
    app = InterviewApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        for key, why in (("ctrl+d", "Nothing is due for review yet"),
                         ("ctrl+w", "No weakest competencies yet"),
                         ("ctrl+r", "There is no interrupted session to resume.")):
            await pilot.press(key)
            await wait_for(pilot, lambda why=why: any(  # type: ignore[misc]
                n.message.startswith(why) for n in app._notifications), why)
        assert screen_name(app) == "HomeScreen"


async def test_the_form_offers_only_levels_and_kinds_with_questions(
    workspace: Workspace,
) -> None:
    app = InterviewApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        form = app.screen.query_one(PracticeForm)
        assert form.levels == ["senior", "staff"]  # no mid, senior-staff or principal questions
        assert form.kinds == ["debugging"]
        assert form.roles == ["software-engineer", "systems-developer"]


async def test_a_ticked_box_differs_from_an_unticked_one_without_colour(
    workspace: Workspace,
) -> None:
    from textual.widgets import SelectionList

    from tests.tui.conftest import screen_text

    app = InterviewApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        competencies = app.screen.query_one("#competencies", SelectionList)
        kinds = app.screen.query_one("#kinds", SelectionList)
        competencies.focus()
        await pilot.press("space")
        await pilot.pause(0.1)
        assert competencies.selected == ["debugging-diagnostics"] and kinds.selected == []
        # (The screenshot's text leaves out the blanks between the box and the name.)
        lines = [line for line in screen_text(app).splitlines() if "debugging" in line]
        assert lines[0].startswith("▐✓▌debugging-diagnostics")
        assert lines[1].startswith("▐▌debugging")  # the kind, not ticked: no mark at all
