"""The --role/--level/--competency/--kind options, checked against the taxonomy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from interview.bank.taxonomy import Taxonomy

F = TypeVar("F", bound=Callable[..., Any])


def filter_options(function: F) -> F:
    options = [
        click.option("--role", help="Only questions for this role (e.g. systems-developer)."),
        click.option("--level", help="Only questions for this level (e.g. senior-staff)."),
        click.option("--competency", help="Only questions in this competency (or `also`)."),
        click.option("--kind", help="Only questions of this kind (e.g. design)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@dataclass(frozen=True)
class Filters:
    role: str | None = None
    level: str | None = None
    competency: str | None = None
    kind: str | None = None

    def checked(self, taxonomy: Taxonomy) -> Filters:
        """Refuse a value the taxonomy does not know, as a usage error (exit 2)."""
        for name, section in (("role", "roles"), ("level", "levels"),
                              ("competency", "competencies"), ("kind", "kinds")):
            check_value(getattr(self, name), taxonomy.section(section), f"--{name}")
        return self


def check_value(value: str | None, allowed: dict[str, str], option: str) -> None:
    if value is not None and value not in allowed:
        raise click.BadParameter(
            f"{value!r} is not one of: {', '.join(allowed)}", param_hint=option
        )
