"""What every command shares: the one Workspace the root group builds, and
the turning of its errors into one readable line and an exit status."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from interview.cli.output import fail, warn
from interview.workspace import ProfileError, Workspace
from interview.workspace.results import PlanSet

if TYPE_CHECKING:
    from interview.bank.loader import Bank
    from interview.bank.problems import Problem
    from interview.store.repository import Store
    from interview.store.views import HistoryReader

pass_workspace = click.make_pass_decorator(Workspace, ensure=True)


def load_bank(workspace: Workspace, *, quiet: bool = False) -> Bank:
    """The workspace's bank; an unusable one prints its problems and exits 1,
    invalid questions are left out with a warning (unless `quiet`). A bank
    directory that cannot be read, or (unless `quiet`: importing into a new
    bank needs none) one without any question file, is one line and exit 1."""
    from interview.bank.locations import active_bank_dir
    from interview.bank.problems import BankError, errors
    from interview.files import why_unusable

    root = active_bank_dir(workspace.bank_dir)
    if not root.is_dir():
        fail(f"the bank directory {root} {why_unusable(root) or 'is not a directory'}")
    try:
        bank = workspace.bank()
    except BankError as exc:
        report_problems(exc.problems)
        fail(f"the bank at {workspace.bank_dir or 'the default location'} cannot be used")
    bad = errors(bank.problems)
    if not quiet and not bank.files:
        fail(f"the bank at {root} has no question files (*.yaml)")
    if bad and not quiet:
        warn(f"{len(bad)} problem(s) in the bank; run `interview bank check` for details. "
             "Invalid questions are left out.")
    return bank


def load_plans(workspace: Workspace, *, missing_ok: bool = False) -> PlanSet:
    """The bank (load_bank) and the plans; a plans directory that cannot be
    read is one line and exit 1, unless `missing_ok` and it does not exist yet
    (the plan editor makes it)."""
    from interview.bank.locations import plan_dirs
    from interview.bank.plans import missing_dir

    load_bank(workspace)
    for directory in plan_dirs(workspace.plans_dir):
        if not directory.is_dir():
            why = missing_dir(directory)
            if not (missing_ok and why == "does not exist"):
                fail(f"the plans directory {directory} {why}")
    return workspace.plans()


def no_history_yet(workspace: Workspace) -> bool:
    """Whether the workspace's database is a SQLite file that does not exist
    and cannot be made (a read-only INTERVIEW_HOME): read commands then show
    an empty history instead of failing to create it."""
    from interview.store.location import no_database_yet, plain_sqlite_file

    return no_database_yet(plain_sqlite_file(workspace.database))


def require_writable(workspace: Workspace, command: str) -> None:
    """Exit 1 with one line, before anything starts, when `command` could not
    record anything: the database file, or the directory holding it, cannot be
    written (a read-only INTERVIEW_HOME, say)."""
    from interview.store.location import unwritable_database

    problem = unwritable_database(workspace.database)
    if problem is not None:
        fail(f"{command} {problem}")


@contextmanager
def opened_store(workspace: Workspace) -> Iterator[Store]:
    """The workspace's store, closed afterwards; any storage failure becomes
    one line on stderr and exit status 1."""
    with storage_failures(workspace):
        yield workspace.store()


@contextmanager
def opened_reader(workspace: Workspace) -> Iterator[HistoryReader]:
    """`opened_store` for commands that only read history (Workspace.reader)."""
    with storage_failures(workspace):
        yield workspace.reader()


@contextmanager
def storage_failures(workspace: Workspace, *, close: bool = True) -> Iterator[None]:
    """Any storage failure inside becomes one line and exit 1; the workspace
    is closed afterwards unless `close` is False (the app still needs it)."""
    from interview.store.errors import StoreError

    try:
        yield
    except StoreError as exc:
        workspace.close()
        fail(str(exc))
    finally:
        if close:
            workspace.close()


def existing_profile(workspace: Workspace) -> str:
    """The profile whose history to show; exit 1 naming the known ones if unclear."""
    try:
        return workspace.existing_profile()
    except ProfileError as exc:
        fail(str(exc))


def report_problems(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)
