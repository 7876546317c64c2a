"""The application context: the bank, the plans, the store and the profile.

The CLI builds one Workspace from its options and hands it to the app, so
both load the bank once, open the database once and choose the profile by
the same rule. Every method blocks (files, database): the app calls them
from thread workers, never on the UI thread. Heavy modules (SQLAlchemy,
Alembic) are imported on first use, not at start-up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from interview.config import default_profile
from interview.practice.clock import Clock, SystemClock

if TYPE_CHECKING:
    from interview.bank.loader import Bank
    from interview.bank.model import Plan, Question
    from interview.bank.plan_draft import PlanDraft
    from interview.practice.domain import Session
    from interview.practice.engine import PracticeRun
    from interview.practice.service import PracticeRequest
    from interview.search.index import SearchIndex
    from interview.store.repository import Store
    from interview.store.views import (
        DueQuestion,
        HistoryReader,
        QuestionPractice,
        SessionQuery,
        SessionSummary,
    )
    from interview.workspace.panel import Panel
    from interview.workspace.results import (
        AnswerShown,
        HistoryPage,
        PlanSet,
        ReadinessInfo,
        Report,
        TrendsInfo,
    )

WEAKEST_SHOWN = 3
INTERRUPTED_SHOWN = 100
HISTORY_PAGE = 50
HISTORY_COUNTED = 1000  # sessions counted past a page's start: "of 1,050+" beyond that

# The home form's roles, levels, competencies and kinds (HomeForm.choices).
FormChoices = tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]


class ProfileError(Exception):
    """The profile asked for does not exist, or none can be chosen for the user."""


@dataclass(frozen=True)
class HomeForm:
    """What the home screen's form needs: the bank and plans alone (no database)."""

    roles: dict[str, str]
    levels: dict[str, str]
    competencies: dict[str, str]
    kinds: dict[str, str]
    plans: list[Plan]
    bank_warning: str = ""

    @property
    def choices(self) -> FormChoices:
        return self.roles, self.levels, self.competencies, self.kinds


@dataclass(frozen=True)
class HomePanels:
    """What the home screen's panels show from the history."""

    interrupted: tuple[SessionSummary, ...] = ()  # every one, newest first
    due: list[str] = field(default_factory=list)  # question ids due now that the bank has
    weakest: list[tuple[str, float]] = field(default_factory=list)  # weakest first
    weak_questions: int = 0  # questions in the bank for those competencies


@dataclass(frozen=True)
class HomeInfo(HomePanels, HomeForm):
    """What the home screen shows once the bank and database are open: the
    form's choices and the panels' history together."""

    @classmethod
    def of(cls, form: HomeForm, panels: HomePanels) -> HomeInfo:
        return cls(**{f.name: getattr(form, f.name) for f in fields(HomeForm)},
                   **{f.name: getattr(panels, f.name) for f in fields(HomePanels)})

    @property
    def resumable(self) -> SessionSummary | None:
        """The newest interrupted session."""
        return self.interrupted[0] if self.interrupted else None


def choose_profile(known: Sequence[str], requested: str | None, login: str) -> str | None:
    """Whose practice this is: the one asked for; else the login name when it
    has history or nobody has; else the only profile there is. None when
    several profiles exist and none is the login name."""
    if requested is not None:
        return requested
    if login in known or not known:
        return login
    return known[0] if len(known) == 1 else None


class Workspace:
    def __init__(self, bank_dir: Path | None = None, plans_dir: Path | None = None,
                 database: str | None = None, profile: str | None = None,
                 clock: Clock | None = None) -> None:
        self.bank_dir = bank_dir
        self.plans_dir = plans_dir
        self.database = database
        self.requested_profile = profile
        self.interviewer: str | None = None  # who is interviewing, if not the default
        self.clock: Clock = clock or SystemClock()
        # Workers may ask for the same thing at once; each is opened only once.
        self._lock = threading.RLock()
        self._bank: Bank | None = None
        self._plans: PlanSet | None = None
        self._store: Store | None = None
        self._reader: HistoryReader | None = None
        self._profile: str | None = None
        self._index: SearchIndex | None = None

    # -- the bank and plans ---------------------------------------------------------
    def bank(self) -> Bank:
        """The active bank, invalid questions left out. BankError if unusable."""
        if self._bank is None:
            with self._lock:
                if self._bank is None:
                    from interview.bank.loader import load_bank

                    self._bank = load_bank(self.bank_dir)
        return self._bank

    def plans(self) -> PlanSet:
        if self._plans is None:
            with self._lock:
                if self._plans is None:
                    from interview.bank.locations import plan_dirs, yaml_files
                    from interview.bank.plans import check_plan_files, load_plans
                    from interview.workspace.results import PlanSet

                    bank = self.bank()
                    directories = plan_dirs(self.plans_dir)
                    if len(directories) == 1:  # its absence is a problem to report
                        plans, problems = load_plans(directories[0], bank.taxonomy,
                                                     bank.questions)
                    else:  # one check across them: an id used twice is reported
                        files = [f for d in directories for f in yaml_files(d)]
                        plans, problems = check_plan_files(files, bank.taxonomy,
                                                           bank.questions)
                    self._plans = PlanSet(plans, problems)
        return self._plans

    def search_index(self) -> SearchIndex:
        """The typo-tolerant index over the bank's questions (drafts included:
        interviewers browse them too), read or built on first use."""
        if self._index is None:
            with self._lock:
                if self._index is None:
                    import gc

                    from interview.search.index import SearchIndex

                    # Saved beside the bank cache: built once per bank change.
                    self._index = SearchIndex.load_or_build(self.bank())
                    # Millions of small objects that never change: keep the
                    # collector's full passes (tens of ms at 100,000
                    # questions, mid-keystroke) from walking them again.
                    gc.freeze()
        return self._index

    def plan_save_path(self, plan_id: str) -> Path:
        """Where the plan editor saves `plan_id` (never among the shipped plans)."""
        from interview.bank.locations import plan_save_dir

        return plan_save_dir(self.plans_dir) / f"{plan_id}.yaml"

    def save_plan(self, draft: PlanDraft, *, overwrite: bool = False) -> Path:
        """Check the plan as `interview plan check` would, then write it (an
        existing file only if `overwrite`: OutputExists otherwise). PlanInvalid
        names what is wrong."""
        from interview.bank.plan_draft import PlanInvalid, check_plan_text, plan_yaml
        from interview.files import write_file

        bank = self.bank()
        path = self.plan_save_path(draft.id)
        text = plan_yaml(draft.to_plan(str(path)))
        problems = check_plan_text(text, path, bank.taxonomy, bank.questions)
        if problems:
            raise PlanInvalid("\n".join(f"{p.field}: {p.message}" for p in problems[:3]))
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, text, force=overwrite)
        with self._lock:
            self._plans = None  # read again, with this one
        return path

    def plan(self, plan_id: str) -> Plan:
        """The valid plan `plan_id`; SelectionError naming the known ones if none."""
        plans = self.plans().plans
        for plan in plans:
            if plan.id == plan_id:
                return plan
        from interview.practice.selection import SelectionError

        known = ", ".join(p.id for p in plans) or "none"
        raise SelectionError(f"no plan {plan_id!r}; known plans: {known}")

    # -- the database and the profile ---------------------------------------------------
    def store(self) -> Store:
        """The open store (migrated on first use). StoreError if unusable."""
        if self._store is None:
            with self._lock:
                if self._store is None:
                    from interview.store.repository import Store

                    self._store = Store.open(self.database)
        return self._store

    def reader(self) -> HistoryReader:
        """What reads history: the open store, else a stdlib reader when the
        database is a plain SQLite file at the schema head (no SQLAlchemy
        import: see interview.store.quickread), else the store. StoreError if
        unusable."""
        if self._store is not None:
            return self._store
        if self._reader is None:
            with self._lock:
                if self._reader is None:
                    from interview.store.quickread import open_quick_reader

                    self._reader = open_quick_reader(self.database) or self.store()
        return self._reader

    def panel(self) -> Panel:
        """The interviewer's use cases over this workspace's bank, plans and store."""
        from interview.workspace.panel import Panel

        return Panel(self)

    def close(self) -> None:
        with self._lock:
            if self._reader is not None and self._reader is not self._store:
                self._reader.close()
            self._reader = None
            if self._store is not None:
                self._store.close()
                self._store = None

    @property
    def profile(self) -> str:
        """Whose practice this is (`choose_profile`); with several profiles and
        none of them the login name, a new one under the login name."""
        if self._profile is None:
            with self._lock:
                if self._profile is None:
                    login = default_profile()
                    known = [] if self.requested_profile else self.reader().profiles()
                    self._profile = choose_profile(known, self.requested_profile, login) or login
        return self._profile

    def use_profile(self, name: str | None) -> None:
        """Ask for profile `name` from now on (None: choose by the default rule)."""
        with self._lock:
            self.requested_profile = name
            self._profile = None

    def existing_profile(self) -> str:
        """The profile whose history to read: it must exist, and it must be
        clear which one is meant. ProfileError otherwise."""
        known = self.reader().profiles()
        listing = ", ".join(known) or "none yet"
        if self.requested_profile is not None and self.requested_profile not in known:
            raise ProfileError(f"no profile named {self.requested_profile!r}; known profiles: "
                               f"{listing}")
        login = default_profile()
        chosen = choose_profile(known, self.requested_profile, login)
        if chosen is None:
            raise ProfileError(f"no profile named {login!r} (your login name); choose one with "
                               f"--profile: {listing}")
        return chosen

    # -- progress ----------------------------------------------------------------------
    def due(self) -> list[DueQuestion]:
        """The profile's questions due for review now, soonest first."""
        return self.reader().due_questions(self.profile, self.clock.now())

    def weakest(self, limit: int = WEAKEST_SHOWN) -> list[tuple[str, float]]:
        """(competency, average grade) of the graded competencies, weakest first."""
        from interview.reports.progress import weakest

        return weakest(self.reader().competency_stats(self.profile), limit)

    def home(self) -> HomeInfo:
        """`home_form` and `home_panels` together."""
        return HomeInfo.of(self.home_form(), self.home_panels())

    def home_form(self) -> HomeForm:
        """The home form's choices, from the bank and plans only: the form is
        usable before the history is read (or SQLAlchemy imported)."""
        from interview.bank.problems import errors
        from interview.practice.domain import SessionFilters
        from interview.practice.selection import askable

        bank = self.bank()
        plans = self.plans()
        bad = len(errors(bank.problems)) + len(errors(plans.problems))
        warning = (f"{bad} problem(s) in the bank or plans were left out; run "
                   "`interview bank check` for details.") if bad else ""
        # The form offers only what some question can be asked for: a level
        # with no questions would only lead to "no questions match".
        anything = SessionFilters()
        asked = [q for q in bank if askable(q, anything)]
        taxonomy = bank.taxonomy
        form = HomeForm(_offered(taxonomy.roles, asked, lambda q: q.roles),
                        _offered(taxonomy.levels, asked, lambda q: q.levels),
                        _offered(taxonomy.competencies, asked, lambda q: q.competencies),
                        _offered(taxonomy.kinds, asked, lambda q: (q.kind,)),
                        plans.plans, warning)
        if form != self.cached_home_form():
            from interview.workspace import formcache

            formcache.write(self.bank_dir, self.plans_dir, form)
        return form

    def cached_home_form(self) -> HomeForm | None:
        """The home form as the last start built it, if the bank, plans and app
        are unchanged since: cheap enough for the first frame (no bank read)."""
        from interview.workspace import formcache

        return formcache.read(self.bank_dir, self.plans_dir)

    def cached_form_choices(self) -> FormChoices | None:
        """`cached_home_form().choices`, without building its plans: what the
        first frame shows."""
        from interview.workspace import formcache

        return formcache.read_choices(self.bank_dir, self.plans_dir)

    def home_panels(self) -> HomePanels:
        """Interrupted sessions, what is due and what is weakest, read through
        `reader` (a plain SQLite file at head needs no SQLAlchemy); nothing at
        all, and no database created, before the first session."""
        from interview.practice.domain import Status
        from interview.store.location import plain_sqlite_file

        path = plain_sqlite_file(self.database)
        if path is not None and not path.exists():
            return HomePanels()
        bank = self.bank()
        reader = self.reader()
        interrupted = tuple(reader.list_sessions(self.profile, limit=INTERRUPTED_SHOWN,
                                                 status=Status.IN_PROGRESS))
        due = [d.review.question_id for d in self.due() if d.review.question_id in bank.questions]
        weakest = self.weakest()
        names = {name for name, _ in weakest}
        # What a weakest-first session may draw from: `also:` counts, as it does there.
        weak_questions = sum(1 for q in bank
                             if not q.draft and any(c in names for c in q.competencies))
        return HomePanels(interrupted, due, weakest, weak_questions)

    # -- sessions ----------------------------------------------------------------------
    def check_selectable(self, request: PracticeRequest) -> None:
        """SelectionError if the bank has nothing `request` could ask; reads no history."""
        from interview.practice.selection import check_selectable

        check_selectable(request.filters, request.plan, self.bank().questions)

    def start(self, request: PracticeRequest) -> PracticeRun:
        from interview.practice.service import start_run

        weakness = dict(self.weakest(limit=100)) if request.filters.prefer_weak else {}
        return start_run(self.profile, request, self.bank().questions, self.store(),
                         self.clock, weakness)

    def session(self, session_id: int) -> Session:
        """A recorded session; SelectionError if there is none with that id."""
        found = self.store().get_session(session_id)
        if found is None:
            from interview.practice.selection import SelectionError

            raise SelectionError(f"no session {session_id}")
        return found

    def resume(self, session: Session) -> PracticeRun:
        from interview.practice.service import resume_run

        return resume_run(session, self.bank().questions, self.store(), self.clock)

    def discard(self, session: Session) -> None:
        self.store().abandon_session(session.id, self.clock.now())

    # -- the read side -----------------------------------------------------------------
    def history_page(self, where: SessionQuery, offset: int = 0,
                     limit: int = HISTORY_PAGE) -> HistoryPage:
        """One page of the profile's sessions that `where` asks for, newest first."""
        from interview.workspace.results import HistoryPage

        store = self.store()
        sessions = store.list_sessions(self.profile, limit=limit, offset=offset, where=where)
        cap = offset + HISTORY_COUNTED
        total = store.count_sessions(self.profile, where, cap=cap)
        return HistoryPage(tuple(sessions), offset, total, counted_all=total < cap)

    def answers_as_shown(self, session_id: int) -> list[AnswerShown]:
        """Each answer of a session with the question exactly as it was shown
        (the stored version, whatever the bank says now)."""
        from interview.workspace.results import AnswerShown

        store = self.store()
        return [AnswerShown(answer, store.shown_question(answer.question_id,
                                                         answer.question_hash))
                for answer in store.answers(session_id)]

    def trends(self) -> TrendsInfo:
        """Per-competency trends, practice days and the streak, as of now."""
        from interview.reports.calendar import current_streak, practice_days
        from interview.reports.calibration import self_calibration, self_grade_pairs
        from interview.reports.trends import competency_trends
        from interview.workspace.results import TrendsInfo

        store = self.store()
        records = store.answer_records(self.profile)
        now = self.clock.now()
        days = practice_days(records, now.astimezone().tzinfo or UTC)
        today = now.astimezone().date()
        rehearsals = store.scorecards.profile_scorecards(self.profile)
        return TrendsInfo(competency_trends(records, store.review_states(self.profile), now),
                          records, days, today, current_streak(days, today),
                          self_calibration(self_grade_pairs(rehearsals)))

    def readiness(self, role: str | None = None, level: str | None = None) -> ReadinessInfo:
        """Readiness for role and level (default: the last ones practised, else
        the first the bank offers)."""
        from interview.reports.calibration import (
            interviewer_graded,
            self_calibration,
            self_grade_pairs,
        )
        from interview.reports.readiness import last_target, readiness
        from interview.workspace.results import ReadinessInfo

        store = self.store()
        rehearsals = store.scorecards.profile_scorecards(self.profile)
        questions = [q for q in self.bank() if not q.draft]
        by_id = {q.id: q for q in questions}

        def signals_total(question_id: str) -> int:
            rubric = by_id[question_id].rubric if question_id in by_id else None
            return len(rubric.signals) if rubric else 0

        # A rehearsal's answers count with the interviewer's grade, not the self-grade.
        graded = interviewer_graded(rehearsals, signals_total)
        records = sorted([*store.answer_records(self.profile), *graded],
                         key=lambda r: r.answered_at)
        if role is None or level is None:
            last = last_target(records)
            taxonomy = self.bank().taxonomy
            role = role or (last[0] if last else next(iter(taxonomy.roles), ""))
            level = level or (last[1] if last else next(iter(taxonomy.levels), ""))
        calibration = self_calibration(self_grade_pairs(rehearsals))
        return ReadinessInfo(readiness(records, questions, role, level),
                             list(self.bank().taxonomy.roles), list(self.bank().taxonomy.levels),
                             calibration[0] if calibration else None, len(graded))

    def question_practice(self, question_id: str) -> QuestionPractice:
        """How often the profile has answered the question, and its last grade."""
        return self.store().question_practice(self.profile, question_id)

    def report(self, output_format: str, *, since: datetime | None = None,
               since_day: date | None = None, target: tuple[str, str] | None = None,
               include_answers: bool = True) -> Report:
        """The profile's report as text in `output_format` (md, html, csv):
        answers at or after `since` (the local day `since_day`), readiness for
        `target` (default: the last role and level practised)."""
        from interview.reports.export import render
        from interview.reports.export.data import gather
        from interview.workspace.results import Report

        now = self.clock.now()
        data = gather(self.store(), list(self.bank()), self.profile, since=since,
                      since_day=since_day, target=target, now=now,
                      tz=now.astimezone().tzinfo or UTC, include_answers=include_answers)
        return Report(render(data, output_format), len(data.sessions),
                      sum(len(s.answers) for s in data.sessions))

    def practise_again(self, question_id: str, session: Session) -> PracticeRequest:
        """A practice session of that one question, for the target of `session`.
        SelectionError if the bank no longer has it."""
        from interview.bank.model import Plan, Round
        from interview.practice.domain import SessionFilters
        from interview.practice.selection import SelectionError
        from interview.practice.service import PracticeRequest

        question = self.bank().get(question_id)
        if question is None or question.draft:
            raise SelectionError(f"question {question_id} is no longer in the bank, so it "
                                 "cannot be practised again")
        role = session.filters.role or question.roles[0]
        level = session.filters.level or question.levels[0]
        plan = Plan(id=f"again-{question.id}", title=f"Again: {question.title}", role=role,
                    level=level, rounds=(Round("Practising again", question.minutes,
                                               (question.id,)),))
        return PracticeRequest(SessionFilters(role=role, level=level), plan=plan)


def _offered(section: dict[str, str], questions: Iterable[Question],
             values: Callable[[Question], Iterable[str]]) -> dict[str, str]:
    """The entries of a taxonomy section that some of `questions` use, in taxonomy order."""
    used = {value for q in questions for value in values(q)}
    return {key: text for key, text in section.items() if key in used}
