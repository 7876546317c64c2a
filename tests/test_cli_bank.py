"""`interview bank ...` and `interview plan ...` through the real command line.

Most tests use click's CliRunner on `interview.cli.cli`; a few run
`python -m interview` in a subprocess so the console entry point, its exit
codes and its no-traceback guarantee are covered too. Exit codes: 0 ok,
1 invalid input, 2 usage error.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from interview.cli import cli
from tests.bankfiles import SMALL_TAXONOMY, BankFactory, dump, question, question_file

QUESTION_KEYS = {
    "id", "title", "kind", "roles", "levels", "competency", "also", "minutes", "prompt",
    "hints", "follow_ups", "rubric", "outline", "tags", "draft", "source",
}


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env)
    # A traceback would show up as an exception other than SystemExit.
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception, result.output)
    return result


def run_module(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "interview", *map(str, args)],
                          capture_output=True, text=True, timeout=120, cwd=cwd)


@pytest.fixture
def bank_dir(make_bank: BankFactory) -> Path:
    return make_bank({
        "coding-craft.yaml": question_file(
            question("cc-review", kind="code-review", levels=["senior", "staff"],
                     hints=["Look at the loop."], tags=["review"],
                     rubric={"signals": ["Finds the bug."], "red_flags": ["Rewrites it all."],
                             "by_level": {"staff": "Sets a standard."}}),
            question("cc-draft", roles=["systems-developer"], levels=["mid"], draft=True,
                     rubric=None, also=["networking"]),
        ),
        "networking.yaml": question_file(
            question("net-dns", kind="debugging", roles=["software-engineer", "systems-developer"],
                     levels=["staff"], outline="Check resolv.conf."),
            competency="networking",
        ),
    })


@pytest.fixture
def broken_bank(make_bank: BankFactory) -> Path:
    return make_bank({
        "good.yaml": question_file(question("fine")),
        "bad.yaml": "competency: coding-craft\nquestions:\n  - id: broken\n    title: T\n",
        "empty.yaml": "",
    }, name="broken")


# --- help and usage ----------------------------------------------------------------------

def _command_paths(
    command: click.Command, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    yield prefix
    if isinstance(command, click.Group):
        context = click.Context(command)  # list_commands: subcommands may load lazily
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            assert sub is not None, name
            yield from _command_paths(sub, (*prefix, name))


ALL_COMMANDS = list(_command_paths(cli))


def test_the_bank_and_plan_commands_are_all_there() -> None:
    assert {("bank", "check"), ("bank", "list"), ("bank", "stats"), ("plan", "check"),
            ("plan", "list")} <= set(ALL_COMMANDS)


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=lambda p: " ".join(p) or "interview")
def test_help_works_on_every_command(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: {' '.join(('cli', *path))}")
    assert result.stderr == ""


def test_the_short_help_option_works_too() -> None:
    assert run("bank", "-h").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ("bank", "frobnicate"),
        ("bank", "list", "--no-such-option"),
        ("plan", "list", "extra-argument"),
    ],
    ids=" ".join,
)
def test_usage_errors_exit_with_2(bank_dir: Path, args: tuple[str, ...]) -> None:
    result = run("--bank", bank_dir, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Error:" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("bank", "list", "--role", "nonsense"),
        ("bank", "list", "--level", "guru"),
        ("bank", "list", "--competency", "cooking"),
        ("bank", "list", "--kind", "trivia"),
        ("bank", "list", "--format", "xml"),
        ("bank", "stats", "--format", "yaml"),
    ],
    ids=" ".join,
)
def test_bad_values_are_one_line_and_exit_1(bank_dir: Path, args: tuple[str, ...]) -> None:
    result = run("--bank", bank_dir, *args)
    assert result.exit_code == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("interview: error: Invalid value for ")


def test_an_unknown_role_says_which_ones_exist(bank_dir: Path) -> None:
    result = run("--bank", bank_dir, "bank", "list", "--role", "nonsense")
    assert result.exit_code == 1
    assert ("Invalid value for --role: 'nonsense' is not one of: software-engineer, "
            "systems-developer") in result.stderr


# --- bank check ---------------------------------------------------------------------

def test_bank_check_on_a_valid_bank_prints_a_one_line_summary(bank_dir: Path) -> None:
    result = run("--bank", bank_dir, "bank", "check")
    assert result.exit_code == 0
    assert result.stdout == "ok: 3 valid questions in 2 file(s)\n"
    assert result.stderr == ""


def test_bank_check_reports_every_problem_and_exits_1(broken_bank: Path) -> None:
    result = run("bank", "check", broken_bank)
    assert result.exit_code == 1
    bad = broken_bank / "bad.yaml"
    assert result.stdout.splitlines() == [
        f"{bad}:3: broken: kind: required field is missing",
        f"{bad}:3: broken: roles: required field is missing",
        f"{bad}:3: broken: levels: required field is missing",
        f"{bad}:3: broken: minutes: required field is missing",
        f"{bad}:3: broken: prompt: required field is missing",
        f"{bad}:3: broken: rubric: required unless the question is marked `draft: true`",
        f"{broken_bank / 'empty.yaml'}:1: -: -: the file is empty",
    ]
    assert result.stderr == "7 error(s), 0 warning(s); 1 valid questions in 3 file(s)\n"


def test_bank_check_takes_files_and_directories(bank_dir: Path, broken_bank: Path) -> None:
    result = run("bank", "check", bank_dir / "networking.yaml", broken_bank / "good.yaml")
    assert result.exit_code == 0
    assert result.stdout == "ok: 2 valid questions in 2 file(s)\n"


def test_bank_check_without_paths_checks_the_bank_option(broken_bank: Path) -> None:
    assert run("--bank", broken_bank, "bank", "check").exit_code == 1


def test_bank_check_without_paths_checks_interview_bank(broken_bank: Path, bank_dir: Path
                                                        ) -> None:
    assert run("bank", "check", env={"INTERVIEW_BANK": str(broken_bank)}).exit_code == 1
    assert run("bank", "check", env={"INTERVIEW_BANK": str(bank_dir)}).exit_code == 0


def test_bank_check_of_a_missing_path_exits_1(tmp_path: Path) -> None:
    result = run("bank", "check", tmp_path / "nope")
    assert result.exit_code == 1
    assert result.stdout == f"{tmp_path / 'nope'}:1: -: -: no such file or directory\n"


def test_bank_check_uses_a_directorys_own_taxonomy(make_bank: BankFactory) -> None:
    own = make_bank(
        {"w.yaml": question_file(question("w", kind="chat", roles=["builder"], levels=["lead"]),
                                 competency="widgets")},
        taxonomy=SMALL_TAXONOMY, name="own",
    )
    assert run("bank", "check", own).stdout == "ok: 1 valid questions in 1 file(s)\n"
    (own / "taxonomy.yaml").unlink()  # now the bundled taxonomy applies
    result = run("bank", "check", own)
    assert result.exit_code == 1
    assert f"{own / 'w.yaml'}:1: -: competency: 'widgets' is not a competency" in result.stdout


def test_bank_check_reports_a_broken_taxonomy(make_bank: BankFactory) -> None:
    bank = make_bank({"a.yaml": question_file(question())}, taxonomy="roles: {}\n", name="t")
    result = run("bank", "check", bank)
    assert result.exit_code == 1
    assert f"{bank / 'taxonomy.yaml'}:1: -: roles: missing, or not a mapping of values" in (
        result.stdout.splitlines())


def test_bank_check_reports_near_duplicates_as_warnings(make_bank: BankFactory) -> None:
    prompt = "Design a rate limiter for a public API serving ten thousand tenants at once."
    bank = make_bank({"a.yaml": question_file(question("one", prompt=prompt),
                                              question("two", prompt=prompt + " Go."))})
    result = run("bank", "check", bank)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "ok: 2 valid questions in 1 file(s), 1 warning(s)"
    assert result.stdout.splitlines()[0].endswith("(warning)")


# --- bank list ----------------------------------------------------------------------

def test_bank_list_shows_a_table(bank_dir: Path) -> None:
    result = run("--bank", bank_dir, "bank", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "competency", "kind", "levels", "min", "title"]
    assert [line.split()[0] for line in lines[2:-1]] == ["cc-review", "cc-draft", "net-dns"]
    assert lines[-1] == "3 question(s)"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ((), ["cc-draft", "cc-review", "net-dns"]),
        (("--role", "systems-developer"), ["cc-draft", "net-dns"]),
        (("--level", "staff"), ["cc-review", "net-dns"]),
        (("--competency", "networking"), ["cc-draft", "net-dns"]),  # cc-draft via `also`
        (("--kind", "code-review"), ["cc-review"]),
        (("--role", "software-engineer", "--level", "staff", "--kind", "debugging"), ["net-dns"]),
        (("--level", "principal"), []),
    ],
)
def test_bank_list_filters(bank_dir: Path, filters: tuple[str, ...], expected: list[str]) -> None:
    result = run("--bank", bank_dir, "bank", "list", *filters, "--format", "json")
    assert result.exit_code == 0
    assert sorted(q["id"] for q in json.loads(result.stdout)) == expected


def test_bank_list_json_uses_the_yaml_field_names(bank_dir: Path) -> None:
    result = run("--bank", bank_dir, "bank", "list", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert all(set(item) == QUESTION_KEYS for item in data)
    review = next(item for item in data if item["id"] == "cc-review")
    assert review == {
        "id": "cc-review", "title": "Title of cc-review", "kind": "code-review",
        "roles": ["software-engineer"], "levels": ["senior", "staff"],
        "competency": "coding-craft", "also": [], "minutes": 20, "prompt": "Explain cc-review.",
        "hints": ["Look at the loop."], "follow_ups": [],
        "rubric": {"signals": ["Finds the bug."], "red_flags": ["Rewrites it all."],
                   "by_level": {"staff": "Sets a standard."}},
        "outline": "", "tags": ["review"], "draft": False,
        "source": str(bank_dir / "coding-craft.yaml"),
    }
    draft = next(item for item in data if item["id"] == "cc-draft")
    assert (draft["draft"], draft["rubric"], draft["also"]) == (True, None, ["networking"])


def test_bank_list_loads_the_rest_of_a_malformed_bank_with_a_warning(broken_bank: Path) -> None:
    result = run("--bank", broken_bank, "bank", "list", "--format", "json")
    assert result.exit_code == 0
    assert [q["id"] for q in json.loads(result.stdout)] == ["fine"]
    assert result.stderr == (
        "interview: warning: 7 problem(s) in the bank; run `interview bank check` for details. "
        "Invalid questions are left out.\n"
    )


def test_interview_bank_selects_the_bank(bank_dir: Path, broken_bank: Path) -> None:
    result = run("bank", "list", "--format", "json", env={"INTERVIEW_BANK": str(broken_bank)})
    assert [q["id"] for q in json.loads(result.stdout)] == ["fine"]
    # --bank wins over the environment
    result = run("--bank", bank_dir, "bank", "list", "--format", "json",
                 env={"INTERVIEW_BANK": str(broken_bank)})
    assert len(json.loads(result.stdout)) == 3


def test_a_missing_bank_directory_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = run("--bank", tmp_path / "nowhere", "bank", "list")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"interview: error: the bank directory {tmp_path / 'nowhere'} does not exist"]


def test_a_bank_with_a_broken_taxonomy_cannot_be_listed(make_bank: BankFactory) -> None:
    bank = make_bank({"a.yaml": question_file(question())}, taxonomy="roles: [a]\n")
    result = run("--bank", bank, "bank", "list")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"interview: error: the bank at {bank} cannot be used"


# --- bank stats ---------------------------------------------------------------------

def test_bank_stats_json_counts_competency_by_level_and_role(bank_dir: Path) -> None:
    result = run("--bank", bank_dir, "bank", "stats", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"questions", "by_competency", "by_role", "by_kind"}
    assert data["questions"] == 3
    levels = ["mid", "senior", "staff", "senior-staff", "principal", "total"]
    assert data["by_competency"]["coding-craft"] == dict(
        zip(levels, [1, 1, 1, 0, 0, 2], strict=True))
    assert data["by_competency"]["networking"] == dict(
        zip(levels, [0, 0, 1, 0, 0, 1], strict=True))  # `also` does not count here
    assert data["by_competency"]["security"]["total"] == 0
    assert data["by_role"]["systems-developer"] == dict(
        zip(levels, [1, 0, 1, 0, 0, 2], strict=True))
    assert data["by_role"]["software-engineer"]["total"] == 2
    assert data["by_kind"] == {"design": 0, "debugging": 1, "technical": 1, "behavioral": 0,
                               "code-review": 1, "coding": 0}


def test_bank_stats_table(bank_dir: Path) -> None:
    result = run("--bank", bank_dir, "bank", "stats")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["competency", "mid", "senior", "staff", "senior-staff",
                                "principal", "total"]
    rows = {line.split()[0]: line.split()[1:] for line in lines if line.strip()}
    assert rows["coding-craft"] == ["1", "1", "1", "0", "0", "2"]
    assert rows["networking"] == ["0", "0", "1", "0", "0", "1"]
    assert rows["systems-developer"] == ["1", "0", "1", "0", "0", "2"]
    assert ("kinds: design 0, debugging 1, technical 1, behavioral 0, code-review 1, coding 0"
            in lines)
    assert lines[-1] == "3 questions"


def test_bank_stats_survives_an_empty_competency(make_bank: BankFactory) -> None:
    text = dump({"questions": [question("q", competency=None) | {"competency": None}]})
    bank = make_bank({"a.yaml": text})
    result = run("--bank", bank, "bank", "stats", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["questions"] == 0


# --- plans ------------------------------------------------------------------------------

PLAN = {
    "id": "loop", "title": "A loop", "role": "systems-developer", "level": "staff",
    "rounds": [
        {"title": "One", "minutes": 30, "questions": ["net-dns"]},
        {"title": "Two", "minutes": 15, "pick": {"competency": "coding-craft", "count": 1}},
    ],
}


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "sessions"
    directory.mkdir()
    (directory / "loop.yaml").write_text(dump(PLAN))
    return directory


def test_plan_check_ok(bank_dir: Path, plans_dir: Path) -> None:
    result = run("--bank", bank_dir, "--plans", plans_dir, "plan", "check")
    assert result.exit_code == 0
    assert result.stdout == "ok: 1 valid plan(s)\n"


def test_plan_check_reports_problems_and_exits_1(bank_dir: Path, plans_dir: Path) -> None:
    bad = dict(PLAN, id="bad", rounds=[{"title": "X", "minutes": 5, "questions": ["nope"]}])
    (plans_dir / "bad.yaml").write_text(dump(bad))
    result = run("--bank", bank_dir, "--plans", plans_dir, "plan", "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{plans_dir / 'bad.yaml'}:9: bad: rounds[0].questions[0]: no question 'nope' in the bank"
    ]
    assert result.stderr == "1 error(s); 1 valid plan(s)\n"


def test_plan_check_takes_paths_and_reports_missing_ones(
    bank_dir: Path, plans_dir: Path, tmp_path: Path
) -> None:
    result = run("--bank", bank_dir, "plan", "check", plans_dir / "loop.yaml", tmp_path / "x")
    assert result.exit_code == 1
    assert result.stdout == f"{tmp_path / 'x'}:1: -: -: no such file or directory\n"


def test_plan_check_finds_duplicate_plan_ids_across_paths(
    bank_dir: Path, plans_dir: Path, tmp_path: Path
) -> None:
    other = tmp_path / "more"
    other.mkdir()
    (other / "loop.yaml").write_text(dump(PLAN))
    result = run("--bank", bank_dir, "plan", "check", plans_dir, other,
                 plans_dir / "loop.yaml")  # the same file twice is checked once
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{other / 'loop.yaml'}:1: loop: id: duplicate plan id; first used at "
        f"{plans_dir / 'loop.yaml'}"
    ]


def test_plan_list_table_and_json(bank_dir: Path, plans_dir: Path) -> None:
    table = run("--bank", bank_dir, "--plans", plans_dir, "plan", "list")
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0].split() == ["id", "role", "level", "rounds", "min",
                                                    "title"]
    assert table.stdout.splitlines()[2].split() == ["loop", "systems-developer", "staff", "2",
                                                    "45", "A", "loop"]
    data = json.loads(run("--bank", bank_dir, "--plans", plans_dir, "plan", "list",
                          "--format", "json").stdout)
    assert data == [{**PLAN, "rounds": [PLAN["rounds"][0], {
        "title": "Two", "minutes": 15, "pick": {"count": 1, "competency": "coding-craft"}}],
        "minutes": 45, "source": str(plans_dir / "loop.yaml")}]


def test_plan_list_leaves_out_invalid_plans_with_a_warning(
    bank_dir: Path, plans_dir: Path
) -> None:
    (plans_dir / "bad.yaml").write_text("id: bad\n")
    result = run("--bank", bank_dir, "plan", "list", "--format", "json",
                 env={"INTERVIEW_PLANS": str(plans_dir)})
    assert result.exit_code == 0
    assert [p["id"] for p in json.loads(result.stdout)] == ["loop"]
    assert result.stderr.startswith("interview: warning: 4 problem(s) in plans;")


# --- the real entry point -------------------------------------------------------------

def test_the_module_entry_point_runs_bank_check(bank_dir: Path) -> None:
    done = run_module("--bank", bank_dir, "bank", "check")
    assert (done.returncode, done.stdout, done.stderr) == (
        0, "ok: 3 valid questions in 2 file(s)\n", "")


def test_the_module_entry_point_exits_1_on_a_bad_value_and_2_on_a_usage_error(
    bank_dir: Path,
) -> None:
    done = run_module("--bank", bank_dir, "bank", "list", "--role", "nonsense")
    assert done.returncode == 1
    assert done.stderr.startswith("interview: error: Invalid value for --role")
    usage = run_module("--bank", bank_dir, "bank", "list", "--no-such-option")
    assert usage.returncode == 2 and "Usage: interview bank list" in usage.stderr


def test_the_module_entry_point_prints_json(bank_dir: Path) -> None:
    done = run_module("--bank", bank_dir, "bank", "list", "--format", "json")
    assert done.returncode == 0
    assert {q["id"] for q in json.loads(done.stdout)} == {"cc-draft", "cc-review", "net-dns"}


HOSTILE_FILES = {
    "bomb.yaml": "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi",
                                                                    strict=True)),
    "deep.yaml": "x: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "exec.yaml": "competency: !!python/object/apply:os.system ['echo PWNED']\nquestions: []\n",
    "binary.yaml": b"\x00\xff\xfe\x00",
    "latin1.yaml": "competency: caf\xe9\n".encode("latin-1"),
    "bigint.yaml": "questions:\n  - minutes: " + "9" * 5000 + "\n",
}


def test_hostile_files_never_produce_a_traceback(make_bank: BankFactory) -> None:
    bank = make_bank({**HOSTILE_FILES, "good.yaml": question_file(question("fine"))})
    checked = run_module("bank", "check", bank)
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr
    assert "PWNED" not in checked.stdout + checked.stderr
    named = {Path(line.split(":")[0]).name for line in checked.stdout.splitlines()}
    assert named == set(HOSTILE_FILES)
    assert checked.stderr.endswith("; 1 valid questions in 7 file(s)\n")
    listed = run_module("--bank", bank, "bank", "list", "--format", "json")
    assert listed.returncode == 0
    assert [q["id"] for q in json.loads(listed.stdout)] == ["fine"]
    assert listed.stderr.startswith("interview: warning: ")
    assert "Traceback" not in listed.stderr
