"""The home screen: no surprise starts, no silent keys, only choices that lead somewhere."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from textual.pilot import Pilot

from interview.tui.app import InterviewApp
from interview.tui.widgets.choice import Choice
from interview.tui.widgets.number_field import NumberField
from interview.tui.widgets.practice_form import PracticeForm
from interview.tui.widgets.ticklist import TickList
from interview.workspace import Workspace
from tests.tui.conftest import screen_name, screen_text, wait_for, wait_for_screen


async def loaded(app: InterviewApp, pilot: Pilot[None]) -> None:
    await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "role",
                   "the form to take focus")


def value_of(choice: Choice) -> str | None:
    """The value now (read through a call: mypy would keep an earlier narrowing)."""
    return choice.value


async def test_enter_on_a_fresh_home_screen_starts_nothing(workspace: Workspace) -> None:
    app = InterviewApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter")  # opens the role list, as enter on a list should
        await pilot.pause(0.2)
        assert screen_name(app) == "ChoiceMenu" and app.current_run is None
        assert workspace.store().list_sessions("ada") == []


async def test_a_choice_is_picked_from_its_list_and_escape_keeps_it(
        workspace: Workspace) -> None:
    app = InterviewApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        role = app.screen.query_one("#role", Choice)
        assert value_of(role) is None and "Role (any)" in screen_text(app)
        await pilot.press("enter", "down", "enter")  # the first role, below "any"
        await wait_for_screen(pilot, "HomeScreen")
        assert value_of(role) == "software-engineer" and app.focused is role
        await pilot.press("down", "down", "escape")  # opened, moved, left: unchanged
        await wait_for_screen(pilot, "HomeScreen")
        assert value_of(role) == "software-engineer" and app.focused is role
        await pilot.press("enter", "up", "enter")  # back to any role
        await wait_for_screen(pilot, "HomeScreen")
        assert value_of(role) is None
        level = app.screen.query_one("#level", Choice)
        await pilot.click(level)
        await wait_for_screen(pilot, "ChoiceMenu")
        await pilot.click(offset=(70, 20))  # outside the list: it closes, nothing picked
        await wait_for_screen(pilot, "HomeScreen")
        assert value_of(level) is None and app.focused is level


def test_the_mode_choices_are_the_session_modes() -> None:
    """The form spells the modes out (it is drawn before the engine is
    imported); they must stay the engine's practice and mock modes."""
    from interview.practice.domain import Mode
    from interview.tui.widgets.practice_form import MODES

    assert [value for _, value in MODES] == [Mode.PRACTICE.value, Mode.MOCK.value]


async def test_the_chosen_role_level_and_mode_make_the_session(workspace: Workspace) -> None:
    from interview.practice.domain import Mode

    app = InterviewApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        app.screen.query_one("#level", Choice).value = "staff"
        app.screen.query_one("#mode", Choice).value = "mock"
        with pytest.raises(ValueError, match="not one of the choices"):
            app.screen.query_one("#mode", Choice).value = None  # the mode has no "any"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.current_run is not None, "the session to start")
        session = app.current_run.session  # type: ignore[union-attr]
        assert session.mode == Mode.MOCK and session.filters.level == "staff"
        assert session.filters.role is None


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
    app = InterviewApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        competencies = app.screen.query_one("#competencies", TickList)
        kinds = app.screen.query_one("#kinds", TickList)
        competencies.focus()
        await pilot.press("space")
        await pilot.pause(0.1)
        assert competencies.selected == ["debugging-diagnostics"] and kinds.selected == []
        # (The screenshot's text leaves out the blanks between the box and the name.)
        lines = [line for line in screen_text(app).splitlines() if "debugging" in line]
        assert lines[0].startswith("▐✓▌debugging-diagnostics")
        assert lines[1].startswith("▐▌debugging")  # the kind, not ticked: no mark at all


async def test_ticks_and_numbers_typed_make_the_session(workspace: Workspace) -> None:
    app = InterviewApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        # role, level, competencies, kinds, then the question count
        await pilot.press("tab", "tab", "space", "tab", "enter", "tab", "2", "x", "tab", "4", "5")
        assert app.focused is not None and app.focused.id == "minutes"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.current_run is not None, "the session to start")
        filters = app.current_run.session.filters  # type: ignore[union-attr]
        assert filters.competencies == ("debugging-diagnostics",)
        assert filters.kinds == ("debugging",)
        assert (filters.count, filters.minutes) == (2, 45)


async def test_a_count_of_zero_is_refused_and_starts_nothing(workspace: Workspace) -> None:
    app = InterviewApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        app.screen.query_one("#count", NumberField).focus()
        await pilot.press("0")
        await pilot.click("#start")
        await wait_for(pilot, lambda: any(
            n.message == "Questions and minutes must be positive numbers."
            for n in app._notifications), "the refusal")
        assert app.current_run is None and screen_name(app) == "HomeScreen"
        assert workspace.store().list_sessions("ada") == []


async def test_a_second_start_takes_keys_before_the_bank_is_read(
        workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first start keeps the form's choices; the next shows the form from
    them at once, and it takes a key while the bank is still being read, and
    the plans right after it."""
    first = InterviewApp(workspace)
    async with first.run_test(size=(80, 24)) as pilot:
        await loaded(first, pilot)
    fresh = Workspace(bank_dir=workspace.bank_dir, plans_dir=workspace.plans_dir,
                      database=workspace.database, profile="ada", clock=workspace.clock)
    reading = threading.Event()
    real_bank = Workspace.bank

    def slow_bank(self: Workspace) -> Any:
        reading.wait(10)  # held until the test has pressed its key
        return real_bank(self)

    monkeypatch.setattr(Workspace, "bank", slow_bank)
    app = InterviewApp(fresh)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "role",
                       "the form from the last start")
        assert fresh._bank is None, "the bank was read before the form showed"
        await pilot.press("enter")  # the role list opens: the form is taking keys
        await wait_for_screen(pilot, "ChoiceMenu")
        await pilot.press("escape")
        # The plans come from the same cache, the frame after the form.
        await wait_for(pilot, lambda: "A loop" in screen_text(app), "the plans")
        assert fresh._bank is None
        reading.set()
        await wait_for(pilot, lambda: app.home_info is not None, "the panels, once read")


async def test_the_first_frame_holds_the_form_and_the_rest_follows(
        workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """From the cached form, the form is mounted (and focused) before the
    banner, shortcuts and footer, which follow without moving focus; the
    window-size classes are on the screen before anything is mounted in it."""
    from textual.widgets import Footer

    from interview.tui.screens.home import HomeScreen
    from interview.tui.widgets.home_panels import ShortcutsPanel

    first = InterviewApp(workspace)
    async with first.run_test(size=(80, 24)) as pilot:
        await loaded(first, pilot)
    seen: dict[str, object] = {}
    real_mount = PracticeForm.on_mount

    def on_mount(self: PracticeForm) -> None:
        screen = self.screen
        seen["footer"] = bool(screen.query(Footer))
        seen["shortcuts"] = bool(screen.query(ShortcutsPanel))
        seen["classes"] = set(screen.classes)
        real_mount(self)

    monkeypatch.setattr(PracticeForm, "on_mount", on_mount)
    composed: list[set[str]] = []
    real_compose = HomeScreen.compose

    def compose(self: HomeScreen) -> Any:
        result = list(real_compose(self))
        composed.append(set(self.classes))
        return result

    monkeypatch.setattr(HomeScreen, "compose", compose)
    fresh = Workspace(bank_dir=workspace.bank_dir, plans_dir=workspace.plans_dir,
                      database=workspace.database, profile="ada", clock=workspace.clock)
    app = InterviewApp(fresh)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert seen["footer"] is False and seen["shortcuts"] is False
        assert composed == [{"-narrow", "-short"}]
        await wait_for(pilot, lambda: app.home_info is not None, "the panels, once read")
        await pilot.pause()
        assert app.screen.query(Footer)
        assert app.screen.query(ShortcutsPanel)
        assert app.focused is not None and app.focused.id == "role"
