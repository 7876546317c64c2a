"""reflow: hard-wrapped prose becomes paragraphs; code and lists stay as written."""

from __future__ import annotations

from interview.tui.text import reflow


def test_wrapped_prose_is_joined_into_paragraphs() -> None:
    text = "A service slows down\nevery night at two.\n\nWhat do you check\nfirst?\n"
    assert reflow(text) == "A service slows down every night at two.\n\nWhat do you check first?"


def test_an_indented_block_is_kept_line_for_line() -> None:
    code = "    def f(x):\n        return x\n    f(1)"
    assert reflow(f"Review this:\n\n{code}\n") == f"Review this:\n\n{code}"


def test_code_that_starts_at_the_margin_is_not_joined() -> None:
    # A manifest's top-level keys sit at the margin; their children are indented.
    manifest = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: payments-api"
    assert reflow(f"Review it.\n\n{manifest}") == f"Review it.\n\n{manifest}"
    go = "func main() {\nx := load()\nrun(x)\n}"
    assert reflow(go) == go


def test_a_list_is_kept_as_written() -> None:
    items = "- the cache\n- the queue\n* the pool"
    assert reflow(f"Three suspects\nto rule out:\n\n{items}") == (
        f"Three suspects to rule out:\n\n{items}")


def test_blank_lines_with_spaces_still_separate_paragraphs() -> None:
    assert reflow("one\ntwo\n   \nthree") == "one two\n\nthree"
    assert reflow("one\n\n\n\nthree") == "one\n\nthree"
