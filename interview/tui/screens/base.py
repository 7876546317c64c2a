"""What every screen of this app shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from interview.tui.app import InterviewApp


class AppScreen(Screen[None]):
    @property
    def interview(self) -> InterviewApp:
        """The app, typed: screens call its flow methods (start, show_run...)."""
        from interview.tui.app import InterviewApp

        assert isinstance(self.app, InterviewApp)
        return self.app
