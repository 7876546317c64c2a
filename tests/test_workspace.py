"""The one application context: one profile rule for the app and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.practice.clock import FakeClock
from interview.practice.domain import Mode, SessionFilters
from interview.workspace import ProfileError, Workspace, choose_profile
from tests.store.builders import opened, start


@pytest.mark.parametrize(("known", "requested", "chosen"), [
    ([], None, "me"),  # nobody yet: the login name
    (["me", "zoe"], None, "me"),  # the login name has history
    (["zoe"], None, "zoe"),  # the only profile there is
    (["yan", "zoe"], None, None),  # several, none the login name: unclear
    (["yan", "zoe"], "new", "new"),  # asked for, even if new
])
def test_choose_profile(known: list[str], requested: str | None, chosen: str | None) -> None:
    assert choose_profile(known, requested, "me") == chosen


@pytest.fixture
def login_name(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr("interview.workspace.default_profile", lambda: "me")
    return "me"


def test_the_app_and_the_cli_choose_the_same_profile(tmp_path: Path, login_name: str) -> None:
    url = f"sqlite:///{tmp_path / 'one.db'}"
    with opened(url) as store:
        start(store, profile="zoe")
    workspace = Workspace(database=url, clock=FakeClock())
    try:
        assert workspace.profile == "zoe"  # what the home screen shows
        assert workspace.existing_profile() == "zoe"
    finally:
        workspace.close()
    result = CliRunner().invoke(cli, ["--database", url, "due", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["profile"] == "zoe"


def test_an_unclear_or_unknown_profile_is_refused_for_reading(tmp_path: Path,
                                                               login_name: str) -> None:
    url = f"sqlite:///{tmp_path / 'two.db'}"
    with opened(url) as store:
        start(store, profile="yan")
        start(store, profile="zoe")
    workspace = Workspace(database=url)
    try:
        with pytest.raises(ProfileError, match="choose one with --profile: yan, zoe"):
            workspace.existing_profile()
        assert workspace.profile == "me"  # practising starts a profile of your own
        workspace.use_profile("xi")
        with pytest.raises(ProfileError, match="no profile named 'xi'; known profiles: yan"):
            workspace.existing_profile()
    finally:
        workspace.close()


def test_a_plan_that_is_not_there_names_the_known_ones(tmp_path: Path) -> None:
    from interview.practice.selection import SelectionError

    workspace = Workspace(database=f"sqlite:///{tmp_path / 'p.db'}")
    with pytest.raises(SelectionError, match=r"no plan 'nope'; known plans: .*senior-loop"):
        workspace.plan("nope")
    assert workspace.plan("systems-developer-senior-loop").role == "systems-developer"


def test_start_records_the_session_under_the_workspace_profile(tmp_path: Path) -> None:
    from interview.practice.service import PracticeRequest

    workspace = Workspace(database=f"sqlite:///{tmp_path / 's.db'}", profile="ada",
                          clock=FakeClock())
    try:
        run = workspace.start(PracticeRequest(SessionFilters(count=2, seed=3), Mode.MOCK))
        assert run.session.profile == "ada" and run.total == 2
        resumable = workspace.home().resumable
        assert resumable is not None and resumable.id == run.session.id
    finally:
        workspace.close()


def test_the_home_screen_reads_history_without_sqlalchemy_or_creating_a_database(
        tmp_path: Path) -> None:
    import subprocess
    import sys

    from interview.store.repository import Store

    missing = tmp_path / "never.db"
    assert Workspace(database=f"sqlite:///{missing}", profile="ada").home().resumable is None
    assert not missing.exists()  # nothing to show is no reason to create it
    at_head = tmp_path / "head.db"
    Store.open(f"sqlite:///{at_head}").close()
    probe = ("import sys; from interview.workspace import Workspace\n"
             f"info = Workspace(database='sqlite:///{at_head}', profile='ada').home()\n"
             "print(info.resumable, 'sqlalchemy' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           check=True).stdout.split()
    assert shown == ["None", "False"]


def test_the_home_form_is_kept_until_the_bank_or_a_plan_changes(
        tui_bank: Path, tui_plans: Path, tmp_path: Path, interview_home: Path) -> None:
    def workspace() -> Workspace:
        return Workspace(bank_dir=tui_bank, plans_dir=tui_plans,
                         database=f"sqlite:///{tmp_path / 'form.db'}")

    assert workspace().cached_home_form() is None, "nothing kept before a first start"
    assert workspace().cached_form_choices() is None
    built = workspace().home_form()
    assert workspace().cached_home_form() == built, "kept exactly, plans included"
    assert workspace().cached_form_choices() == built.choices
    assert built.choices[2] == {"debugging-diagnostics": built.competencies[
        "debugging-diagnostics"]}
    plan = next(tui_plans.glob("*.yaml"))
    plan.write_text(plan.read_text().replace("minutes: 20", "minutes: 25"))
    assert workspace().cached_home_form() is None, "a plan was edited: not used"
    assert workspace().cached_form_choices() is None, "nor its choices"
    rebuilt = workspace().home_form()
    assert rebuilt.plans[0].minutes == 25 and workspace().cached_home_form() == rebuilt
    for kept in (interview_home / "cache").glob("home-form-*"):
        kept.write_bytes(b"\x00 not what was written")
    assert workspace().cached_home_form() is None, "a damaged file is not used"
    assert workspace().cached_form_choices() is None
