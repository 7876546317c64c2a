"""Fail unless every package in the venv is pinned, at that version, in constraints.txt.

pip installs a package that constraints.txt does not name at whatever version
is newest that day, so a pin deleted (or a dependency added without one)
would go unnoticed until a release breaks CI. Run with the venv's python.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

PROJECT = "interview"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for number, raw in enumerate(path.read_text().splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        if not sep or not version.strip():
            sys.exit(f"{path}:{number}: not an exact pin (NAME==VERSION): {raw.strip()}")
        found[canonical(name)] = version.strip()
    return found


def main() -> int:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "constraints.txt")
    pinned = pins(path)
    problems = []
    for dist in metadata.distributions():
        name = canonical(dist.metadata["Name"])
        if name in (PROJECT, "pip", "setuptools", "wheel"):
            continue
        if name not in pinned:
            problems.append(f"{name}=={dist.version} is installed but not pinned")
        elif pinned[name] != dist.version:
            problems.append(f"{name} is {dist.version}, pinned at {pinned[name]}")
    for problem in sorted(problems):
        print(f"{path}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
