"""The bad-input collection: every kind of bad input a user can hand the app
(bank files, plans, options, databases, imports, exports) gets readable
lines naming what is wrong, a non-zero exit, never a traceback, and loses
nothing already recorded.

Bank and plan problems are one line each, FILE:LINE: ID: FIELD: MESSAGE;
everything else is a single `interview: error: ...` line (tests/cliout.py).
More specific tests of each behaviour live beside the code's own tests;
this file is the inventory.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.cli import cli
from tests.bankfiles import dump, question
from tests.cliout import assert_clean_failure

PROBLEM = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+): (?P<item>.+?): (?P<field>.+?): (?P<message>.+)$")
GOOD = question("good-q")


def _file(*entries: object, competency: str = "coding-craft") -> str:
    return dump({"competency": competency, "questions": list(entries)})


@dataclass(frozen=True)
class BankCase:
    name: str
    text: str | bytes  # the content of coding-craft.yaml
    item: str  # the question id (or "-") the problem names
    field: str  # the field it names
    message: str  # a fragment of its message
    line: int | None = None  # the line, when it is worth pinning


def _q(**overrides: object) -> dict[str, object]:
    return question("bad-q", **overrides)


BANK_CASES = [
    BankCase("malformed YAML", "competency: coding-craft\nquestions:\n  - id: [oops\n", "-", "-",
             "invalid YAML"),
    BankCase("tab indentation", "competency: coding-craft\nquestions:\n\t- id: x\n", "-", "-",
             "invalid YAML", 3),
    BankCase("duplicate key", "competency: coding-craft\ncompetency: networking\n"
             "questions: []\n", "-", "competency", "", 2),
    BankCase("python tag", "competency: coding-craft\nquestions:\n  - !!python/object:os.system"
             " {}\n", "questions[0]", "-", "tag"),
    BankCase("custom tag", "competency: !secret coding-craft\nquestions: []\n", "-", "competency",
             "tag"),
    BankCase("a list, not a mapping", "- a\n- b\n", "-", "-", "mapping"),
    BankCase("no questions", _file(), "-", "questions", "no questions"),
    BankCase("empty file", "", "-", "-", ""),
    BankCase("not UTF-8", b"competency: coding-craft\nquestions:\n  - id: caf\xe9\n", "-", "-",
             "UTF-8"),
    BankCase("duplicate id in a file", _file(GOOD, question("good-q")), "good-q", "id",
             "duplicate"),
    BankCase("missing id", _file(_q(id=None)), "questions[0]", "id", "missing"),
    BankCase("id not a slug", _file(_q(id="Bad Id")), "Bad Id", "id", "slug"),
    BankCase("id a number", _file(_q(id=42)), "questions[0]", "id", "text"),
    BankCase("missing title", _file(_q(title=None)), "bad-q", "title", "missing"),
    BankCase("empty title", _file(_q(title="  ")), "bad-q", "title", "non-empty"),
    BankCase("missing prompt", _file(_q(prompt=None)), "bad-q", "prompt", "missing"),
    BankCase("missing kind", _file(_q(kind=None)), "bad-q", "kind", "missing"),
    BankCase("unknown kind", _file(_q(kind="quiz")), "bad-q", "kind", "quiz"),
    BankCase("unknown role", _file(_q(roles=["astronaut"])), "bad-q", "roles[0]", "astronaut"),
    BankCase("roles not a list", _file(_q(roles="software-engineer")), "bad-q", "roles",
             "list"),
    BankCase("no roles", _file(_q(roles=[])), "bad-q", "roles", "empty"),
    BankCase("unknown level", _file(_q(levels=["wizard"])), "bad-q", "levels[0]", "wizard"),
    BankCase("unknown competency", _file(_q(competency="juggling")), "bad-q", "competency",
             "juggling"),
    BankCase("unknown file competency", _file(GOOD, competency="juggling"), "-", "competency",
             "juggling"),
    BankCase("also repeats the competency", _file(_q(also=["coding-craft"])), "bad-q", "also",
             "repeats"),
    BankCase("minutes zero", _file(_q(minutes=0)), "bad-q", "minutes", "positive"),
    BankCase("minutes negative", _file(_q(minutes=-5)), "bad-q", "minutes", "positive"),
    BankCase("minutes text", _file(_q(minutes="ten")), "bad-q", "minutes", "positive"),
    BankCase("minutes true", _file(_q(minutes=True)), "bad-q", "minutes", "positive"),
    BankCase("hints not a list", _file(_q(hints="one hint")), "bad-q", "hints", "list"),
    BankCase("an empty hint", _file(_q(hints=["fine", ""])), "bad-q", "hints[1]", "non-empty"),
    BankCase("follow-up a mapping", _file(_q(follow_ups=[{"a": 1}])), "bad-q", "follow_ups[0]",
             "text"),
    BankCase("tags a number", _file(_q(tags=5)), "bad-q", "tags", "list"),
    BankCase("draft not a flag", _file(_q(draft="yes")), "bad-q", "draft", "true or false"),
    BankCase("no rubric", _file(_q(rubric=None)), "bad-q", "rubric", "required unless"),
    BankCase("rubric a list", _file(_q(rubric=["x"])), "bad-q", "rubric", "mapping"),
    BankCase("no signals", _file(_q(rubric={"signals": []})), "bad-q", "rubric.signals",
             "empty"),
    BankCase("unknown rubric field", _file(_q(rubric={"signals": ["s"], "flags": ["f"]})),
             "bad-q", "rubric.flags", "unknown field"),
    BankCase("bar for an unknown level", _file(_q(rubric={"signals": ["s"],
                                                          "by_level": {"wizard": "x"}})),
             "bad-q", "rubric.by_level.wizard", "not a level"),
    BankCase("bar for an untagged level", _file(_q(rubric={"signals": ["s"],
                                                           "by_level": {"staff": "x"}})),
             "bad-q", "rubric.by_level.staff", "not tagged"),
    BankCase("unknown field, with a hint", _file(_q(promt="typo")), "bad-q", "promt",
             "did you mean"),
    BankCase("outline empty", _file(_q(outline="  ")), "bad-q", "outline", "non-empty"),
    BankCase("billion laughs", "a: &a [x, x, x, x, x, x, x, x, x]\n"
             "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
             "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
             "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
             "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n", "-", "-", ""),
    BankCase("deep nesting", "questions: " + "[" * 200 + "]" * 200 + "\n", "-", "-", "nest"),
    BankCase("questions a mapping", "competency: coding-craft\nquestions: {a: 1}\n", "-",
             "questions", "no questions"),
    BankCase("an entry a string", _file("just text"), "-", "questions[0]", "mapping"),
]


@pytest.mark.parametrize("case", BANK_CASES, ids=[c.name for c in BANK_CASES])
def test_bad_bank_files_name_file_line_and_field(case: BankCase, tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    target = bank / "coding-craft.yaml"
    if isinstance(case.text, bytes):
        target.write_bytes(case.text)
    else:
        target.write_text(case.text, encoding="utf-8")
    before = target.read_bytes()
    result = CliRunner().invoke(cli, ["bank", "check", str(bank)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stdout.splitlines() if line]
    assert lines and all(PROBLEM.match(line) for line in lines), lines
    named = [PROBLEM.match(line) for line in lines]
    assert any(m and m["file"].endswith("coding-craft.yaml") and m["item"] == case.item
               and m["field"] == case.field and case.message.lower() in m["message"].lower()
               and (case.line is None or int(m["line"]) == case.line)
               for m in named), lines
    assert len(result.stderr.splitlines()) == 1  # the summary
    assert target.read_bytes() == before  # checking never touches the file


def test_the_same_id_in_two_files_names_both(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "coding-craft.yaml").write_text(_file(GOOD))
    (bank / "networking.yaml").write_text(_file(question("good-q"), competency="networking"))
    result = CliRunner().invoke(cli, ["bank", "check", str(bank)])
    assert result.exit_code == 1
    (line,) = [line for line in result.stdout.splitlines() if "good-q" in line]
    assert "coding-craft.yaml" in line and "networking.yaml" in line


# -- plans ----------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanCase:
    name: str
    text: str
    field: str
    message: str


def _plan(**overrides: object) -> str:
    data: dict[str, object] = {
        "id": "bad-plan", "title": "A plan", "role": "software-engineer", "level": "senior",
        "rounds": [{"title": "One", "minutes": 20, "questions": ["good-q"]}],
    }
    data.update(overrides)
    return dump({k: v for k, v in data.items() if v is not None})


PLAN_CASES = [
    PlanCase("malformed YAML", "id: [x\n", "-", ""),
    PlanCase("missing id", _plan(id=None), "id", "missing"),
    PlanCase("id not a slug", _plan(id="Bad Plan"), "id", "slug"),
    PlanCase("missing title", _plan(title=None), "title", "missing"),
    PlanCase("unknown role", _plan(role="astronaut"), "role", "astronaut"),
    PlanCase("unknown level", _plan(level="wizard"), "level", "wizard"),
    PlanCase("no rounds", _plan(rounds=[]), "rounds", ""),
    PlanCase("rounds a mapping", _plan(rounds={"a": 1}), "rounds", "list"),
    PlanCase("round minutes zero", _plan(rounds=[{"title": "One", "minutes": 0,
                                                  "questions": ["good-q"]}]),
             "rounds[0].minutes", "positive"),
    PlanCase("unknown question", _plan(rounds=[{"title": "One", "minutes": 20,
                                                "questions": ["no-such-q"]}]),
             "rounds[0].questions[0]", "no-such-q"),
    PlanCase("pick count zero", _plan(rounds=[{"title": "One", "minutes": 20,
                                               "pick": {"count": 0}}]),
             "rounds[0].pick.count", "positive"),
    PlanCase("pick unknown competency", _plan(rounds=[{"title": "One", "minutes": 20,
                                                       "pick": {"count": 1,
                                                                "competency": "juggling"}}]),
             "rounds[0].pick.competency", "juggling"),
    PlanCase("unknown field", _plan(roundz=[]), "roundz", "unknown field"),
    PlanCase("round with neither questions nor pick", _plan(rounds=[{"title": "One",
                                                                     "minutes": 20}]),
             "rounds[0].questions", "either"),
]


@pytest.mark.parametrize("case", PLAN_CASES, ids=[c.name for c in PLAN_CASES])
def test_bad_plans_name_file_line_and_field(case: PlanCase, tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "coding-craft.yaml").write_text(_file(GOOD))
    plan = tmp_path / "bad-plan.yaml"
    plan.write_text(case.text)
    result = CliRunner().invoke(cli, ["--bank", str(bank), "plan", "check", str(plan)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stdout.splitlines() if line]
    named = [PROBLEM.match(line) for line in lines]
    assert lines and all(named), lines
    assert any(m and m["file"].endswith("bad-plan.yaml") and m["field"] == case.field
               and case.message.lower() in m["message"].lower() for m in named), lines


# -- options, databases, imports and exports -------------------------------------------

@dataclass(frozen=True)
class CommandCase:
    name: str
    args: tuple[str, ...]
    fragments: tuple[str, ...] = ()
    files: dict[str, str | bytes] = field(default_factory=dict)  # under tmp_path


COMMAND_CASES = [
    CommandCase("unknown role", ("bank", "list", "--role", "astronaut"), ("astronaut",)),
    CommandCase("unknown level", ("bank", "list", "--level", "wizard"), ("wizard",)),
    CommandCase("unknown competency", ("bank", "list", "--competency", "juggling"),
                ("juggling",)),
    CommandCase("unknown kind", ("bank", "list", "--kind", "quiz"), ("quiz",)),
    CommandCase("search unknown role", ("search", "cache", "--role", "astronaut"),
                ("astronaut",)),
    CommandCase("practice unknown plan", ("practice", "--plan", "nope"), ("nope",)),
    CommandCase("practice zero questions", ("practice", "--count", "0"), ("count",)),
    CommandCase("history huge offset", ("history", "--offset", "99999999999999999999"),
                ("offset",)),
    CommandCase("history negative limit", ("history", "--limit", "-1"), ("limit",)),
    CommandCase("history show huge id", ("history", "show", "99999999999999999999"), ()),
    CommandCase("history show unknown id", ("history", "show", "4242"), ("4242",)),
    CommandCase("history unknown profile", ("history", "--profile", "nobody"), ("nobody",)),
    CommandCase("stats unknown profile", ("stats", "--profile", "nobody"), ("nobody",)),
    CommandCase("due unknown profile", ("due", "--profile", "nobody"), ("nobody",)),
    CommandCase("report unknown profile", ("report", "--profile", "nobody", "--format", "md",
                                           "--out", "-"), ("nobody",)),
    CommandCase("kit unknown plan", ("kit", "nope", "--format", "md", "--out", "-"),
                ("nope",)),
    CommandCase("kit unknown level", ("kit", "debugging-drill", "--format", "md", "--out", "-",
                                      "--level", "wizard"), ("wizard",)),
    CommandCase("plan new bad id", ("plan", "new", "Bad Id", "--role", "software-engineer",
                                    "--level", "senior"), ("Bad Id",)),
    CommandCase("plan edit unknown", ("plan", "edit", "nope"), ("nope",)),
    CommandCase("run unknown plan", ("run", "nope", "--candidate", "Cam"), ("nope",)),
    CommandCase("run control characters", ("run", "debugging-drill", "--candidate", "a\x1bb"),
                ("control characters",)),
    CommandCase("run empty candidate", ("run", "debugging-drill", "--candidate", "  "),
                ("candidate",)),
    CommandCase("scorecard unknown", ("scorecard", "show", "77"), ("77",)),
    CommandCase("scorecard id zero", ("scorecard", "show", "0"), ("ID",)),
    CommandCase("debrief unknown", ("debrief", "Nobody"), ("Nobody",)),
    CommandCase("bank dir missing", ("--bank", "{tmp}/nowhere", "bank", "list"),
                ("nowhere",)),
    CommandCase("bank dir a file", ("--bank", "{tmp}/file.txt", "bank", "list"),
                ("file.txt",), {"file.txt": "x"}),
    CommandCase("database garbage url", ("--database", "not a url", "history"),
                ("not a url",)),
    CommandCase("database unknown driver", ("--database", "nosuchdb://x/y", "history"),
                ("nosuchdb",)),
    CommandCase("database unreachable", ("--database",
                                         "postgresql+psycopg://nobody@127.0.0.1:1/x",
                                         "history"), ("127.0.0.1",)),
    CommandCase("database is a directory", ("--database", "sqlite:///{tmp}", "history"), ()),
    CommandCase("database not sqlite", ("--database", "sqlite:///{tmp}/junk.db", "history"),
                ("junk.db",), {"junk.db": "this is not a database " * 200}),
    CommandCase("import unknown competency", ("bank", "import", "{tmp}/list.md",
                                              "--competency", "juggling", "--dry-run"),
                ("juggling",), {"list.md": "- What is a socket?\n"}),
    CommandCase("import existing out", ("bank", "import", "{tmp}/list.md", "--competency",
                                        "networking", "--out", "{tmp}/taken.yaml"),
                ("taken.yaml", "--force"), {"list.md": "- What is a socket?\n",
                                            "taken.yaml": "keep me\n"}),
    CommandCase("export existing out", ("bank", "export", "--format", "csv", "--out",
                                        "{tmp}/taken.csv"), ("taken.csv", "--force"),
                {"taken.csv": "keep me\n"}),
    CommandCase("report existing out", ("report", "--format", "md", "--out",
                                        "{tmp}/taken.md"), ("taken.md", "--force"),
                {"taken.md": "keep me\n"}),
    CommandCase("kit existing out", ("kit", "debugging-drill", "--format", "md", "--out",
                                     "{tmp}/taken.md"), ("taken.md", "--force"),
                {"taken.md": "keep me\n"}),
    CommandCase("practice huge count", ("practice", "--count", "99999999999999999999"),
                ("count",)),
    CommandCase("practice huge minutes", ("practice", "--minutes", "99999999999999999999"),
                ("minutes",)),
    CommandCase("bank dir empty", ("--bank", "{tmp}/emptybank", "bank", "list"),
                ("emptybank", "no question files")),
    CommandCase("plans dir missing", ("--plans", "{tmp}/noplans", "plan", "list"),
                ("noplans",)),
    CommandCase("report out in a missing dir", ("report", "--format", "md", "--out",
                                                "{tmp}/no/such/dir/r.md"), ("--parents",)),
    CommandCase("kit out in a missing dir", ("kit", "debugging-drill", "--format", "md",
                                             "--out", "{tmp}/no/such/dir/k.md"),
                ("--parents",)),
    CommandCase("scorecard out in a missing dir", ("scorecard", "show", "1", "--format", "md",
                                                   "--out", "{tmp}/no/such/dir/s.md"),
                ("--parents",)),
]


def _invoke(case: CommandCase, tmp_path: Path) -> Result:
    (tmp_path / "emptybank").mkdir(exist_ok=True)
    for name, content in case.files.items():
        target = tmp_path / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content)
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in case.args]
    return CliRunner().invoke(cli, args)


def _fingerprint(tmp_path: Path) -> dict[str, str]:
    return {str(p.relative_to(tmp_path)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(tmp_path.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", COMMAND_CASES, ids=[c.name for c in COMMAND_CASES])
def test_bad_commands_are_one_line_and_touch_nothing(case: CommandCase, tmp_path: Path,
                                                      interview_home: Path) -> None:
    before_home = _fingerprint(interview_home)
    result = _invoke(case, tmp_path)
    assert_clean_failure(result, *case.fragments)
    for name, content in case.files.items():  # what was there is still there
        expected = content if isinstance(content, bytes) else content.encode()
        assert (tmp_path / name).read_bytes() == expected
    after_home = _fingerprint(interview_home)
    assert {k: v for k, v in after_home.items() if k in before_home} == before_home


# Commands that check files report each one as a problem line, like bank check.
FILE_CASES = [
    CommandCase("import missing file", ("bank", "import", "{tmp}/none.md", "--competency",
                                        "networking", "--dry-run"), ("none.md", "no such file")),
    CommandCase("import binary file", ("bank", "import", "{tmp}/blob.md", "--competency",
                                       "networking", "--dry-run"), ("blob.md", "binary"),
                {"blob.md": b"\x00\xff\xfe\x00" * 100}),
    CommandCase("import not UTF-8", ("bank", "import", "{tmp}/latin.md", "--competency",
                                     "networking", "--dry-run"), ("latin.md",),
                {"latin.md": "- Qu'est-ce qu'un caf\xe9?\n".encode("latin-1")}),
    CommandCase("plan check missing file", ("plan", "check", "{tmp}/none.yaml"),
                ("none.yaml",)),
    CommandCase("bank check missing file", ("bank", "check", "{tmp}/none.yaml"),
                ("none.yaml",)),
]


@pytest.mark.parametrize("case", FILE_CASES, ids=[c.name for c in FILE_CASES])
def test_bad_files_given_to_a_command_are_problem_lines(case: CommandCase,
                                                        tmp_path: Path) -> None:
    result = _invoke(case, tmp_path)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if PROBLEM.match(line)]
    assert any(all(f in line for f in case.fragments) for line in lines), result.output
    for name, content in case.files.items():
        assert (tmp_path / name).read_bytes() == (
            content if isinstance(content, bytes) else content.encode())


def test_a_bank_directory_that_is_a_symlink_loop_says_so(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    result = CliRunner().invoke(cli, ["--bank", str(loop), "bank", "list"])
    assert_clean_failure(result, "loop", "symbolic link loop")


def test_bank_export_and_import_refuse_a_missing_directory_unless_told(tmp_path: Path) -> None:
    target = tmp_path / "no" / "dir" / "bank.csv"
    refused = CliRunner().invoke(cli, ["bank", "export", "--format", "csv", "--out", str(target)])
    assert_clean_failure(refused, "--parents")
    assert not (tmp_path / "no").exists()
    made = CliRunner().invoke(cli, ["bank", "export", "--format", "csv", "--out", str(target),
                                    "--parents"])
    assert made.exit_code == 0 and target.is_file()
    source = tmp_path / "list.md"
    source.write_text("- What does a TCP RST tell you about the peer?\n")
    imported = tmp_path / "new" / "networking-import.yaml"
    refused = CliRunner().invoke(cli, ["bank", "import", str(source), "--competency",
                                       "networking", "--out", str(imported)])
    assert_clean_failure(refused, "--parents")
    assert not (tmp_path / "new").exists()
