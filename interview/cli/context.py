"""What every command shares: the one Workspace the root group builds, and
the turning of its errors into one readable line and an exit status."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from interview.cli.output import fail, warn
from interview.workspace import PlanSet, ProfileError, Workspace

if TYPE_CHECKING:
    from interview.bank.loader import Bank
    from interview.bank.problems import Problem
    from interview.store.repository import Store
    from interview.store.views import HistoryReader

pass_workspace = click.make_pass_decorator(Workspace, ensure=True)


def load_bank(workspace: Workspace, *, quiet: bool = False) -> Bank:
    """The workspace's bank; an unusable one prints its problems and exits 1,
    invalid questions are left out with a warning (unless `quiet`)."""
    from interview.bank.problems import BankError, errors

    try:
        bank = workspace.bank()
    except BankError as exc:
        report_problems(exc.problems)
        fail(f"the bank at {workspace.bank_dir or 'the default location'} cannot be used")
    bad = errors(bank.problems)
    if bad and not quiet:
        warn(f"{len(bad)} problem(s) in the bank; run `interview bank check` for details. "
             "Invalid questions are left out.")
    return bank


def load_plans(workspace: Workspace) -> PlanSet:
    load_bank(workspace)
    return workspace.plans()


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
