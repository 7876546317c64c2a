"""The home form's own fields, each in a bare app: the tick list and the
number field take the keys, clicks and pastes a user gives them."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

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


async def test_the_thumb_is_at_an_end_only_when_the_view_is() -> None:
    app = Lists([(f"c{n}", f"c{n}") for n in range(20)])  # 20 in 4 rows
    async with app.run_test() as pilot:
        ticks = app.query_one(TickList)
        shown = []
        for top in (0, 1, 15, 16):
            ticks.top = top
            await pilot.pause()
            shown.append(thumb(app))
        assert shown == ["▐   ", " ▐  ", "  ▐ ", "   ▐"]


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
        ticks.focus()
        await pilot.press("space")  # ticks what the cursor is on, brought into view
        assert ticks.selected == ["competency-0"] and ticks.top == 0


class Page(App[None]):
    CSS = "TickList { height: 4; } #below { height: 40; }"

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield TickList([(name, name) for name in NAMES])
            yield Static("below", id="below")


async def test_the_wheel_scrolls_the_page_once_the_list_is_at_its_end() -> None:
    app = Page()
    async with app.run_test(size=(40, 10)) as pilot:
        ticks, page = app.query_one(TickList), app.query_one(VerticalScroll)
        for _ in range(6):
            wheel_down(ticks)
        await pilot.pause()
        assert ticks.top == 6 and page.scroll_y == 0
        wheel_down(ticks)
        await pilot.pause(0.2)
        assert ticks.top == 6 and page.scroll_y > 0


class Half(App[None]):
    CSS = "TickList { height: 50%; }"

    def compose(self) -> ComposeResult:
        yield TickList([(f"c{n}", f"c{n}") for n in range(30)])


async def test_a_resize_keeps_where_the_wheel_left_the_list() -> None:
    app = Half()
    async with app.run_test(size=(60, 20)) as pilot:
        ticks = app.query_one(TickList)
        for _ in range(3):
            wheel_down(ticks)
        await pilot.pause()
        assert ticks.top == 3 and ticks.size.height == 10
        await pilot.resize_terminal(50, 16)
        await pilot.pause(0.2)
        assert ticks.size.height == 8 and ticks.top == 3


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
    app = Lists([(odd, "odd"), (long, "long"), ("two\tparts\nand a line", "spaced")])
    async with app.run_test():
        first, second, third = lines(app)[:3]
        assert first.startswith("▐ ▌ [b]not bold[/b] ") and "\x1b" not in first
        assert len(second) == 30 and second.endswith("… ")  # all in view: no thumb
        assert third.startswith("▐ ▌ two parts and a line ") and len(third) == 30


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
        yield NumberField(placeholder="or minutes", max_length=4, id="minutes")


async def test_the_number_field_keeps_digits_only_and_no_more_than_fit() -> None:
    app = Numbers()
    async with app.run_test() as pilot:
        field = app.query_one("#count", NumberField)
        field.focus()
        await pilot.press("1", "x", "-", "2", "3", "4")
        assert field.value == "123"
        await pilot.press("backspace")
        assert field.value == "12"
        await pilot.press("ctrl+u")
        assert field.value == ""
        for pasted in ("1-2", "15\n30", "x"):  # not one number: nothing pasted
            field.post_message(events.Paste(pasted))
        await pilot.pause()
        assert field.value == ""
        field.post_message(events.Paste(" 42 \n"))
        field.post_message(events.Paste("7777"))  # what fits of it
        await pilot.pause()
        assert field.value == "427"


async def test_the_number_field_shows_its_placeholder_until_typed_in() -> None:
    app = Numbers()
    async with app.run_test() as pilot:
        field = app.query_one("#count", NumberField)
        assert field.render_line(0).text.startswith("questions")
        field.focus()
        await pilot.press("7")
        drawn = list(field.render_line(0))
        assert drawn[0].text == "7" and drawn[1].text == " "
        assert drawn[1].style != drawn[0].style  # the cursor, after the digit
        await pilot.press("tab", "8")  # not a digit: focus moves on as usual
        assert field.value == "7" and app.query_one("#minutes", NumberField).value == "8"
        after = list(field.render_line(0))
        assert after[1].style == after[0].style  # no cursor once focus has left
