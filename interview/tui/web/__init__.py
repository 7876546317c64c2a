"""The app in a browser: `interview serve` (textual-serve), one app process per page."""

from __future__ import annotations

import os

# Set by `interview serve --run-code` for the pages' app processes. A served
# page has no login, so by default its coding exercises never run code on the
# server: anyone who can open the page could otherwise run anything there.
RUN_CODE_ENV = "INTERVIEW_SERVE_RUN_CODE"


def may_run_code(is_web: bool) -> bool:
    """Whether this app may run a coding answer's tests: always in a terminal
    (the code is the user's own, on their machine); in a browser only when
    the server allows it."""
    return not is_web or os.environ.get(RUN_CODE_ENV) == "1"
