"""The home form's Start button: Textual's Button, styled by its own rules.

A Button brings Textual's whole button stylesheet (every variant, flat and
ANSI styles, 7 kB), and parsing it was the largest single cost of the form's
first frame, which is budgeted. This one keeps Button's behaviour (enter,
click, `Button.Pressed`) and carries only the rules of the one look it has:
compact, in the success colour.
"""

from __future__ import annotations

from textual.widgets import Button


class StartButton(Button, inherit_css=False):
    DEFAULT_CSS = """
    StartButton {
        width: auto;
        min-width: 16;
        height: 1;
        text-align: center;
        content-align: center middle;
        text-style: bold;
        color: $button-color-foreground;
        background: $success;
        pointer: pointer;
        &:focus {
            text-style: $button-focus-text-style;
            background-tint: $foreground 5%;
        }
        &:hover { background: $success-darken-2; }
        &.-active { tint: $background 30%; }
        &:disabled { text-opacity: 0.6; pointer: not-allowed; }
        &:ansi {
            color: $success;
            background: ansi_default;
            &:hover { background: $ansi-background; }
        }
    }
    """

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(label, id=id, variant="success", compact=True)
