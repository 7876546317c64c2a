"""The bank's vocabulary (taxonomy.yaml): roles, levels, competencies, kinds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interview.bank.problems import Problem

SECTIONS = ("roles", "levels", "competencies", "kinds")


@dataclass(frozen=True, slots=True)
class Taxonomy:
    roles: dict[str, str]
    levels: dict[str, str]  # ordered from narrowest to widest scope
    competencies: dict[str, str]
    kinds: dict[str, str]
    source: str = ""

    def section(self, name: str) -> dict[str, str]:
        values: dict[str, str] = getattr(self, name)
        return values

    def level_rank(self, level: str) -> int:
        return list(self.levels).index(level)


def load_taxonomy(path: Path) -> tuple[Taxonomy | None, list[Problem]]:
    from interview.bank.yamlio import YMap, parse_document  # not needed on a warm start

    document = parse_document(path)
    problems = list(document.problems)
    root = document.root
    shown = document.file
    if root is None:
        return None, problems
    if not isinstance(root, YMap):
        return None, [*problems, Problem(shown, 1, "-", "-", "expected a mapping of sections")]
    sections: dict[str, dict[str, str]] = {}
    for name in SECTIONS:
        entries = root.get(name)
        line = root.line_of(name)
        if not isinstance(entries, YMap) or not entries:
            problems.append(Problem(shown, line, "-", name, "missing, or not a mapping of values"))
            continue
        sections[name] = {}
        for value, description in entries.items():
            if not isinstance(description, str) or not description.strip():
                problems.append(
                    Problem(shown, entries.line_of(value), "-", f"{name}.{value}",
                            "needs a one-line description")
                )
            sections[name][value] = str(description or "").strip()
    for extra in sorted(set(root) - set(SECTIONS)):
        problems.append(Problem(shown, root.line_of(extra), "-", extra, "unknown section"))
    if len(sections) != len(SECTIONS) or problems:
        return None, problems
    taxonomy = Taxonomy(
        sections["roles"], sections["levels"], sections["competencies"], sections["kinds"], shown
    )
    return taxonomy, problems
