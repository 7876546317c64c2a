"""The home form's own fields, each in a bare app: the tick list and the
number field take the keys, clicks and pastes a user gives them."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult

from interview.tui.widgets.number_field import NumberField
from interview.tui.widgets.ticklist import TickList

NAMES = [f"competency-{n}" for n in range(10)]


class Lists(App[None]):
    CSS = "TickList { height: 4; width: 30; }"

    def __init__(self, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        yield TickList(self.options, id="list")


def lines(app: App[None]) -> list[str]:
    """The list's rows as drawn: box, mark, box, a space, the label (and,
    in the last column, where the view is: see `thumb`)."""
    ticks = app.query_one(TickList)
    return [ticks.render_line(y).text for y in range(ticks.size.height)]


def wheel_down(ticks: TickList) -> None:
    """One notch of the mouse wheel, over the list's second row."""
    ticks.post_message(events.MouseScrollDown(ticks, 6, 1, 0, 1, 0, False, False, False))


def thumb(app: App[None]) -> str:
    """The last column, top to bottom: "▐" beside the part in view."""
    return "".join(line[-1] for line in lines(app))


async def test_space_and_enter_tick_and_untick_under_the_cursor() -> None:
    app = Lists([(name, name) for name in NAMES])
    async with app.run_test() as pilot:
        ticks = app.query_one(TickList)
        ticks.focus()
        await pilot.press("space", "down", "down", "enter", "up", "space")
        assert ticks.selected == ["competency-0", "competency-1", "competency-2"]
        await pilot.press("home", "space")  # untick the first again
        assert ticks.selected == ["competency-1", "competency-2"]
        # 30 columns, every row padded to them; 4 of 10 in view, at the top
        assert [line[:-1] for line in lines(app)[:3]] == ["▐ ▌ competency-0" + " " * 13,
                                                          "▐✓▌ competency-1" + " " * 13,
                                                          "▐✓▌ competency-2" + " " * 13]
        assert thumb(app) == "▐▐  "


async def test_the_list_scrolls_to_keep_the_cursor_in_view() -> None:
    app = Lists([(name, name) for name in NAMES])
    async with app.run_test() as pilot:
        ticks = app.query_one(TickList)
        ticks.focus()
        await pilot.press("end", "space")
        assert ticks.cursor == 9 and ticks.selected == ["competency-9"]
        assert lines(app)[-1].startswith("▐✓▌ competency-9") and thumb(app) == "  ▐▐"
        await pilot.press("pageup")
        assert ticks.cursor == 5 and lines(app)[0].startswith("▐ ▌ competency-5")
        await pilot.press("home", "up")  # the first stays the first: no wrapping
        assert ticks.cursor == 0 and lines(app)[0].startswith("▐ ▌ competency-0")
        await pilot.press("pagedown", "pagedown", "pagedown", "down")
        assert ticks.cursor == 9


async def test_one_option_out_of_view_is_still_shown_by_the_thumb() -> None:
    app = Lists([(name, name) for name in NAMES[:5]])
    async with app.run_test() as pilot:
        assert thumb(app) == "▐▐▐ "  # 4 rows, 5 options: never the whole column
        app.query_one(TickList).focus()
        await pilot.press("end")
        assert thumb(app) == " ▐▐▐"


async def test_the_mouse_wheel_scrolls_the_list_as_far_as_it_goes() -> None:
    app = Lists([(name, name) for name in NAMES])
    async with app.run_test() as pilot:
        ticks = app.query_one(TickList)
        for _ in range(3):
            wheel_down(ticks)
        await pilot.pause()
        assert ticks.top == 3 and lines(app)[0].startswith("▐ ▌ competency-3")
        for _ in range(10):
            wheel_down(ticks)
        await pilot.pause()
        assert ticks.top == 6 and lines(app)[-1].startswith("▐ ▌ competency-9")
        assert ticks.cursor == 0  # the wheel moves the view, not the cursor


async def test_a_click_ticks_the_row_clicked() -> None:
    app = Lists([(name, name) for name in NAMES])
    async with app.run_test() as pilot:
        ticks = app.query_one(TickList)
        await pilot.click(TickList, offset=(6, 2))
        assert ticks.selected == ["competency-2"] and ticks.cursor == 2
        await pilot.click(TickList, offset=(6, 2))
        assert ticks.selected == []


async def test_labels_are_shown_as_written_and_cut_to_fit() -> None:
    odd = "[b]not bold[/b] \x1b[31m"
    long = "a-competency-name-far-longer-than-the-list-is-wide"
    app = Lists([(odd, "odd"), (long, "long")])
    async with app.run_test():
        first, second = lines(app)[:2]
        assert first.startswith("▐ ▌ [b]not bold[/b] ") and "\x1b" not in first
        assert len(second) == 30 and second.endswith("… ")  # all in view: no thumb


async def test_an_empty_list_takes_keys_without_failing() -> None:
    app = Lists([])
    async with app.run_test() as pilot:
        ticks = app.query_one(TickList)
        ticks.focus()
        await pilot.press("down", "space", "end", "enter")
        assert ticks.selected == [] and ticks.cursor == 0


class Numbers(App[None]):
    def compose(self) -> ComposeResult:
        yield NumberField(placeholder="questions", max_length=3, id="count")


async def test_the_number_field_keeps_digits_only_and_no_more_than_fit() -> None:
    app = Numbers()
    async with app.run_test() as pilot:
        field = app.query_one(NumberField)
        field.focus()
        await pilot.press("1", "x", "-", "2", "3", "4")
        assert field.value == "123"
        await pilot.press("backspace")
        assert field.value == "12"
        await pilot.press("ctrl+u")
        assert field.value == ""
        field.post_message(events.Paste("4 2\n7777"))
        await pilot.pause()
        assert field.value == "427"


async def test_the_number_field_shows_its_placeholder_until_typed_in() -> None:
    app = Numbers()
    async with app.run_test() as pilot:
        field = app.query_one(NumberField)
        assert field.render_line(0).text.startswith("questions")
        field.focus()
        await pilot.press("7")
        assert field.render_line(0).text.startswith("7 ")
        await pilot.press("tab")  # not a digit: focus moves on as usual
        assert field.value == "7"
