"""The --role/--level/--competency/--kind options, checked against the taxonomy."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click

from interview.bank.filters import QuestionFilter
from interview.bank.taxonomy import Taxonomy

F = TypeVar("F", bound=Callable[..., Any])


def filter_options(function: F) -> F:
    """Add the four filter options; the command receives them as keyword
    arguments and turns them into a QuestionFilter with `chosen_filter`."""
    options = [
        click.option("--role", help="Only questions for this role (e.g. systems-developer)."),
        click.option("--level", help="Only questions for this level (e.g. senior-staff)."),
        click.option("--competency", help="Only questions in this competency (or `also`)."),
        click.option("--kind", help="Only questions of this kind (e.g. design)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def chosen_filter(taxonomy: Taxonomy, role: str | None = None, level: str | None = None,
                  competency: str | None = None, kind: str | None = None) -> QuestionFilter:
    """The filter options as a QuestionFilter, refusing values the taxonomy lacks."""
    check_options(taxonomy, role=role, level=level, competency=competency, kind=kind)
    return QuestionFilter(role, level, (competency,) if competency else (),
                          (kind,) if kind else ())


# Which taxonomy section each filter option draws its values from.
_SECTIONS = {"role": "roles", "level": "levels", "competency": "competencies", "kind": "kinds"}


def check_options(taxonomy: Taxonomy, **options: str | Iterable[str] | None) -> None:
    """Refuse any --role/--level/--competency/--kind value (one, or a repeated
    option's several) the taxonomy does not know, as a usage error (exit 2)."""
    for option, given in options.items():
        allowed = taxonomy.section(_SECTIONS[option])
        values = [given] if isinstance(given, str) else list(given or ())
        for value in values:
            if value not in allowed:
                raise click.BadParameter(f"{value!r} is not one of: {', '.join(allowed)}",
                                         param_hint=f"--{option}")
