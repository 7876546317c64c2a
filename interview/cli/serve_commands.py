"""`interview serve`: the whole app in a browser, one app process per page.

textual-serve (and aiohttp under it) is imported only when the command runs.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import shlex
import socket
import sys

import click

from interview.cli.context import load_bank, load_plans, opened_store, pass_workspace
from interview.cli.output import fail, warn
from interview.workspace import Workspace

NO_AUTH_WARNING = (
    "{host} is reachable from other machines, and the page has no login of its own: "
    "anyone who can reach {address} can practise, read every answer and grade as you. "
    "Put it behind a reverse proxy that asks for one."
)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a loopback address is reachable "
                   "from other machines (see the warning it prints).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--public-url", metavar="URL",
              help="The address people open, when it is not the one listened on (behind "
                   "a reverse proxy, say): https://interview.example.com.")
@click.option("--run-code", is_flag=True,
              help="Let pages run coding exercises' tests on this machine. Off by default: "
                   "the page has no login, so anyone who can open it could run any code.")
@pass_workspace
def serve(workspace: Workspace, /, host: str, port: int, public_url: str | None,
          run_code: bool) -> None:
    """Serve the app to a web browser: every screen, on the same bank, plans and
    database as the terminal app. Each page that connects runs its own app;
    ctrl+c stops the server and every page's app, keeping everything graded."""
    if public_url is not None and not public_url.startswith(("http://", "https://")):
        fail(f"--public-url must begin with http:// or https://, not {public_url!r}")
    # Problems with the bank, the plans or the database are said here, once,
    # rather than on every page; opening the store also brings the schema up
    # to date before several pages could race to do it.
    load_bank(workspace)
    load_plans(workspace, missing_ok=True)
    with opened_store(workspace):
        pass

    from interview.tui.web import RUN_CODE_ENV
    from interview.tui.web.server import BrowserServer

    # Each page's app inherits the environment: this is how it learns the choice.
    os.environ[RUN_CODE_ENV] = "1" if run_code else "0"

    address = public_url or f"http://{_url_host(host)}:{port}"

    def ready() -> None:
        if not _is_loopback(host):
            warn(NO_AUTH_WARNING.format(host=host, address=address))
            if run_code:
                warn("--run-code: anyone who can open the page can run code on this "
                     "machine as you")
        where = "only this machine" if _is_loopback(host) else "other machines too"
        click.echo(f"Serving the interview app on {host}:{port} ({where} can connect).")
        if not run_code:
            click.echo("Coding exercises' tests do not run in the page (--run-code allows it).")
        click.echo(f"Open {address} in a browser. Press ctrl+c to stop.", nl=True)

    server = BrowserServer(_app_command(workspace), host=host, port=port,
                           public_url=public_url, title="interview", on_ready=ready)
    try:
        server.serve()
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {_why_not_listening(exc)}")
    click.echo("Stopped serving; every graded answer is saved.")


def _app_command(workspace: Workspace) -> str:
    """The shell command each page's app runs: this interpreter and package,
    with the options this command was given (the environment is inherited)."""
    argv = [sys.executable, "-m", "interview"]
    if workspace.bank_dir is not None:
        argv += ["--bank", str(workspace.bank_dir.resolve())]
    if workspace.plans_dir is not None:
        argv += ["--plans", str(workspace.plans_dir.resolve())]
    if workspace.database is not None:
        argv += ["--database", workspace.database]
    return shlex.join(argv)


def _why_not_listening(error: OSError) -> str:
    if isinstance(error, socket.gaierror) or (error.errno or 0) < 0:  # getaddrinfo's codes
        return "no such host name or address on this machine"
    if error.errno is None:
        return str(error)
    reason = os.strerror(error.errno).lower()
    if error.errno == errno.EADDRINUSE:
        return f"{reason} (pass another --port)"
    if error.errno == errno.EACCES:
        return f"{reason} (ports below 1024 need privileges; pass --port 8000, say)"
    return reason


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name: it may well resolve to a public address


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", "::", ""):
        return "127.0.0.1"  # listening everywhere: this machine can use loopback
    return f"[{host}]" if ":" in host else host
