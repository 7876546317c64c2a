"""Where and how to keep a file made on a screen: the history's report (as
`interview report`), the plan editor's kit (as `interview kit`) or a
scorecard (as `interview scorecard show`): its format, its file, and one part
that may be left out. In a terminal the file is written where the user says;
in a browser (`interview serve`) it is sent to the browser as a download.
"""

from __future__ import annotations

import io
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

from interview.tui.widgets.tickbox import TickBox

REPORT_FORMATS = [("HTML: one page to share, with charts", "html"),
                  ("Markdown", "md"), ("CSV: one row per answer", "csv")]
KIT_FORMATS = [("HTML: prints a round per page", "html"), ("Markdown", "md")]
SCORECARD_FORMATS = [("HTML: one page to share", "html"), ("Markdown", "md")]
MIME_TYPES = {"html": "text/html", "md": "text/markdown", "csv": "text/csv"}


@dataclass(frozen=True)
class ExportChoice:
    path: Path  # in a browser, only a file name: the browser decides where it goes
    output_format: str
    include_all: bool  # False: the part the dialog offered to leave out is left out


def default_path(stem: str, output_format: str, today: date, *, browser: bool = False) -> Path:
    name = f"{stem}-{today.isoformat()}.{output_format}"
    return Path(name) if browser else Path.home() / name


class ExportScreen(ModalScreen[ExportChoice | None]):
    CSS_PATH = "export.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, today: date, *, heading: str = "Export a report of your practice",
                 formats: list[tuple[str, str]] = REPORT_FORMATS,
                 stem: str = "interview-report",
                 leave_out: str | None = "Leave out the answer text") -> None:
        """`leave_out` None offers nothing to leave out. In a browser the dialog
        asks for a file name to download as, not a path on the server."""
        super().__init__()
        self.today = today
        self.heading = heading
        self.formats = formats
        self.stem = stem
        self.leave_out = leave_out

    @property
    def browser(self) -> bool:
        return self.app.is_web

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.heading, classes="heading", markup=False)
            yield Static("Format", classes="label", markup=False)
            yield Select(self.formats, value="html", allow_blank=False, id="format",
                         compact=True)
            yield Static("Download as" if self.browser else "File", classes="label",
                         markup=False)
            yield Input(str(self._suggested("html")), id="path", compact=True)
            if self.leave_out is not None:
                yield TickBox(self.leave_out, id="no-answers", compact=True)
            with Horizontal(id="choices"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Download" if self.browser else "Export", id="export",
                         variant="primary", compact=True)

    def _suggested(self, output_format: str) -> Path:
        return default_path(self.stem, output_format, self.today, browser=self.browser)

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        # Follow the format in the suggested name, unless the user typed their own.
        path = self.query_one("#path", Input)
        suggested = {str(self._suggested(fmt)) for _, fmt in self.formats}
        if path.value in suggested and isinstance(event.value, str):
            path.value = str(self._suggested(event.value))

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
        # A browser download is named, never placed: keep only the name.
        path = Path(Path(text).name) if self.browser else Path(text).expanduser()
        left_out = self.leave_out is not None and self.query_one("#no-answers", Checkbox).value
        self.dismiss(ExportChoice(path, str(output_format), not left_out))

    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_and_export(screen: Screen[Any], dialog: ExportScreen,
                   render: Callable[[ExportChoice], tuple[str, str]]) -> None:
    """Show `dialog`, then keep what `render(choice)` makes (its text, and what
    to call it in the message: "the kit"): written to the chosen file in a
    terminal, asking before replacing one; a download in a browser. Rendering
    runs in a thread worker, so a long report never freezes the screen."""
    def chosen(choice: ExportChoice | None) -> None:
        if choice is None:
            return
        if screen.app.is_web:
            _in_worker(screen, lambda: _deliver(screen, choice, *render(choice)))
        else:
            _write_after_asking(screen, choice.path, lambda force: _in_worker(
                screen, lambda: _write(screen, choice, force, *render(choice))))

    screen.app.push_screen(dialog, chosen)


def _in_worker(screen: Screen[Any], job: Callable[[], None]) -> None:
    screen.run_worker(job, thread=True, exclusive=True, group="export", exit_on_error=False,
                      description="Exporting")


def _deliver(screen: Screen[Any], choice: ExportChoice, text: str, what: str) -> None:
    app = screen.app

    def send() -> None:
        app.deliver_text(io.StringIO(text), save_filename=choice.path.name,
                         mime_type=MIME_TYPES.get(choice.output_format, "text/plain"))
        screen.notify(f"Sent {what} to your browser as {choice.path.name}", markup=False,
                      timeout=8)

    app.call_from_thread(send)


def _write(screen: Screen[Any], choice: ExportChoice, force: bool, text: str, what: str) -> None:
    from interview.files import OutputExists, write_file

    try:
        write_file(choice.path, text, force=force)
    except OutputExists:
        screen.app.call_from_thread(
            screen.notify, f"{choice.path} appeared meanwhile and was left alone; export "
            "again to replace it.", severity="warning", markup=False)
        return
    screen.app.call_from_thread(screen.notify, f"Wrote {what} to {choice.path}",
                                markup=False, timeout=8)


def _write_after_asking(screen: Screen[Any], path: Path,
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
