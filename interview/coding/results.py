"""What running an exercise's tests found, as stored with the answer (JSON)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class RunStatus(StrEnum):
    PASSED = "passed"  # every test passed
    FAILED = "failed"  # it ran; some tests failed
    BROKEN = "broken"  # it did not build or import, so no test ran
    TIMED_OUT = "timed-out"
    CRASHED = "crashed"  # killed by a signal or the memory limit part-way
    UNAVAILABLE = "unavailable"  # no toolchain for the language here: write and self-check


@dataclass(frozen=True, slots=True)
class CaseResult:
    name: str
    passed: bool
    detail: str = ""

    @property
    def line(self) -> str:
        """The test's name, and why it failed when it did."""
        return f"{self.name}: {self.detail}" if self.detail else self.name


@dataclass(frozen=True, slots=True)
class TestRun:
    __test__ = False  # a result, not a test class for pytest to collect
    language: str
    status: RunStatus
    cases: tuple[CaseResult, ...] = ()
    output: str = ""  # what the compiler or the program said, trimmed
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default=())  # e.g. that the network could not be cut

    @property
    def passed(self) -> int:
        return sum(case.passed for case in self.cases)

    def summary(self) -> str:
        """One line: "6 of 8 tests passed", or why none ran."""
        total = len(self.cases)
        counted = f"{self.passed} of {total} test{'s' if total != 1 else ''} passed"
        return {
            RunStatus.PASSED: counted,
            RunStatus.FAILED: counted,
            RunStatus.BROKEN: "the code did not build or load, so no test ran",
            RunStatus.TIMED_OUT: f"stopped at the time limit; {counted}",
            RunStatus.CRASHED: f"crashed part-way; {counted}",
            RunStatus.UNAVAILABLE: f"no {self.language} toolchain here: write it and check "
                                   "it against the reference yourself",
        }[self.status]

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language, "status": self.status.value,
            "cases": [{"name": c.name, "passed": c.passed, "detail": c.detail}
                      for c in self.cases],
            "output": self.output, "seconds": round(self.seconds, 3),
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TestRun:
        return cls(
            language=str(data["language"]), status=RunStatus(data["status"]),
            cases=tuple(CaseResult(str(c["name"]), bool(c["passed"]), str(c.get("detail", "")))
                        for c in data.get("cases", ())),
            output=str(data.get("output", "")), seconds=float(data.get("seconds", 0.0)),
            notes=tuple(str(n) for n in data.get("notes", ())),
        )
