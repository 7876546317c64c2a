"""Everything the app needs from the rest of the product, as blocking calls.

Screens call these from thread workers (never on the UI thread) and get plain
domain objects back. Tests build the app with a Backend pointed at a
temporary database, the same way the CLI builds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from interview.config import default_profile
from interview.practice.clock import Clock, SystemClock

if TYPE_CHECKING:
    from interview.bank.loader import Bank
    from interview.bank.model import Plan
    from interview.practice.domain import Session
    from interview.practice.engine import PracticeRun
    from interview.practice.service import PracticeRequest
    from interview.store.repository import Store


@dataclass(frozen=True)
class HomeInfo:
    """What the home screen shows once the bank and database are open."""

    roles: dict[str, str]
    levels: dict[str, str]
    competencies: dict[str, str]
    kinds: dict[str, str]
    plans: list[Plan]
    resumable: Session | None
    resumable_answered: int
    due: list[str]  # question ids due now, in the bank
    weakest: list[tuple[str, float]]  # (competency, average grade), weakest first
    weak_questions: int  # questions in the bank for those competencies
    bank_warning: str = ""


@dataclass
class Backend:
    bank_dir: Path | None = None
    plans_dir: Path | None = None
    database: str | None = None
    profile: str = field(default_factory=default_profile)
    clock: Clock = field(default_factory=SystemClock)
    _bank: Bank | None = None
    _store: Store | None = None

    # -- opening --------------------------------------------------------------
    def bank(self) -> Bank:
        if self._bank is None:
            from interview.bank.loader import load_bank

            self._bank = load_bank(self.bank_dir)
        return self._bank

    def store(self) -> Store:
        if self._store is None:
            from interview.store.repository import Store

            self._store = Store.open(self.database)
        return self._store

    def home(self) -> HomeInfo:
        """Load the bank and open the database (migrating it if needed)."""
        from interview.bank.problems import errors
        from interview.practice.scheduling import is_due

        bank = self.bank()
        store = self.store()
        plans, plan_problems = self._plans(bank)
        resumable = next(iter(store.in_progress_sessions(self.profile)), None)
        answered = len(store.answers(resumable.id)) if resumable else 0
        now = self.clock.now()
        reviews = store.review_states(self.profile)
        due = [qid for qid, r in reviews.items() if is_due(r, now) and qid in bank.questions]
        weakest = self.weakest()
        names = {name for name, _ in weakest}
        weak_questions = sum(1 for q in bank if q.competency in names and not q.draft)
        bad = len(errors(bank.problems)) + len(plan_problems)
        warning = (f"{bad} problem(s) in the bank or plans were left out; run "
                   "`interview bank check` for details.") if bad else ""
        taxonomy = bank.taxonomy
        return HomeInfo(taxonomy.roles, taxonomy.levels, taxonomy.competencies, taxonomy.kinds,
                        plans, resumable, answered, due, weakest, weak_questions, warning)

    def _plans(self, bank: Bank) -> tuple[list[Plan], list[object]]:
        from interview.bank.locations import active_plans_dir
        from interview.bank.plans import load_plans

        plans, problems = load_plans(active_plans_dir(self.plans_dir), bank.taxonomy,
                                     bank.questions)
        return plans, list(problems)

    def weakest(self, limit: int = 3) -> list[tuple[str, float]]:
        stats = self.store().competency_stats(self.profile)
        graded = [(s.competency, s.average_grade) for s in stats if s.average_grade is not None]
        return sorted(graded, key=lambda item: item[1])[:limit]

    # -- runs -------------------------------------------------------------------
    def start(self, request: PracticeRequest) -> PracticeRun:
        from interview.practice.service import start_run

        weakness = dict(self.weakest(limit=100)) if request.filters.prefer_weak else {}
        return start_run(request, self.bank().questions, self.store(), self.clock, weakness)

    def resume(self, session: Session) -> PracticeRun:
        from interview.practice.service import resume_run

        return resume_run(session, self.bank().questions, self.store(), self.clock)

    def discard(self, session: Session) -> None:
        self.store().abandon_session(session.id)

    def plan(self, plan_id: str) -> Plan:
        plans, _ = self._plans(self.bank())
        for plan in plans:
            if plan.id == plan_id:
                return plan
        from interview.practice.selection import SelectionError

        known = ", ".join(p.id for p in plans) or "none"
        raise SelectionError(f"no plan {plan_id!r} (known plans: {known})")
