"""Reports people can share: Markdown, one self-contained HTML file, or CSV.

`data.gather` reads what a report shows into a `ReportData`; `render` turns it
into text in one format; `interview.files.write_file` puts the text in place
without ever leaving a half-written file. The helpers below format values the
same way in every format.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interview.reports.export.data import AnswerLine, ReportData, Summary

FORMATS = ("md", "html", "csv")


def render(data: ReportData, output_format: str) -> str:
    """The report as text in `output_format` (one of FORMATS)."""
    renderer: Callable[[ReportData], str]
    if output_format == "md":
        from interview.reports.export.markdown import render_markdown as renderer
    elif output_format == "html":
        from interview.reports.export.html import render_html as renderer
    elif output_format == "csv":
        from interview.reports.export.csvfile import render_csv as renderer
    else:
        raise ValueError(f"unknown report format {output_format!r}; one of {FORMATS}")
    return renderer(data)


# -- values, formatted alike in every format ----------------------------------------

def duration(seconds: float) -> str:
    """`5:07`, or `1:02:03` from an hour on."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def local_time(moment: datetime | None, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M") if moment is not None else "-"


def local_day(moment: datetime | None, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d") if moment is not None else "-"


def zone_name(data: ReportData) -> str:
    """The zone times are shown in, e.g. `UTC+01:00`."""
    offset = data.generated_at.astimezone(data.tz).strftime("%z") or "+0000"
    return f"UTC{offset[:3]}:{offset[3:]}"


def number(value: float | None, places: int = 2) -> str:
    return "-" if value is None else f"{value:.{places}f}"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def signed(value: float | None) -> str:
    return "-" if value is None else f"{value:+.2f}"


def direction(value: float | None) -> str:
    """A word for a change in grade: improving, falling or steady."""
    if value is None:
        return ""
    if value > 0.005:
        return "improving"
    if value < -0.005:
        return "falling"
    return "steady"


def grade_text(line: AnswerLine) -> str:
    """`3 (yes)`, `awaiting grade`, `skipped` or `timed out`."""
    if line.grade is not None:
        return f"{int(line.grade)} ({line.grade.label})"
    if line.awaiting_grade:
        return "awaiting grade"
    return line.outcome.value.replace("-", " ")


def time_text(line: AnswerLine) -> str:
    over = " (over time)" if line.over_time else ""
    return f"{duration(line.seconds_used)} of {duration(line.time_limit_seconds)}{over}"


def period_text(summary: Summary, tz: tzinfo) -> str:
    """`since 2026-03-01: answers from 2026-03-02 to 2026-03-09`, or `all history: ...`."""
    scope = f"since {summary.since.isoformat()}" if summary.since else "all history"
    if summary.first_answer is None:
        return f"{scope}: no answers"
    first, last = local_day(summary.first_answer, tz), local_day(summary.last_answer, tz)
    return f"{scope}: answers from {first} to {last}" if first != last else \
        f"{scope}: answers on {first}"


def sessions_text(summary: Summary) -> str:
    """`4 (practice 2, mock 1, interviewer 1)`: the modes with sessions."""
    modes = ", ".join(f"{mode.value} {count}" for mode, count in summary.sessions_by_mode
                      if count)
    return f"{summary.sessions} ({modes})" if modes else str(summary.sessions)


def streak_text(days: int) -> str:
    return f"{days} day" if days == 1 else f"{days} days"


def target_text(role: str | None, level: str | None) -> str:
    return " ".join(part for part in (role, level) if part) or "none"
