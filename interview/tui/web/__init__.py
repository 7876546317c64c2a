"""The app in a browser: `interview serve` (textual-serve), one app process per page."""
