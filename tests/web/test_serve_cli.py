"""`interview serve` as a process, without a browser: what it says, the page it
serves, and one plain line for each way it cannot start."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.web.served import free_port, serving

pytestmark = pytest.mark.slow


def serve(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "interview", *args], capture_output=True,
                          text=True, timeout=60, env={"INTERVIEW_HOME": str(home),
                                                      "PATH": "/usr/bin:/bin"})


def test_it_listens_on_loopback_by_default_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    with serving(tmp_path) as server:
        said = "".join(server.output)
        with urllib.request.urlopen(server.url, timeout=10) as response:
            page = response.read().decode()
    assert "only this machine can connect" in said and "warning" not in said
    assert "Coding exercises' tests do not run in the page (--run-code allows it)." in said
    assert f"Open {server.url} in a browser" in said
    assert server.process.returncode == 0
    assert "Stopped serving; every graded answer is saved." in "".join(server.output)
    # Offline: every stylesheet, script, font and socket the page names is this server's.
    addresses = re.findall(r'(?:href|src|url)\(?="?([^")\s]+)', page)
    addresses += re.findall(r'data-session-websocket-url="([^"]+)"', page)
    assert addresses, page
    host = server.url.removeprefix("http://")
    assert all(a.split("/")[2] == host for a in addresses), addresses
    assert "googleapis" not in page and "<title>interview</title>" in page


def test_listening_beyond_loopback_warns_that_the_page_has_no_login(tmp_path: Path) -> None:
    with serving(tmp_path, host="0.0.0.0") as server:
        said = "".join(server.output)
    assert "interview: warning: 0.0.0.0 is reachable from other machines" in said
    assert "reverse proxy" in said and "other machines too can connect" in said
    assert "--run-code: anyone" not in said


def test_running_code_for_anyone_who_opens_the_page_is_warned_about(tmp_path: Path) -> None:
    with serving(tmp_path, host="0.0.0.0", extra=("--run-code",)) as server:
        said = "".join(server.output)
    assert ("interview: warning: --run-code: anyone who can open the page can run code on "
            "this machine as you") in said
    assert "do not run in the page" not in said


def test_a_port_in_use_is_one_line_and_exit_1(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = serve(tmp_path, "serve", "--port", str(port))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"interview: error: cannot listen on 127.0.0.1:{port}: address already in use "
        "(pass another --port)"], done.stderr


@pytest.mark.parametrize(("args", "says"), [
    (["serve", "--port", "70000"], "70000 is not in the range 1<=x<=65535"),
    (["serve", "--host", "no-such-host.invalid"], "no-such-host.invalid"),
    (["serve", "--public-url", "interview.example.com"],
     "--public-url must begin with http:// or https://"),
])
def test_bad_options_are_one_line_and_exit_1(tmp_path: Path, args: list[str], says: str) -> None:
    done = serve(tmp_path, *args)
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith("interview: error: ") and says in line, line


def test_an_unusable_bank_is_said_before_serving(tmp_path: Path) -> None:
    empty = tmp_path / "empty-bank"
    empty.mkdir()
    done = serve(tmp_path, "--bank", str(empty), "serve", "--port", str(free_port()))
    assert done.returncode == 1
    assert "Serving" not in done.stdout
    assert done.stderr.startswith("interview: error: ") and "Traceback" not in done.stderr


def test_the_failed_write_markers_the_browser_tests_count_are_in_no_bank_text() -> None:
    from interview.bank.loader import load_bank
    from tests.web.served import FAILED_WRITE

    for question in load_bank():
        shown = str(question.content())
        assert not any(marker in shown for marker in FAILED_WRITE), question.id
