"""The HTML report's charts, drawn as inline SVG: no script, no fetches.

Each function returns one `<svg>` element. Text in them (competency names,
dates) is escaped with `html.escape`; sizes are a viewBox, so CSS can scale
a chart to the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta, tzinfo
from html import escape

from interview.reports.calendar import intensity
from interview.reports.export.data import ChartSeries
from interview.store.views import TREND_WINDOW

GRADE_LABELS = {1: "strong no", 2: "no", 3: "yes", 4: "strong yes"}
HEAT_COLOURS = ("#e5e7eb", "#bbf7d0", "#4ade80", "#16a34a", "#14532d")  # intensity 0..4
LINE = "#2563eb"
RAW = "#94a3b8"
GRID = "#e5e7eb"
INK = "#475569"
FONT = "font-family=\"system-ui, sans-serif\""
DOTS_UP_TO = 60  # more grades than this are drawn as faint dots under the average
WEEKDAY_LABELS = {0: "Mon", 2: "Wed", 4: "Fri"}


def _n(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def line_chart(series: ChartSeries, tz: tzinfo, *, width: int = 320, height: int = 160) -> str:
    """Grades (1..4) of one competency in the order they were given, evenly
    spaced, the first and last day below. Up to 2 x TREND_WINDOW grades are
    joined by a line; with more, each grade is a faint dot and the line is
    the average of the last TREND_WINDOW grades at each point."""
    left, right, top, bottom = 24, 10, 24, 22
    plot_w, plot_h = width - left - right, height - top - bottom
    points = series.points
    grades = [grade for _at, grade in points]
    first, last = points[0][0].astimezone(tz), points[-1][0].astimezone(tz)
    steps = max(len(points) - 1, 1)

    def x(index: int) -> float:
        return left + plot_w * index / steps

    def y(grade: float) -> float:
        return top + plot_h * (4 - grade) / 3

    label = f"{series.competency}: {len(points)} grades from {first:%Y-%m-%d} to {last:%Y-%m-%d}"
    parts = [
        f'<svg class="chart line-chart" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
        f'<text x="{left}" y="14" {FONT} font-size="12" font-weight="600" fill="#0f172a">'
        f"{escape(series.competency)}</text>",
    ]
    for grade in (1, 2, 3, 4):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{_n(y(grade))}" '
                     f'y2="{_n(y(grade))}" stroke="{GRID}" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{_n(y(grade) + 3.5)}" {FONT} font-size="10" '
                     f'text-anchor="end" fill="{INK}">{grade}</text>')
    coordinates = [(x(i), y(g)) for i, g in enumerate(grades)]
    if len(points) <= 2 * TREND_WINDOW:
        parts.append(_polyline(coordinates, LINE, 2))
        parts += [f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="3" fill="{LINE}"/>'
                  for cx, cy in coordinates]
    else:
        radius, opacity = ("2.5", "0.6") if len(points) <= DOTS_UP_TO else ("1.5", "0.35")
        parts += [f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{radius}" fill="{RAW}" '
                  f'fill-opacity="{opacity}"/>' for cx, cy in coordinates]
        averages = _rolling(grades, TREND_WINDOW)
        parts.append(_polyline([(x(i), y(a)) for i, a in enumerate(averages)], LINE, 2))
    parts.append(f'<text x="{left}" y="{height - 6}" {FONT} font-size="10" fill="{INK}">'
                 f"{first:%Y-%m-%d}</text>")
    parts.append(f'<text x="{width - right}" y="{height - 6}" {FONT} font-size="10" '
                 f'text-anchor="end" fill="{INK}">{last:%Y-%m-%d} · {len(points)} grades</text>')
    parts.append("</svg>")
    return "".join(parts)


def _polyline(points: Sequence[tuple[float, float]], colour: str, width: float) -> str:
    joined = " ".join(f"{_n(px)},{_n(py)}" for px, py in points)
    return (f'<polyline points="{joined}" fill="none" stroke="{colour}" '
            f'stroke-width="{_n(width)}" stroke-linejoin="round" stroke-linecap="round"/>')


def _rolling(values: Sequence[int], window: int) -> list[float]:
    """At each position, the mean of the last `window` values up to it."""
    found: list[float] = []
    total = 0
    for index, value in enumerate(values):
        total += value
        if index >= window:
            total -= values[index - window]
        found.append(total / min(index + 1, window))
    return found


def heatmap(weeks: Sequence[Sequence[int | None]], today: date, *, cell: int = 16,
            gap: int = 3) -> str:
    """A calendar of practice days (`calendar.heatmap_weeks`): one column per
    week, Monday at the top, oldest first, ending with today's week; shaded by
    `calendar.intensity` against the busiest day in view. Days after today
    are left out; each day's count is its tooltip."""
    step = cell + gap
    left, top = 30, 18
    width = left + max(len(weeks), 1) * step + 4
    height = top + 7 * step + 26
    first_monday = today - timedelta(days=today.weekday()) - timedelta(weeks=len(weeks) - 1)
    busiest = max((c for week in weeks for c in week if c is not None), default=0)
    active = sum(1 for week in weeks for c in week if c)
    label = f"Practice days: answers on {active} days of the last {len(weeks)} weeks"
    parts = [
        f'<svg class="chart heatmap" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
    ]
    for weekday, name in WEEKDAY_LABELS.items():
        parts.append(f'<text x="{left - 6}" y="{top + weekday * step + cell - 2}" {FONT} '
                     f'font-size="9" text-anchor="end" fill="{INK}">{name}</text>')
    for index, week in enumerate(weeks):
        monday = first_monday + timedelta(weeks=index)
        sunday = monday + timedelta(days=6)
        if sunday.day <= 7:  # the week a month starts in carries its name
            parts.append(f'<text x="{left + index * step}" y="{top - 6}" {FONT} '
                         f'font-size="9" fill="{INK}">{sunday:%b}</text>')
        for weekday, count in enumerate(week):
            if count is None:
                continue
            day = monday + timedelta(days=weekday)
            noun = "answer" if count == 1 else "answers"
            parts.append(
                f'<rect x="{left + index * step}" y="{top + weekday * step}" width="{cell}" '
                f'height="{cell}" rx="2" fill="{HEAT_COLOURS[intensity(count, busiest)]}">'
                f"<title>{day.isoformat()}: {count} {noun}</title></rect>")
    legend_y = top + 7 * step + 8
    legend_x = width - 4 - 5 * step - 30
    parts.append(f'<text x="{legend_x - 6}" y="{legend_y + cell - 2}" {FONT} font-size="9" '
                 f'text-anchor="end" fill="{INK}">Less</text>')
    for level, colour in enumerate(HEAT_COLOURS):
        parts.append(f'<rect x="{legend_x + level * step}" y="{legend_y}" width="{cell}" '
                     f'height="{cell}" rx="2" fill="{colour}"/>')
    parts.append(f'<text x="{legend_x + 5 * step + 2}" y="{legend_y + cell - 2}" {FONT} '
                 f'font-size="9" fill="{INK}">More</text>')
    parts.append("</svg>")
    return "".join(parts)
