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
    """The list's rows as drawn: box, mark, box, a space, the label."""
    ticks = app.query_one(TickList)
    return [ticks.render_line(y).text for y in range(ticks.size.height)]


async def test_space_and_enter_tick_and_untick_under_the_cursor() -> None:
    app = Lists([(name, name) for name in NAMES])
    async with app.run_test() as pilot:
        ticks = app.query_one(TickList)
        ticks.focus()
        await pilot.press("space", "down", "down", "enter", "up", "space")
        assert ticks.selected == ["competency-0", "competency-1", "competency-2"]
        await pilot.press("home", "space")  # untick the first again
        assert ticks.selected == ["competency-1", "competency-2"]
        # 30 columns less the scroll bar's two, every row padded to them
        assert lines(app)[:3] == ["▐ ▌ competency-0" + " " * 12,
                                  "▐✓▌ competency-1" + " " * 12,
                                  "▐✓▌ competency-2" + " " * 12]


async def test_the_list_scrolls_to_keep_the_cursor_in_view() -> None:
    app = Lists([(name, name) for name in NAMES])
    async with app.run_test() as pilot:
        ticks = app.query_one(TickList)
        ticks.focus()
        await pilot.press("end", "space")
        assert ticks.cursor == 9 and ticks.selected == ["competency-9"]
        assert lines(app)[-1].startswith("▐✓▌ competency-9")
        await pilot.press("pageup")
        assert ticks.cursor == 5 and lines(app)[0].startswith("▐ ▌ competency-5")
        await pilot.press("home", "up")  # the first stays the first: no wrapping
        assert ticks.cursor == 0 and lines(app)[0].startswith("▐ ▌ competency-0")
        await pilot.press("pagedown", "pagedown", "pagedown", "down")
        assert ticks.cursor == 9


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
        assert len(second) == 30 and second.endswith("…")


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
