"""Run a candidate's code against an exercise's tests, with limits.

The code and the tests are written to a new temporary directory, built if
the language needs it, and run through sandbox.py (CPU time, memory, file
size and, where the kernel allows, no network), with a wall-clock limit on
top for code that sleeps or deadlocks. Python runs on this interpreter; C,
C++ and Rust when their compiler is on PATH, and otherwise the run says the
exercise is "write and self-check" (RunStatus.UNAVAILABLE). The tests print
`PASS name` / `FAIL name: why` lines (see docs/formats.md); anything else
the program prints is kept as its output.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from interview.bank.model import Exercise
from interview.coding.results import CaseResult, RunStatus, TestRun

HERE = Path(__file__).resolve().parent
NETWORK_OPEN = "interview-sandbox: the network could not be cut here"  # as sandbox.py says
OUTPUT_LIMIT = 4000  # characters of compiler or program output kept with a run


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int = 5
    memory_mb: int = 512
    wall_seconds: float = 15.0
    build_cpu_seconds: int = 60
    build_memory_mb: int = 4096  # compilers reserve far more address space than they use


@dataclass(frozen=True)
class Toolchain:
    solution: str
    tests: str
    compiler: str | None  # the program that must be on PATH, or None (Python)
    build: tuple[str, ...] = ()

    def available(self) -> bool:
        return self.compiler is None or shutil.which(self.compiler) is not None


TOOLCHAINS = {
    "python": Toolchain("solution.py", "test_solution.py", None),
    "c": Toolchain("solution.c", "tests.c", "cc", (
        "cc", "-std=c11", "-O1", "-g", "-Wall", "-fsanitize=undefined",
        "-fno-sanitize-recover=undefined", "tests.c", "-o", "tests", "-lpthread")),
    "cpp": Toolchain("solution.cpp", "tests.cpp", "c++", (
        "c++", "-std=c++17", "-O1", "-g", "-Wall", "-fsanitize=undefined",
        "-fno-sanitize-recover=undefined", "tests.cpp", "-o", "tests", "-lpthread")),
    "rust": Toolchain("solution.rs", "tests.rs", "rustc", (
        "rustc", "--edition", "2021", "-O", "tests.rs", "-o", "tests")),
}


def run_tests(exercise: Exercise, code: str, limits: Limits = Limits()) -> TestRun:
    """Run `exercise.tests` against `code` (the candidate's solution file)."""
    toolchain = TOOLCHAINS[exercise.language]
    if not toolchain.available():
        return TestRun(exercise.language, RunStatus.UNAVAILABLE)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="interview-exercise-") as scratch:
        directory = Path(scratch)
        (directory / toolchain.solution).write_text(code, encoding="utf-8")
        (directory / toolchain.tests).write_text(exercise.tests, encoding="utf-8")
        if toolchain.build:
            built = _sandboxed(toolchain.build, directory, limits.build_cpu_seconds,
                               limits.build_memory_mb, limits.build_cpu_seconds * 2,
                               _toolchain_homes())
            if built.returncode != 0:
                said, notes = _sandbox_notes(built.stderr)
                return TestRun(exercise.language, RunStatus.BROKEN,
                               output=_trim(built.stdout + said),
                               seconds=round(time.monotonic() - started, 3), notes=notes)
            command: tuple[str, ...] = ("./tests",)
        else:
            command = (sys.executable, "-I", str(HERE / "pyharness.py"))
        ran = _sandboxed(command, directory, limits.cpu_seconds, limits.memory_mb,
                         limits.wall_seconds)
    return _read(exercise.language, ran, round(time.monotonic() - started, 3))


@dataclass(frozen=True)
class _Ran:
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False


def _toolchain_homes() -> dict[str, str]:
    """Where rustup keeps its toolchains: a build's HOME is its scratch
    directory, so rustup's shims would otherwise find no toolchain at all."""
    homes = {}
    for name, default in (("RUSTUP_HOME", ".rustup"), ("CARGO_HOME", ".cargo")):
        found = os.environ.get(name) or str(Path.home() / default)
        if Path(found).is_dir():
            homes[name] = found
    return homes


def _sandboxed(command: tuple[str, ...], directory: Path, cpu: int, memory: int,
               wall: float, extra_env: dict[str, str] | None = None) -> _Ran:
    argv = [sys.executable, "-I", str(HERE / "sandbox.py"), "--cpu", str(cpu),
            "--memory", str(memory), "--app", str(os.getpid()), "--", *command]
    # A clean environment: no PYTHONPATH, no proxies, nothing of the user's
    # (a build also gets the toolchain's own homes).
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
           "HOME": str(directory), "TMPDIR": str(directory), **(extra_env or {})}
    process = subprocess.Popen(argv, cwd=directory, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               errors="replace", start_new_session=True)
    try:
        out, err = process.communicate(timeout=wall)
        return _Ran(process.returncode, out, err)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # and anything it started
        out, err = process.communicate()
        return _Ran(process.returncode, out, err, timed_out=True)


def _read(language: str, ran: _Ran, seconds: float) -> TestRun:
    cases: list[CaseResult] = []
    other: list[str] = []
    broken = False
    for line in ran.stdout.splitlines():
        if line.startswith("PASS "):
            cases.append(CaseResult(line[5:].strip(), True))
        elif line.startswith("FAIL "):
            name, _, detail = line[5:].partition(":")
            cases.append(CaseResult(name.strip(), False, detail.strip()))
        elif line.startswith("ERROR import:"):
            broken = True
            other.append(line)
        else:
            other.append(line)
    stderr, notes = _sandbox_notes(ran.stderr)
    output = _trim("\n".join(other) + ("\n" if other else "") + stderr)
    killed_by_cpu = ran.returncode in (-signal.SIGXCPU, 128 + signal.SIGXCPU)
    if broken:
        status = RunStatus.BROKEN
    elif ran.timed_out or killed_by_cpu:
        status = RunStatus.TIMED_OUT
    elif ran.returncode != 0:
        status = RunStatus.CRASHED
    elif not cases:
        status = RunStatus.BROKEN  # ran, but reported no test at all
    else:
        status = RunStatus.PASSED if all(c.passed for c in cases) else RunStatus.FAILED
    return TestRun(language, status, tuple(cases), output, seconds, notes)


def _sandbox_notes(stderr: str) -> tuple[str, tuple[str, ...]]:
    """The program's stderr without the sandbox's own line, and what that line meant."""
    if NETWORK_OPEN not in stderr:
        return stderr, ()
    return stderr.replace(NETWORK_OPEN + "\n", ""), (
        "The network could not be cut on this machine: Python exercises run with sockets "
        "disabled; compiled ones are not stopped from using it.",)


def _trim(text: str) -> str:
    text = text.strip()
    return text if len(text) <= OUTPUT_LIMIT else text[:OUTPUT_LIMIT] + "\n… (cut)"
