"""Every interrupted session, newest first: resume one, or discard it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from interview.practice.timer import format_seconds
from interview.store.views import SessionSummary
from interview.tui.text import literal


@dataclass(frozen=True)
class SessionChoice:
    action: Literal["resume", "discard"]
    session_id: int


class InterruptedScreen(ModalScreen[SessionChoice | None]):
    CSS_PATH = "interrupted.tcss"
    BINDINGS = [
        Binding("enter", "choose('resume')", "Resume", priority=True),
        Binding("d", "choose('discard')", "Discard"),
        Binding("escape", "dismiss_none", "Back"),
    ]

    def __init__(self, sessions: tuple[SessionSummary, ...]) -> None:
        super().__init__()
        self.sessions = sessions

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(f"Interrupted sessions ({len(self.sessions)}), newest first",
                         classes="heading", markup=False)
            yield OptionList(*(Option(literal(describe(s)), id=str(s.id))
                               for s in self.sessions), id="sessions")
        yield Footer()

    def action_choose(self, action: Literal["resume", "discard"]) -> None:
        listing = self.query_one("#sessions", OptionList)
        if listing.highlighted is None:
            return
        option = listing.get_option_at_index(listing.highlighted)
        assert option.id is not None
        self.dismiss(SessionChoice(action, int(option.id)))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


def describe(session: SessionSummary) -> str:
    """'02 Dec 21:51 · plan x · 1/2 answered · 4:10 used'."""
    started = session.started_at.astimezone()  # stored in UTC, shown in local time
    return (f"{started:%d %b %H:%M} · {session.description} · {session.answered}/"
            f"{session.planned} answered · {format_seconds(session.seconds_used)} used")
