"""Run one command with limits: `python -I sandbox.py --cpu S --memory MB --app PID -- CMD`.

A fresh single-threaded interpreter sets the limits and then becomes CMD
(exec), so nothing the app's threads hold is inherited and no `preexec_fn`
runs in a threaded process. Limits: CPU seconds, address space, size of any
file written, no core dumps; on Linux the command is also killed when the
app's thread that started it goes (the app is killed, say). The network
is cut with a new network namespace where the kernel allows one (Linux with
unprivileged user namespaces, or root); INTERVIEW_SANDBOX_NETWORK tells the
command which it got ("none" or "open"), so the Python harness can disable
sockets itself when it is "open".

Standard library only, and never imported by the app: it runs as a script.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import signal
import sys

NETWORK_OPEN = "interview-sandbox: the network could not be cut here"
_PR_SET_PDEATHSIG = 1
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def _limit(which: int, value: int, grace: int = 0) -> None:
    """Soft limit `value`; the hard one `grace` above it (CPU: SIGXCPU first, then SIGKILL)."""
    import resource

    _, hard = resource.getrlimit(which)
    top = value + grace if hard == resource.RLIM_INFINITY else min(value + grace, hard)
    resource.setrlimit(which, (min(value, top), top))


def _die_with_the_app(app: int) -> None:
    """Be killed when the app (process `app`) is, kill -9 included: a run that
    only sleeps uses no CPU, so no limit would ever end it, and the app is not
    there to."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL))
    if os.getppid() != app:  # the app died before the request took effect
        sys.exit(137)


def _cut_network() -> bool:
    """Enter a network namespace with no interfaces but loopback (down)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    flags = _CLONE_NEWNET if os.geteuid() == 0 else _CLONE_NEWUSER | _CLONE_NEWNET
    return bool(libc.unshare(flags) == 0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cpu", type=int, required=True, help="CPU seconds")
    parser.add_argument("--memory", type=int, required=True, help="address space, MB")
    parser.add_argument("--file-size", type=int, default=64, help="largest file written, MB")
    parser.add_argument("--app", type=int, required=True, help="the app's process id")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command")
    if sys.platform != "win32":
        import resource

        _limit(resource.RLIMIT_CPU, args.cpu, grace=1)
        _limit(resource.RLIMIT_AS, args.memory * 1024 * 1024)
        _limit(resource.RLIMIT_FSIZE, args.file_size * 1024 * 1024)
        _limit(resource.RLIMIT_CORE, 0)
    _die_with_the_app(args.app)
    cut = _cut_network()
    os.environ["INTERVIEW_SANDBOX_NETWORK"] = "none" if cut else "open"
    if not cut:
        print(NETWORK_OPEN, file=sys.stderr, flush=True)  # the runner reports it
    try:
        os.execvp(command[0], command)
    except OSError as exc:
        print(f"cannot run {command[0]}: {exc.strerror}", file=sys.stderr)
        sys.exit(127)


if __name__ == "__main__":
    main()
