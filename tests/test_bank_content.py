"""The bundled bank and plans meet their published quality bar.

These tests read the real files in questions/ and sessions/, not fixtures, so
an edit that drops coverage, thins a rubric or breaks a plan fails CI with the
question, competency or plan at fault named in the message. The numbers below
are the bar the README's "Question bank coverage" section reports against.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from itertools import pairwise

import pytest

from interview.bank.filters import QuestionFilter
from interview.bank.loader import Bank, load_bank
from interview.bank.locations import bundled_plans_dir, yaml_files
from interview.bank.model import Plan, Question, Round, Selector
from interview.bank.plans import load_plans
from interview.bank.problems import errors
from interview.practice.domain import SessionFilters
from interview.practice.selection import askable
from interview.search.dupes import near_duplicates

MIN_QUESTIONS = 400
MIN_PER_COMPETENCY = 10
COVERED_LEVELS = ("senior", "staff", "senior-staff")
MIN_PER_COMPETENCY_AND_LEVEL = 3
TARGET_ROLES = (
    ("software-engineer", "senior"),  # Senior Software Engineer
    ("systems-developer", "senior"),  # Senior Software Systems Developer
    ("software-engineer", "senior-staff"),  # Senior Staff Software Engineer
)
MIN_PER_TARGET_ROLE = 80
MIN_OUTLINE_WORDS = 40
LEVEL_ORDER = ("mid", "senior", "staff", "senior-staff", "principal")
LEANING = ("Also", "Additionally,", "Plus", "Everything")
MIN_PICK_POOL = 6  # spaced repetition needs several questions behind each pick
MIN_EXERCISES = 30
EXERCISE_LANGUAGES = (  # role, languages, at least this many exercises
    ("software-engineer", ("python",), 12),
    ("systems-developer", ("c", "cpp", "rust"), 12),
)

# Topics the review found absent for each target role, found by a keyword in a
# question's tags or id: each needs at least one question a candidate will see.
TOPICS: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
 ("systems-developer","senior"): {
   "release and backport triage": ("backport",),
   "a hardest-bug story": ("hardest-bug", "bug-below-your-code"),
   "garbage collection": ("garbage-collect", "gc"),
   "an interpreter or JIT": ("jit", "interpreter"),
   "async runtime or scheduler internals": ("scheduler", "executor", "work-stealing"),
   "allocator design": ("allocator",),
   "TLB and NUMA": ("tlb", "numa"),
   "reading gdb, perf or strace output": ("gdb", "perf-", "strace", "core-dump"),
   "RCU, seqlocks, hazard pointers": ("rcu", "seqlock", "hazard", "reclamation"),
   "epoll and io_uring": ("epoll", "io-uring", "io_uring"),
   "mmap": ("mmap",),
   "WAL and crash recovery": ("wal", "crash-recovery", "crash-consisten"),
   "compaction": ("compaction",),
   "file-system journaling": ("journal",),
   "congestion control": ("congestion",),
   "TLS": ("tls",),
 },
 ("software-engineer","senior"): {
   "senior distributed design": ("distributed", "idempoten", "exactly-once"),
   "choosing a message queue": ("queue-choice", "message-queue", "kafka", "work-queue"),
   "choosing a protocol": ("protocol", "grpc", "graphql", "websocket"),
   "SQL or NoSQL": ("nosql", "data-model"),
   "circuit breakers": ("circuit-breaker", "breaker"),
   "secure deployment and supply chain": ("supply-chain", "signing", "provenance"),
   "writing a design doc": ("design-doc",),
   "business value": ("business", "investment", "roi"),
 },
 ("software-engineer","senior-staff"): {
   "cloud control plane": ("control-plane",),
   "Kubernetes operators": ("operator",),
   "multi-cluster": ("multi-cluster",),
   "runtime security": ("container-escape", "seccomp", "runtime-security"),
   "secrets platform": ("secrets",),
   "config-push safety": ("config-push", "config-rollout", "staged-rollout"),
   "customer defects with SRE and support": ("customer-defect", "escalation"),
   "TDD": ("tdd", "test-driven"),
   "authoring a vision": ("vision",),
   "a project deep-dive": ("deep-dive",),
   "data catalog and lineage": ("lineage", "data-catalog"),
 },
}


# Plans the product ships: plan id -> (role, level).
LOOPS = {
    "software-engineer-senior-loop": ("software-engineer", "senior"),
    "systems-developer-senior-loop": ("systems-developer", "senior"),
    "software-engineer-senior-staff-loop": ("software-engineer", "senior-staff"),
}
ROLE_DRILLS = {
    "software-engineer-senior-drill": ("software-engineer", "senior"),
    "systems-developer-senior-drill": ("systems-developer", "senior"),
    "software-engineer-senior-staff-drill": ("software-engineer", "senior-staff"),
}
TOPIC_DRILLS = ("system-design-drill", "debugging-drill", "mentorship-leadership-drill")
LOOP_ROUNDS = (3, 5)
LOOP_MINUTES = (120, 240)
DRILL_MINUTES = (30, 45)


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bank]:
    """The bundled bank, loaded once; its cache goes to a private home, never the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INTERVIEW_HOME", str(tmp_path_factory.mktemp("bank-content-home")))
        patch.delenv("INTERVIEW_BANK", raising=False)
        yield load_bank()


@pytest.fixture(scope="module")
def plans(bank: Bank) -> dict[str, Plan]:
    loaded, problems = load_plans(bundled_plans_dir(), bank.taxonomy, bank.questions)
    assert not problems, "plans with problems:\n" + "\n".join(str(p) for p in problems)
    return {plan.id: plan for plan in loaded}


def listing(lines: list[str]) -> str:
    return "\n  " + "\n  ".join(lines)


# -- the bank as a whole -------------------------------------------------------


def test_bank_loads_without_errors(bank: Bank) -> None:
    found = errors(bank.problems)
    assert not found, f"{len(found)} error(s) in the bank:" + listing([str(p) for p in found])


def test_no_near_duplicate_prompts(bank: Bank) -> None:
    pairs = near_duplicates(list(bank))
    assert not pairs, "near-duplicate prompts:" + listing(
        [f"{p.first.id} ~ {p.second.id} (score {p.score:.0f})" for p in pairs])


def test_bank_has_enough_questions(bank: Bank) -> None:
    assert len(bank) >= MIN_QUESTIONS, (
        f"the bank has {len(bank)} valid questions; the bar is {MIN_QUESTIONS}")


def test_every_competency_has_enough_questions(bank: Bank) -> None:
    counts = Counter(q.competency for q in bank)
    short = [f"{name}: {counts[name]} question(s), needs {MIN_PER_COMPETENCY}"
             for name in bank.taxonomy.competencies if counts[name] < MIN_PER_COMPETENCY]
    assert not short, "competencies below the bar:" + listing(short)


def test_every_kind_is_present(bank: Bank) -> None:
    kinds = {q.kind for q in bank}
    missing = [kind for kind in bank.taxonomy.kinds if kind not in kinds]
    assert len(bank.taxonomy.kinds) == 6, f"expected six kinds, got {list(bank.taxonomy.kinds)}"
    assert not missing, f"no questions of kind(s): {', '.join(missing)}"


def test_coding_exercises_cover_both_kinds_of_engineer(bank: Bank) -> None:
    """Product engineers write Python; systems developers write C, C++ or Rust."""
    exercises = [q for q in bank if q.exercise is not None]
    assert len(exercises) >= MIN_EXERCISES, f"{len(exercises)} exercises, needs {MIN_EXERCISES}"
    for role, languages, least in EXERCISE_LANGUAGES:
        found = [q for q in exercises if role in q.roles and q.exercise
                 and q.exercise.language in languages]
        assert len(found) >= least, f"{role}: {len(found)} exercises in {languages}"


def test_every_bundled_exercise_is_sound(bank: Bank) -> None:
    """Each reference passes all its tests; each starter fails at least one."""
    from interview.coding.verify import verify

    unsound = [f"{v.question.id}: {v.problem}" for v in verify(bank) if v.problem]
    assert not unsound, "exercises that do not prove anything:" + listing(unsound)


def test_every_competency_covers_senior_to_senior_staff(bank: Bank) -> None:
    counts = Counter((q.competency, level) for q in bank for level in q.levels)
    short = [
        f"{name} at {level}: {counts[name, level]} question(s), "
        f"needs {MIN_PER_COMPETENCY_AND_LEVEL}"
        for name in bank.taxonomy.competencies
        for level in COVERED_LEVELS
        if counts[name, level] < MIN_PER_COMPETENCY_AND_LEVEL
    ]
    assert not short, "competency x level cells below the bar:" + listing(short)


@pytest.mark.parametrize(("role", "level"), TARGET_ROLES)
def test_each_target_role_has_a_deep_pool(bank: Bank, role: str, level: str) -> None:
    count = len(bank.select(QuestionFilter(role, level)))
    assert count >= MIN_PER_TARGET_ROLE, (
        f"({role}, {level}) has {count} questions; the bar is {MIN_PER_TARGET_ROLE}")


@pytest.mark.parametrize(("role", "level"), list(TOPICS))
def test_each_target_role_covers_its_topics(bank: Bank, role: str, level: str) -> None:
    seen = [q for q in bank if role in q.roles and level in q.levels]
    missing = [topic for topic, keys in TOPICS[role, level].items()
               if not any(key in text.lower() for q in seen for text in (*q.tags, q.id)
                          for key in keys)]
    assert not missing, f"{role} at {level} has nothing on:" + listing(missing)


# -- every question --------------------------------------------------------------


def _rubric_problem(question: Question) -> str | None:
    return None if question.rubric is not None else "has no rubric"


def _hints(question: Question) -> str | None:
    return None if question.hints else "needs at least 1 hint"


def _follow_ups(question: Question) -> str | None:
    n = len(question.follow_ups)
    return None if n >= 2 else f"has {n} follow-up(s), needs 2"


def _signals(question: Question) -> str | None:
    n = len(question.rubric.signals) if question.rubric else 0
    return None if n >= 3 else f"has {n} rubric signal(s), needs 3"


def _red_flags(question: Question) -> str | None:
    n = len(question.rubric.red_flags) if question.rubric else 0
    return None if n >= 1 else "needs at least 1 red flag"


def _by_level(question: Question) -> str | None:
    keys = sorted(question.rubric.by_level) if question.rubric else []
    levels = sorted(question.levels)
    return None if keys == levels else f"by_level covers {keys} but levels are {levels}"


def _two_adjacent_levels(question: Question) -> str | None:
    """A bar for one level alone cannot separate that level from the next."""
    order = list(LEVEL_ORDER)
    places = sorted(order.index(level) for level in question.levels if level in order)
    adjacent = any(b - a == 1 for a, b in pairwise(places))
    return None if adjacent else f"levels {list(question.levels)} include no two adjacent levels"


def _bars_stand_alone(question: Question) -> str | None:
    """A bar that opens "Also ..." leans on the one before and tends to add scope, not depth."""
    bars = question.rubric.by_level if question.rubric else {}
    leaning = [level for level, text in bars.items() if text.split(maxsplit=1)[0] in LEANING]
    return None if not leaning else f"the bar for {leaning} begins by leaning on another bar"


def _below_bar(question: Question) -> str | None:
    return None if question.rubric and question.rubric.below_bar else "has no below_bar line"


def _outline(question: Question) -> str | None:
    n = len(question.outline.split())
    return None if n >= MIN_OUTLINE_WORDS else f"outline has {n} words, needs {MIN_OUTLINE_WORDS}"


def _tags(question: Question) -> str | None:
    return None if question.tags else "has no tags"


RULES: dict[str, Callable[[Question], str | None]] = {
    "rubric": _rubric_problem,
    "hints": _hints,
    "follow_ups": _follow_ups,
    "signals": _signals,
    "red_flags": _red_flags,
    "by_level": _by_level,
    "two_adjacent_levels": _two_adjacent_levels,
    "bars_stand_alone": _bars_stand_alone,
    "below_bar": _below_bar,
    "outline": _outline,
    "tags": _tags,
}


@pytest.mark.parametrize("rule", list(RULES))
def test_every_question_meets_the_rubric_bar(bank: Bank, rule: str) -> None:
    check = RULES[rule]
    failing = [f"{q.id} ({q.source}:{q.line}): {problem}"
               for q in bank if (problem := check(q)) is not None]
    assert not failing, f"{len(failing)} question(s) fail the {rule} rule:" + listing(failing)


# -- session plans ----------------------------------------------------------------


def test_every_plan_file_loads(plans: dict[str, Plan]) -> None:
    files = yaml_files(bundled_plans_dir())
    loaded = {plan.source for plan in plans.values()}
    missing = [str(path) for path in files if str(path) not in loaded]
    assert not missing, "plan files that did not produce a plan:" + listing(missing)


@pytest.mark.parametrize("plan_id", list(LOOPS))
def test_loops_look_like_an_onsite(bank: Bank, plans: dict[str, Plan], plan_id: str) -> None:
    assert plan_id in plans, f"missing plan sessions/{plan_id}.yaml"
    plan = plans[plan_id]
    assert (plan.role, plan.level) == LOOPS[plan_id], (
        f"{plan_id} is for ({plan.role}, {plan.level}), expected {LOOPS[plan_id]}")
    low, high = LOOP_ROUNDS
    assert low <= len(plan.rounds) <= high, (
        f"{plan_id} has {len(plan.rounds)} rounds; a loop has {low} to {high}")
    low, high = LOOP_MINUTES
    assert low <= plan.minutes <= high, (
        f"{plan_id} runs {plan.minutes} minutes; a loop runs {low} to {high}")
    assert any(r.pick is None for r in plan.rounds), f"{plan_id} names no questions explicitly"
    coding = [r for r in plan.rounds if (r.pick is not None and r.pick.kind == "coding")
              or any(bank.questions[q].kind == "coding" for q in r.questions)]
    assert coding, f"{plan_id} has no coding round"
    assert any(r.pick is not None for r in plan.rounds), f"{plan_id} has no pick selector"


SENIOR_STAFF_LOOPS = [plan for plan, (_, level) in LOOPS.items() if level == "senior-staff"]


def _behavioural(bank: Bank, round_: Round) -> bool:
    if round_.pick is not None:
        return round_.pick.kind == "behavioral" or round_.pick.competency == "mentorship-talent"
    return all(bank.questions[qid].kind == "behavioral" for qid in round_.questions)


@pytest.mark.parametrize("plan_id", SENIOR_STAFF_LOOPS)
def test_senior_staff_loops_test_depth_not_only_scope(
    bank: Bank, plans: dict[str, Plan], plan_id: str,
) -> None:
    """A senior-staff loop digs into a project of the candidate's own and keeps
    most rounds technical: breadth alone is not the bar."""
    plan = plans[plan_id]
    named = [bank.questions[qid] for r in plan.rounds for qid in r.questions]
    assert any("deep-dive" in q.tags for q in named), f"{plan_id} has no project deep-dive round"
    behavioural = [r.title for r in plan.rounds if _behavioural(bank, r)]
    assert len(behavioural) <= 2, f"{plan_id} has behavioural rounds {behavioural}"


@pytest.mark.parametrize("plan_id", [*ROLE_DRILLS, *TOPIC_DRILLS])
def test_drills_are_short(plans: dict[str, Plan], plan_id: str) -> None:
    assert plan_id in plans, f"missing plan sessions/{plan_id}.yaml"
    plan = plans[plan_id]
    if plan_id in ROLE_DRILLS:
        assert (plan.role, plan.level) == ROLE_DRILLS[plan_id], (
            f"{plan_id} is for ({plan.role}, {plan.level}), expected {ROLE_DRILLS[plan_id]}")
    low, high = DRILL_MINUTES
    assert low <= plan.minutes <= high, (
        f"{plan_id} runs {plan.minutes} minutes; a drill runs {low} to {high}")


@pytest.mark.parametrize("plan_id", [*LOOPS, *ROLE_DRILLS, *TOPIC_DRILLS])
def test_shipped_plans_brief_the_interviewer(plans: dict[str, Plan], plan_id: str) -> None:
    plan = plans[plan_id]
    assert plan.description.strip(), f"{plan_id} has no description"
    silent = [r.title for r in plan.rounds if not r.notes.strip()]
    assert not silent, f"{plan_id}: rounds without notes: {silent}"


def test_explicit_questions_fit_the_plan(bank: Bank, plans: dict[str, Plan]) -> None:
    wrong: list[str] = []
    for plan in plans.values():
        listed = [qid for r in plan.rounds for qid in r.questions]
        wrong += [f"{plan.id}: {qid} is listed twice"
                  for qid, n in Counter(listed).items() if n > 1]
        for qid in listed:
            q = bank.questions[qid]
            if plan.role not in q.roles or plan.level not in q.levels:
                wrong.append(f"{plan.id}: {qid} is tagged {list(q.roles)} / {list(q.levels)}, "
                             f"not ({plan.role}, {plan.level})")
    assert not wrong, "explicit questions that do not fit their plan:" + listing(wrong)


def _pool(bank: Bank, plan: Plan, pick: Selector) -> set[str]:
    """What a pick can draw from when the plan runs (see practice.selection)."""
    filters = SessionFilters(
        role=plan.role,
        level=pick.level or plan.level,
        competencies=(pick.competency,) if pick.competency else (),
        kinds=(pick.kind,) if pick.kind else (),
    )
    return {q.id for q in bank if askable(q, filters)}


def test_every_pick_can_always_be_filled(bank: Bank, plans: dict[str, Plan]) -> None:
    """Worst case: earlier picks take questions this pick could use, and explicit
    questions anywhere in the plan are never available to it. A pick must also
    not be able to take a question a later round lists, or that round loses it."""
    short: list[str] = []
    for plan in plans.values():
        explicit = {qid for r in plan.rounds for qid in r.questions}
        earlier: list[tuple[int, set[str]]] = []
        for index, round_ in enumerate(plan.rounds):
            if round_.pick is None:
                continue
            pool = _pool(bank, plan, round_.pick)
            later = {qid for r in plan.rounds[index + 1:] for qid in r.questions}
            if stolen := sorted(pool & later):
                short.append(f"{plan.id} / {round_.title}: may take {stolen} from a later round")
            taken = sum(count for count, other in earlier if other & pool)
            available = len(pool - explicit) - taken
            if available < round_.pick.count:
                short.append(f"{plan.id} / {round_.title}: needs {round_.pick.count}, "
                             f"only {available} certain to be free ({len(pool)} match)")
            earlier.append((round_.pick.count, pool))
    assert not short, "picks that can come up short:" + listing(short)


def test_every_pick_draws_from_a_pool_deep_enough_to_repeat(
        bank: Bank, plans: dict[str, Plan]) -> None:
    """With two or three questions behind a pick, a candidate who practises the plan
    weekly sees the same ones every time; six lets the schedule rotate them."""
    small = [f"{plan.id} / {round_.title}: {len(pool)} question(s)"
             for plan in plans.values() for round_ in plan.rounds if round_.pick is not None
             if len(pool := _pool(bank, plan, round_.pick)) < MIN_PICK_POOL]
    assert not small, f"picks with fewer than {MIN_PICK_POOL} eligible questions:" + listing(small)
