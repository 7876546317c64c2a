"""Escape sequences in a bank never reach the terminal: the CLI shows them
visibly, JSON keeps them exactly (escaped), `bank check` warns, the app
draws them as symbols."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from interview.cli import cli
from interview.safetext import for_terminal
from interview.tui.text import cell, labelled, literal
from tests.bankfiles import BankFactory, question, question_file

# Red text, an OSC 52 clipboard write, a zero-width space, a bidi override
# and a C1 CSI: what a hostile bank file (or another user's row) might hold.
EVIL = "\x1b[31mRED\x1b[0m \x1b]52;c;cHduZWQ=\x07 a\u200bb \u202egnp.exe \x9b2J end"
# The characters a terminal must never receive raw.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e]")


def _bank(make_bank: BankFactory) -> Path:
    hostile = question("evil-q", title=f"Title {EVIL}", prompt=f"Prompt {EVIL}",
                       hints=[f"Hint {EVIL}"],
                       rubric={"signals": [f"Signal {EVIL}"], "by_level": {"senior": EVIL}})
    return make_bank({"coding-craft.yaml": question_file(hostile, question("calm-q"))})


def _cli(bank: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--bank", str(bank), *args])


@given(st.text())
def test_nothing_unsafe_survives_rendering(text: str) -> None:
    shown = for_terminal(text)
    assert not RAW.search(shown)
    assert shown.replace("\n", "").replace("\t", "") == for_terminal(
        text.replace("\n", "").replace("\t", ""))  # newlines and tabs pass through


@given(st.text(st.characters(blacklist_categories=["Cc", "Cf", "Cs"])))
def test_ordinary_text_is_untouched(text: str) -> None:
    assert for_terminal(text) == text


@given(st.text())
def test_the_app_helpers_render_nothing_unsafe(text: str) -> None:
    for rendered in (literal(text).plain, labelled("L: ", text).plain, cell(text).plain):
        assert not RAW.search(rendered)


def test_cli_listings_show_control_characters_as_symbols(make_bank: BankFactory) -> None:
    bank = _bank(make_bank)
    for args in (["bank", "list"], ["search", "Title"], ["bank", "export", "--format", "csv"],
                 ["bank", "export", "--format", "anki"]):  # to standard output
        result = _cli(bank, *args)
        assert result.exit_code == 0, (args, result.output)
        assert not RAW.search(result.output), (args, result.output)
        assert "␛]52;c;" in result.output, args  # the clipboard write, shown, not sent


def test_json_keeps_the_exact_text_escaped(make_bank: BankFactory) -> None:
    result = _cli(_bank(make_bank), "bank", "list", "--format", "json")
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.output)  # escaped, so safe on a terminal
    titles = {row["id"]: row["title"] for row in json.loads(result.output)}
    assert titles["evil-q"] == f"Title {EVIL}"  # and exact once parsed


def test_bank_check_warns_for_each_field_with_control_characters(
        make_bank: BankFactory) -> None:
    result = _cli(_bank(make_bank), "bank", "check")
    assert result.exit_code == 0, result.output  # warnings, not errors
    warned = [line for line in result.output.splitlines() if "control or invisible" in line]
    fields = {line.split(": ")[2] for line in warned}
    assert fields == {"title", "prompt", "hints[0]", "rubric.signals[0]",
                      "rubric.by_level.senior"}, warned
    assert all(re.match(r"^.*coding-craft\.yaml:\d+: evil-q: ", line) for line in warned)
    assert all(line.endswith("(warning)") for line in warned)
    assert not RAW.search(result.output)


def test_a_hostile_question_is_kept_but_drawn_safely_in_the_app(make_bank: BankFactory) -> None:
    import asyncio

    from textual.widgets import Static

    from interview.tui.app import InterviewApp
    from interview.workspace import Workspace
    from tests.tui.conftest import wait_for, wait_for_screen

    workspace = Workspace(bank_dir=_bank(make_bank))

    async def browse() -> str:
        app = InterviewApp(workspace, show="bank")
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "BrowseScreen")
            def previewed() -> bool:
                found = app.screen.query("#preview-text")
                return bool(found) and "Prompt" in str(found.first(Static).content)

            await wait_for(pilot, previewed, "the preview")
            await pilot.pause(0.2)
            return app.export_screenshot()

    svg = asyncio.run(browse())
    workspace.close()
    assert "␛[31mRED" in svg
    assert not RAW.search(svg)


def test_a_plan_title_with_control_characters_warns_and_is_kept(make_bank: BankFactory,
                                                                 tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "evil-plan.yaml").write_text(
        'id: evil-plan\ntitle: "Loop \\e]52;c;cHduZWQ=\\a"\nrole: software-engineer\n'
        "level: senior\nrounds:\n  - title: One\n    minutes: 20\n    questions: [calm-q]\n")
    bank = _bank(make_bank)
    checked = _cli(bank, "--plans", str(plans), "plan", "check")
    assert checked.exit_code == 0, checked.output
    assert "evil-plan.yaml:2: evil-plan: title: contains 2 control" in checked.output
    listed = _cli(bank, "--plans", str(plans), "plan", "list")
    assert listed.exit_code == 0 and "Loop ␛]52;c;" in listed.output
    assert not RAW.search(listed.output) and "problem(s)" not in listed.output


def test_the_rubric_screen_draws_hostile_signals_as_symbols(make_bank: BankFactory) -> None:
    import asyncio

    from textual.widgets import TextArea

    from interview.practice.domain import SessionFilters
    from interview.practice.service import PracticeRequest
    from interview.tui.app import InterviewApp
    from interview.workspace import Workspace
    from tests.tui.conftest import wait_for, wait_for_screen

    hostile = question("evil-q", title=f"Title {EVIL}", follow_ups=[f"Follow {EVIL}"],
                       rubric={"signals": [f"Signal {EVIL}"], "red_flags": [f"Flag {EVIL}"]})
    workspace = Workspace(bank_dir=make_bank({"coding-craft.yaml": question_file(hostile)},
                                             name="hostile"), profile="ada")

    async def rubric() -> str:
        app = InterviewApp(workspace, start=PracticeRequest(SessionFilters(count=1, seed=1)))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "PracticeScreen")
            await wait_for(pilot, lambda: bool(app.screen.query("#answer")), "the answer box")
            app.screen.query_one("#answer", TextArea).insert("an answer")
            await pilot.press("ctrl+s")
            await wait_for_screen(pilot, "RubricScreen")
            await pilot.pause(0.3)
            return app.export_screenshot()

    svg = asyncio.run(rubric())
    workspace.close()
    import html

    assert "Signal ␛[31mRED" in html.unescape(svg).replace("\xa0", " ")
    assert not RAW.search(svg)


def test_a_worker_error_quoting_a_hostile_name_is_shown_as_symbols() -> None:
    from interview.store.errors import StoreError
    from interview.tui.errors import describe

    shown = describe(StoreError(f"no profile {EVIL}"))
    assert "␛]52;c;" in shown and not RAW.search(shown)
    assert not RAW.search(describe(ValueError(EVIL)))  # another type's message too
