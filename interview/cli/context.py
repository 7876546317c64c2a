"""What every command shares: the chosen bank, plans and database."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from interview.cli.output import fail, warn

if TYPE_CHECKING:
    from interview.bank.loader import Bank
    from interview.bank.model import Plan
    from interview.bank.problems import Problem


@dataclass
class Settings:
    bank_dir: Path | None = None
    plans_dir: Path | None = None
    database: str | None = None
    _bank: Bank | None = field(default=None, repr=False)

    def bank(self, *, quiet: bool = False) -> Bank:
        """The active bank; invalid questions are left out with a warning."""
        if self._bank is None:
            from interview.bank.loader import load_bank
            from interview.bank.problems import BankError, errors

            try:
                self._bank = load_bank(self.bank_dir)
            except BankError as exc:
                report_problems(exc.problems)
                fail(f"the bank at {self.bank_dir or 'the default location'} cannot be used")
            bad = errors(self._bank.problems)
            if bad and not quiet:
                warn(f"{len(bad)} problem(s) in the bank; run `interview bank check` for "
                     "details. Invalid questions are left out.")
        return self._bank

    def plans(self) -> tuple[list[Plan], list[Problem]]:
        from interview.bank.locations import active_plans_dir
        from interview.bank.plans import load_plans

        bank = self.bank()
        return load_plans(active_plans_dir(self.plans_dir), bank.taxonomy, bank.questions)


def report_problems(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


pass_settings = click.make_pass_decorator(Settings, ensure=True)
