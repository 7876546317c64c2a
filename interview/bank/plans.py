"""Parsing session plans (`sessions/<plan-id>.yaml`)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

from interview.bank.fields import FieldReader
from interview.bank.model import Plan, Round, Selector
from interview.bank.problems import Problem, errors
from interview.bank.taxonomy import Taxonomy
from interview.bank.yamlio import Document, YList, YMap

PLAN_FIELDS = ("id", "title", "role", "level", "description", "rounds")
ROUND_FIELDS = ("title", "minutes", "questions", "pick", "notes")
PICK_FIELDS = ("competency", "kind", "level", "count")


def parse_plan(
    document: Document, taxonomy: Taxonomy, question_ids: Collection[str]
) -> tuple[Plan | None, list[Problem]]:
    """Validate a plan; explicit question ids must exist in `question_ids`."""
    shown = document.file
    root = document.root
    if root is None:
        return None, list(document.problems)
    if not isinstance(root, YMap):
        return None, [*document.problems, Problem(shown, 1, "-", "-", "expected a plan mapping")]
    raw_id = root.get("id")
    item = raw_id if isinstance(raw_id, str) and raw_id.strip() else "-"
    problems: list[Problem] = []
    read = FieldReader(shown, item, root, problems=problems)
    read.reject_unknown(PLAN_FIELDS)
    plan_id = read.slug("id")
    stem = Path(shown).stem
    if plan_id and stem != plan_id:
        read.report("id", f"must match the file name ({stem!r}) so `--plan {plan_id}` finds it")
    title = read.text("title")
    role = read.choice("role", taxonomy.roles, "role")
    level = read.choice("level", taxonomy.levels, "level")
    description = read.text("description", required=False)
    rounds: list[Round] = []
    entries = root.get("rounds")
    if not isinstance(entries, YList) or not entries:
        read.report("rounds", "a plan needs a non-empty list of rounds")
    else:
        for index, entry in enumerate(entries):
            found = _parse_round(read, index, entries, entry, taxonomy, question_ids)
            if found is not None:
                rounds.append(found)
    # YAML-level problems name the plan too; a value refused there (a tag,
    # say) would read as missing or mistyped here, so report it once.
    from_yaml = [replace(p, item=item) if p.field != "-" else p for p in document.problems]
    refused = {p.field for p in from_yaml} - {"-"}
    problems[:] = from_yaml + [p for p in problems if p.field not in refused]
    _reject_repeated_questions(read, entries)
    if errors(problems):  # warnings (control characters, say) keep the plan
        return None, problems
    return Plan(plan_id, title, role, level, tuple(rounds), description, shown), problems


def _reject_repeated_questions(plan: FieldReader, entries: object) -> None:
    """A question asked twice in one loop wastes a slot; name the second use."""
    if not isinstance(entries, YList):
        return
    seen: dict[str, str] = {}
    for index, entry in enumerate(entries):
        ids = entry.get("questions") if isinstance(entry, YMap) else None
        if not isinstance(ids, YList):
            continue
        for position, qid in enumerate(ids):
            if not isinstance(qid, str):
                continue
            where = f"rounds[{index}].questions[{position}]"
            if qid in seen:
                plan.problems.append(Problem(plan.file, ids.line_of(position), plan.item, where,
                                             f"{qid!r} is already asked at {seen[qid]}"))
            else:
                seen[qid] = where


def _parse_round(
    plan: FieldReader,
    index: int,
    entries: YList,
    entry: object,
    taxonomy: Taxonomy,
    question_ids: Collection[str],
) -> Round | None:
    key = f"rounds[{index}]"
    read = plan.child(key, entry) if isinstance(entry, YMap) else None
    if read is None:
        plan.report(key, "must be a mapping with title, minutes and questions or pick",
                    entries.line_of(index))
        return None
    read.reject_unknown(ROUND_FIELDS)
    title = read.text("title")
    minutes = read.positive_int("minutes")
    questions = read.text_list("questions")
    raw = read.mapping.get("questions")
    for position, qid in enumerate(questions):
        if qid not in question_ids:
            line = raw.line_of(position) if isinstance(raw, YList) else None
            read.report(f"questions[{position}]", f"no question {qid!r} in the bank", line)
    pick: Selector | None = None
    has_questions = "questions" in read.mapping
    if "pick" in read.mapping:
        pick = _parse_pick(read, taxonomy)
    if has_questions == ("pick" in read.mapping):
        read.report("questions", "a round needs either `questions` or `pick`, not both or neither",
                    read.line)
    if isinstance(raw, YList) and not raw:
        read.report("questions", "must list at least one question id")
    return Round(title, minutes, questions, pick, read.text("notes", required=False))


def _parse_pick(round_reader: FieldReader, taxonomy: Taxonomy) -> Selector | None:
    read = round_reader.child("pick")
    if read is None:
        return None
    read.reject_unknown(PICK_FIELDS)
    count = read.positive_int("count")
    competency = read.choice("competency", taxonomy.competencies, "competency", required=False)
    kind = read.choice("kind", taxonomy.kinds, "kind", required=False)
    level = read.choice("level", taxonomy.levels, "level", required=False)
    return Selector(count, competency or None, kind or None, level or None)


def load_plans(
    directory: Path, taxonomy: Taxonomy, question_ids: Collection[str]
) -> tuple[list[Plan], list[Problem]]:
    """Every valid plan in a directory, and the problems of the invalid ones."""
    from interview.bank.locations import yaml_files

    if not directory.is_dir():
        why = missing_dir(directory)
        return [], [Problem(str(directory), 1, "-", "-", f"the plans directory {why}")]
    return check_plan_files(yaml_files(directory), taxonomy, question_ids)


def missing_dir(directory: Path) -> str:
    """Why a plans directory cannot be read: "does not exist", "is a symbolic link loop", ..."""
    from interview.files import why_unusable

    return why_unusable(directory) or "is not a directory"


def check_plan_files(
    files: Collection[Path], taxonomy: Taxonomy, question_ids: Collection[str]
) -> tuple[list[Plan], list[Problem]]:
    """Every valid plan among `files`, and all problems; plan ids must be unique
    (`a.yaml` and `a.yml`, or two directories, would both claim `--plan a`)."""
    from interview.bank.yamlio import parse_document

    plans: dict[str, Plan] = {}
    problems: list[Problem] = []
    for path in files:
        plan, found = parse_plan(parse_document(path), taxonomy, question_ids)
        problems.extend(found)
        if plan is None:
            continue
        first = plans.get(plan.id)
        if first is not None:
            message = f"duplicate plan id; first used at {first.source}"
            problems.append(Problem(plan.source, 1, plan.id, "id", message))
        else:
            plans[plan.id] = plan
    return list(plans.values()), problems
