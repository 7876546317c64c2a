"""Where and how to write a report from the history screen: the same report
as `interview report` (format, file, with or without answer text)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, Static

from interview.tui.widgets.ticklist import TickBox

FORMATS = [("HTML: one page to share, with charts", "html"),
           ("Markdown", "md"), ("CSV: one row per answer", "csv")]


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    output_format: str
    include_answers: bool


def default_path(output_format: str, today: date) -> Path:
    return Path.home() / f"interview-report-{today.isoformat()}.{output_format}"


class ExportScreen(ModalScreen[ExportChoice | None]):
    CSS_PATH = "export.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Export a report of your practice", classes="heading", markup=False)
            yield Static("Format", classes="label", markup=False)
            yield Select(FORMATS, value="html", allow_blank=False, id="format", compact=True)
            yield Static("File", classes="label", markup=False)
            yield Input(str(default_path("html", self.today)), id="path", compact=True)
            yield TickBox("Leave out the answer text", id="no-answers", compact=True)
            with Horizontal(id="choices"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Export", id="export", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        # Follow the format in the suggested name, unless the user typed their own.
        path = self.query_one("#path", Input)
        suggested = {str(default_path(fmt, self.today)) for _label, fmt in FORMATS}
        if path.value in suggested and isinstance(event.value, str):
            path.value = str(default_path(event.value, self.today))

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
