"""Practice by calendar day: answers per local day, the current streak and a
GitHub-style heat map. Days are the user's local days, so an answer at 23:30
counts for the evening it was given, not for UTC's tomorrow.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta, tzinfo

from interview.store.views import AnswerRecord

DAYS_PER_WEEK = 7
BUCKETS = 4  # intensity levels above "none"
ONE_DAY = timedelta(days=1)


def practice_days(records: Sequence[AnswerRecord], tz: tzinfo) -> dict[date, int]:
    """Answers (whatever their outcome) per local day in `tz`, oldest day first."""
    counts = Counter(record.answered_at.astimezone(tz).date() for record in records)
    return dict(sorted(counts.items()))


def current_streak(days: Mapping[date, int], today: date) -> int:
    """Consecutive days with practice ending today, or ending yesterday if
    today has none yet (the streak is not lost until the day is over)."""
    day = today if days.get(today, 0) > 0 else today - ONE_DAY
    streak = 0
    while days.get(day, 0) > 0:
        streak += 1
        day -= ONE_DAY
    return streak


def heatmap_weeks(days: Mapping[date, int], today: date,
                  weeks: int = 26) -> list[list[int | None]]:
    """The last `weeks` weeks ending with today's week, oldest first: each a
    column of 7 counts, Monday to Sunday, with None for the days after today
    (they have not happened, which is not the same as no practice).
    `weeks` of 0 or less gives no columns."""
    first_monday = today - timedelta(days=today.weekday()) - timedelta(weeks=max(weeks, 0) - 1)
    return [[_count(days, first_monday + timedelta(weeks=week, days=weekday), today)
             for weekday in range(DAYS_PER_WEEK)]
            for week in range(max(weeks, 0))]


def _count(days: Mapping[date, int], day: date, today: date) -> int | None:
    return None if day > today else days.get(day, 0)


def intensity(count: int, busiest: int) -> int:
    """0 for no practice, else 1..4 by the share of the busiest day's count:
    up to a quarter is 1, up to a half 2, up to three quarters 3, above 4.
    A count above `busiest` is treated as the busiest."""
    if count <= 0:
        return 0
    busiest = max(busiest, count)
    return -(-count * BUCKETS // busiest)  # ceil(count / busiest * 4), in integers
