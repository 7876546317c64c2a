"""Where and how to write a file from a screen: the history's report (as
`interview report`) or the plan editor's kit (as `interview kit`): its
format, its file, and one part that may be left out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, Input, Select, Static

from interview.tui.widgets.ticklist import TickBox

REPORT_FORMATS = [("HTML: one page to share, with charts", "html"),
                  ("Markdown", "md"), ("CSV: one row per answer", "csv")]
KIT_FORMATS = [("HTML: prints a round per page", "html"), ("Markdown", "md")]


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    output_format: str
    include_all: bool  # False: the part the dialog offered to leave out is left out


def default_path(stem: str, output_format: str, today: date) -> Path:
    return Path.home() / f"{stem}-{today.isoformat()}.{output_format}"


class ExportScreen(ModalScreen[ExportChoice | None]):
    CSS_PATH = "export.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, today: date, *, heading: str = "Export a report of your practice",
                 formats: list[tuple[str, str]] = REPORT_FORMATS,
                 stem: str = "interview-report",
                 leave_out: str = "Leave out the answer text") -> None:
        super().__init__()
        self.today = today
        self.heading = heading
        self.formats = formats
        self.stem = stem
        self.leave_out = leave_out

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.heading, classes="heading", markup=False)
            yield Static("Format", classes="label", markup=False)
            yield Select(self.formats, value="html", allow_blank=False, id="format",
                         compact=True)
            yield Static("File", classes="label", markup=False)
            yield Input(str(default_path(self.stem, "html", self.today)), id="path",
                        compact=True)
            yield TickBox(self.leave_out, id="no-answers", compact=True)
            with Horizontal(id="choices"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Export", id="export", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        # Follow the format in the suggested name, unless the user typed their own.
        path = self.query_one("#path", Input)
        suggested = {str(default_path(self.stem, fmt, self.today)) for _, fmt in self.formats}
        if path.value in suggested and isinstance(event.value, str):
            path.value = str(default_path(self.stem, event.value, self.today))

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self._export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export":
            self._export()
        else:
            self.dismiss(None)

    def _export(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.notify("Give the file to write.", severity="warning", markup=False)
            return
        output_format = self.query_one("#format", Select).value
        self.dismiss(ExportChoice(Path(text).expanduser(), str(output_format),
                                  not self.query_one("#no-answers", Checkbox).value))

    def action_cancel(self) -> None:
        self.dismiss(None)


def write_after_asking(screen: Screen[Any], path: Path,
                       write: Callable[[bool], object]) -> None:
    """`write(force=False)` if `path` is free; if it exists, ask first, then
    `write(force=True)` only if the user agrees to replace it."""
    from interview.tui.screens.confirm import ConfirmScreen

    if not path.exists():
        write(False)
        return

    def answered(replace: bool | None) -> None:
        if replace:
            write(True)

    screen.app.push_screen(ConfirmScreen(f"{path} already exists. Replace it?", "Replace"),
                           answered)
