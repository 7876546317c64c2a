"""Running a candidate's code against an exercise's tests: results per test,
and limits on time, memory and the network that the code cannot get round."""

from __future__ import annotations

import shutil
import socket
import threading
from pathlib import Path

import pytest

from interview.bank.model import Exercise
from interview.coding import runner
from interview.coding.results import RunStatus, TestRun
from interview.coding.runner import Limits, run_tests

PY_TESTS = '''from solution import clamp


def test_inside():
    assert clamp(5, 0, 10) == 5


def test_below():
    assert clamp(-3, 0, 10) == 0


def test_above():
    assert clamp(99, 0, 10) == 10
'''
PY = Exercise("python", "def clamp(x, low, high)",
              "def clamp(x, low, high):\n    raise NotImplementedError\n", PY_TESTS,
              "def clamp(x, low, high):\n    return max(low, min(x, high))\n")
C_TESTS = '''#include <stdio.h>
#include "solution.c"
#define CHECK(name, ok) printf("%s %s\\n", (ok) ? "PASS" : "FAIL", name)
int main(void) {
    CHECK("inside", clamp(5, 0, 10) == 5);
    CHECK("below", clamp(-3, 0, 10) == 0);
    CHECK("above", clamp(99, 0, 10) == 10);
    return 0;
}
'''
C = Exercise("c", "int clamp(int x, int low, int high)",
             "int clamp(int x, int low, int high) { (void)low; (void)high; return x; }\n",
             C_TESTS,
             "int clamp(int x, int low, int high) "
             "{ return x < low ? low : x > high ? high : x; }\n")
needs_cc = pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler here")


def test_the_reference_passes_every_test_and_each_is_named() -> None:
    result = run_tests(PY, PY.reference)
    assert result.status is RunStatus.PASSED
    assert [(c.name, c.passed) for c in result.cases] == [
        ("test_inside", True), ("test_below", True), ("test_above", True)]
    assert result.summary() == "3 of 3 tests passed"


def test_a_failing_test_says_which_line_of_the_tests_failed() -> None:
    wrong = "def clamp(x, low, high):\n    return min(x, high)\n"
    result = run_tests(PY, wrong)
    assert result.status is RunStatus.FAILED
    [failed] = [c for c in result.cases if not c.passed]
    assert failed.name == "test_below"
    assert "assert clamp(-3, 0, 10) == 0" in failed.detail


def test_code_that_does_not_import_is_broken_and_says_why() -> None:
    result = run_tests(PY, "def clamp(x, low, high:\n")
    assert result.status is RunStatus.BROKEN and result.cases == ()
    assert "SyntaxError" in result.output
    assert result.summary() == "the code did not build or load, so no test ran"


def test_an_endless_loop_stops_at_the_cpu_limit() -> None:
    spin = "def clamp(x, low, high):\n    while True:\n        pass\n"
    result = run_tests(PY, spin, Limits(cpu_seconds=1, wall_seconds=10))
    assert result.status is RunStatus.TIMED_OUT
    assert result.seconds < 5


def test_sleeping_forever_stops_at_the_wall_clock_limit() -> None:
    sleep = "import time\n\ndef clamp(x, low, high):\n    time.sleep(60)\n"
    result = run_tests(PY, sleep, Limits(cpu_seconds=5, wall_seconds=1.5))
    assert result.status is RunStatus.TIMED_OUT
    assert result.seconds < 5


def test_memory_beyond_the_limit_is_refused() -> None:
    greedy = "def clamp(x, low, high):\n    return len(bytearray(2 * 1024 ** 3))\n"
    result = run_tests(PY, greedy, Limits(memory_mb=256))
    assert result.status is RunStatus.FAILED
    assert all("MemoryError" in c.detail for c in result.cases), result.cases


def test_the_code_cannot_reach_the_network() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        port = listener.getsockname()[1]
        reached: list[bool] = []

        def accept() -> None:
            try:
                listener.accept()[0].close()
                reached.append(True)
            except OSError:
                pass

        waiter = threading.Thread(target=accept)
        waiter.start()
        sneaky = ("import socket\n\ndef clamp(x, low, high):\n"
                  f"    socket.create_connection(('127.0.0.1', {port}), timeout=1).close()\n"
                  "    return max(low, min(x, high))\n")
        result = run_tests(PY, sneaky)
        waiter.join()
    assert not reached, "the exercise connected to a socket on this machine"
    assert result.status is RunStatus.FAILED and not any(c.passed for c in result.cases)


def test_the_code_runs_in_its_own_directory_which_is_removed_afterwards() -> None:
    where = "import os\n\ndef clamp(x, low, high):\n    raise RuntimeError(os.getcwd())\n"
    result = run_tests(PY, where)
    directory = result.cases[0].detail.split("RuntimeError: ", 1)[1].split(" (line")[0]
    assert "interview-exercise-" in directory
    assert not Path(directory).exists(), "the run's directory was not removed"


@needs_cc
def test_c_exercises_are_compiled_and_run() -> None:
    assert run_tests(C, C.reference).status is RunStatus.PASSED
    starter = run_tests(C, C.starter)
    assert starter.status is RunStatus.FAILED
    assert [c.name for c in starter.cases if not c.passed] == ["below", "above"]


@needs_cc
def test_c_that_does_not_compile_shows_the_compiler_error() -> None:
    result = run_tests(C, "int clamp(int x, int low, int high) { return y; }\n")
    assert result.status is RunStatus.BROKEN
    assert "solution.c:1:" in result.output and "undeclared" in result.output


@needs_cc
def test_undefined_behaviour_stops_a_c_run() -> None:
    overflow = ("int clamp(int x, int low, int high) "
                "{ int big = 2147483647; (void)low; return x + big + high; }\n")
    result = run_tests(C, overflow)
    assert result.status is RunStatus.CRASHED
    assert "runtime error" in result.output


def test_without_the_toolchain_the_exercise_is_write_and_self_check(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(runner.TOOLCHAINS, "c", runner.Toolchain(
        "solution.c", "tests.c", "no-such-compiler-here", ("no-such-compiler-here",)))
    result = run_tests(C, C.reference)
    assert result.status is RunStatus.UNAVAILABLE
    assert "write it and check it against the reference yourself" in result.summary()


def test_a_run_survives_being_stored_as_json() -> None:
    result = run_tests(PY, "def clamp(x, low, high):\n    return x\n")
    assert TestRun.from_dict(result.to_dict()) == result


def test_killing_the_app_mid_run_leaves_no_exercise_running(tmp_path: Path) -> None:
    """kill -9 of the app while a test run sleeps: the run dies with it, rather
    than living on (a sleep is no CPU, so no limit would ever end it)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = ("from interview.bank.model import Exercise\n"
              "from interview.coding.runner import run_tests\n"
              "tests = 'from solution import f\\n\\ndef test_f():\\n    f()\\n'\n"
              "code = 'import time\\n\\ndef f():\\n    time.sleep(120)\\n'\n"
              "run_tests(Exercise('python', 'def f()', code, tests, code), code)\n")
    app = subprocess.Popen([sys.executable, "-c", script], env={**os.environ,
                                                               "TMPDIR": str(tmp_path)})

    def running_here() -> list[str]:
        found = []
        for proc in Path("/proc").iterdir():
            try:
                if proc.name.isdigit() and str((proc / "cwd").resolve()).startswith(
                        str(tmp_path)):
                    found.append(proc.name)
            except OSError:
                continue
        return found

    deadline = time.monotonic() + 10
    while not running_here() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running_here(), "the exercise never started"
    app.send_signal(signal.SIGKILL)
    app.wait()
    deadline = time.monotonic() + 5
    while running_here() and time.monotonic() < deadline:
        time.sleep(0.05)
    left = {pid: (Path("/proc") / pid / "cmdline").read_bytes().replace(b"\0", b" ")
            for pid in running_here()}
    assert not left, f"the exercise outlived the app: {left}"
