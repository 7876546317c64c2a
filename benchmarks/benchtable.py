"""One way for every benchmark to state a result, so `python -m benchmarks` can
gather them into one table.

Each result prints a line a person reads (the figure, the anchor timed in the
same run, the ratio, the budget and whether it is met) and, after it, the same
as one JSON line starting with `BENCH ` for the runner.
"""

from __future__ import annotations

import json

MARKER = "BENCH "


def shown(value: float) -> str:
    """About three significant figures: 1,503, 186, 13.3, 2.07, 0.404."""
    size = abs(value)
    if size >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}" if size >= 10 else f"{value:.2f}" if size >= 1 else f"{value:.3g}"


def result(measure: str, figure: float, unit: str, *, anchor: float | None = None,
           anchor_name: str = "", budget: float | None = None,
           budget_on: str = "ratio", note: str = "") -> None:
    """Print one measured figure.

    `figure` and `anchor` are in `unit` (ms, s, MB, %...). `budget` applies to
    the ratio figure/anchor when `budget_on` is "ratio" (a ratio budget needs
    an anchor), or to the figure itself when it is "figure"; for a figure
    that must be at least the budget (an agreement, say), use "at_least".
    """
    ratio = figure / anchor if anchor else None
    judged = ratio if budget_on == "ratio" else figure
    met: bool | None = None
    if budget is not None and judged is not None:
        met = judged >= budget if budget_on == "at_least" else judged <= budget
    parts = [f"{measure}: {shown(figure)} {unit}"]
    if anchor is not None:
        parts.append(f"anchor ({anchor_name}) {shown(anchor)} {unit}")
    if ratio is not None:
        parts.append(f"ratio {ratio:.2f}x")
    if budget is not None:
        limit = f"{budget:.2f}x" if budget_on == "ratio" else f"{shown(budget)} {unit}"
        sign = ">=" if budget_on == "at_least" else "<="
        parts.append(f"budget {sign} {limit} {'ok' if met else 'OVER' if met is not None else ''}")
    if note:
        parts.append(note)
    print("   ".join(parts).rstrip())
    print(MARKER + json.dumps({
        "measure": measure, "figure": figure, "unit": unit, "anchor": anchor,
        "anchor_name": anchor_name, "ratio": ratio, "budget": budget, "budget_on": budget_on,
        "met": met, "note": note,
    }), flush=True)
