"""`interview bank ...`: check, list and count the question bank."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import click

from interview.bank.loader import Bank, check_paths
from interview.bank.locations import active_bank_dir
from interview.bank.problems import errors
from interview.cli.context import load_bank, pass_workspace
from interview.cli.filters import chosen_filter, filter_options
from interview.cli.output import FORMAT_OPTION, print_json, print_table
from interview.workspace import Workspace


@click.group()
def bank() -> None:
    """Check, list and count the questions in the bank."""


@bank.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--run-exercises", is_flag=True,
              help="Also run every coding exercise: its reference must pass all its tests "
                   "and its starter must fail at least one.")
@pass_workspace
def check(workspace: Workspace, paths: tuple[Path, ...], run_exercises: bool) -> None:
    """Validate the active bank, or the given files and directories.

    Prints every problem as FILE:LINE: QUESTION-ID: FIELD: MESSAGE and exits
    with 1 if any is an error. A directory with its own taxonomy.yaml uses it;
    otherwise the bundled taxonomy applies.
    """
    result = check_paths(paths or (active_bank_dir(workspace.bank_dir),))
    problems = result.problems + _near_duplicate_warnings(result.questions)
    if run_exercises:
        problems += _exercise_problems(result.questions)
    for problem in problems:
        click.echo(str(problem))
    bad = len(errors(problems))
    warned = len(problems) - bad
    summary = f"{len(result.questions)} valid questions in {result.files} file(s)"
    if bad:
        click.echo(f"{bad} error(s), {warned} warning(s); {summary}", err=True)
        raise SystemExit(1)
    click.echo(f"ok: {summary}" + (f", {warned} warning(s)" if warned else ""))


def _exercise_problems(questions: list[Any]) -> list[Any]:
    from interview.bank.problems import Problem
    from interview.coding.results import RunStatus
    from interview.coding.verify import verify

    found: list[Problem] = []
    for verdict in verify(questions):
        q = verdict.question
        if verdict.reference.status is RunStatus.UNAVAILABLE:
            found.append(Problem(q.source, q.line, q.id, "exercise.language",
                                 f"not run: {verdict.reference.summary()}", "warning"))
        elif verdict.problem:
            found.append(Problem(q.source, q.line, q.id, "exercise", verdict.problem))
    return found


def _near_duplicate_warnings(questions: list[Any]) -> list[Any]:
    from interview.search.dupes import duplicate_warnings

    return duplicate_warnings(questions)


@bank.command(name="list")
@filter_options
@FORMAT_OPTION
@pass_workspace
def list_questions(workspace: Workspace, /, output_format: str, **filters: str | None) -> None:
    """List questions, optionally filtered by role, level, competency and kind."""
    loaded = load_bank(workspace)
    chosen = loaded.select(chosen_filter(loaded.taxonomy, **filters))
    if output_format == "json":
        print_json([q.to_dict() for q in chosen])
        return
    rows = [(q.id, q.competency, q.kind, q.levels, q.minutes, q.title) for q in chosen]
    print_table(("id", "competency", "kind", "levels", "min", "title"), rows)
    click.echo(f"{len(chosen)} question(s)")


@bank.command()
@FORMAT_OPTION
@pass_workspace
def stats(workspace: Workspace, output_format: str) -> None:
    """Coverage: questions per competency and level, and per role and level."""
    loaded = load_bank(workspace)
    data = coverage(loaded)
    if output_format == "json":
        print_json(data)
        return
    levels = list(loaded.taxonomy.levels)
    matrix = data["by_competency"]
    rows = [[name, *(matrix[name][lv] for lv in levels), matrix[name]["total"]] for name in matrix]
    print_table(("competency", *levels, "total"), rows)
    click.echo("")
    roles = data["by_role"]
    print_table(("role", *levels, "total"),
                [[r, *(roles[r][lv] for lv in levels), roles[r]["total"]] for r in roles])
    click.echo("")
    click.echo("kinds: " + ", ".join(f"{k} {n}" for k, n in data["by_kind"].items()))
    click.echo(f"{data['questions']} questions")


def coverage(loaded: Bank) -> dict[str, Any]:
    """Counts by primary competency × level and role × level; a question
    tagged with several levels counts once in each."""
    taxonomy = loaded.taxonomy
    by_competency = {c: dict.fromkeys([*taxonomy.levels, "total"], 0)
                     for c in taxonomy.competencies}
    by_role = {r: dict.fromkeys([*taxonomy.levels, "total"], 0) for r in taxonomy.roles}
    kinds: Counter[str] = Counter()
    for question in loaded:
        by_competency[question.competency]["total"] += 1
        kinds[question.kind] += 1
        for level in question.levels:
            by_competency[question.competency][level] += 1
        for role in question.roles:
            by_role[role]["total"] += 1
            for level in question.levels:
                by_role[role][level] += 1
    return {
        "questions": len(loaded),
        "by_competency": by_competency,
        "by_role": by_role,
        "by_kind": {k: kinds[k] for k in taxonomy.kinds},
    }
