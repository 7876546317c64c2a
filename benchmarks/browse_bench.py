"""The bank screen, searched as you type, timed through Pilot.

    .venv/bin/python benchmarks/browse_bench.py            # 1k, 10k and 100k questions
    .venv/bin/python benchmarks/browse_bench.py --sizes 1000 --queries 10

What is timed: in-process, warm (the app running, the index built and the
screen open before timing), in the running app at 120x40, for each query (the same mix of
title fragments, subjects, typos and half-typed words as search_bench.py),
each character typed into the search box, from the key event reaching the
app until the result list holds that keystroke's results (the next frame
paints them; Pilot's own settling, ~100 ms a key, is kept out by posting
the key event and watching for the list to change). Budget (DESIGN.md): key
to results shown <= 16 ms at p95 on 100,000 questions. Anchor, in the same
run: a bare Textual app whose Input copies each keystroke into a Static,
timed the same way. The banks are benchmarks/bankgen.py's
(a realistic vocabulary), given to the workspace in memory; the index is
built before timing starts. Asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bankgen import generate
from benchtable import result
from search_bench import make_queries, percentile
from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from interview.bank.loader import Bank
from interview.bank.locations import TAXONOMY_FILE, bundled_bank_dir
from interview.bank.taxonomy import load_taxonomy
from interview.search.index import SearchIndex
from interview.tui.app import InterviewApp
from interview.tui.screens.browse import BrowseScreen
from interview.workspace import Workspace

SIZE = (120, 40)
BUDGET_MS = 16.0


class GeneratedWorkspace(Workspace):
    """A workspace whose bank is generated in memory instead of read from files."""

    def __init__(self, bank: Bank, database: str) -> None:
        super().__init__(database=database, profile="bench")
        self._generated = bank
        self._generated_index: SearchIndex | None = None

    def bank(self) -> Bank:
        return self._generated

    def search_index(self) -> SearchIndex:
        # Built in memory: a generated bank has no cache to save an index beside.
        if self._generated_index is None:
            self._generated_index = SearchIndex.build(self._generated)
        return self._generated_index


async def type_timed(app: App[Any], text: str, done: list[float], into: list[float]) -> None:
    """Type `text` one key at a time into the focused widget; `done` receives
    the time each keystroke's handling finished."""
    for character in text:
        before = len(done)
        key = "space" if character == " " else character
        began = time.perf_counter()
        app.post_message(events.Key(key, character))
        while len(done) == before:
            await asyncio.sleep(0)
        into.append((done[-1] - began) * 1000)
        await asyncio.sleep(0.03)  # a fast typist's gap (120 words a minute): the frame paints


async def time_bank(workspace: Workspace, queries: list[str]) -> list[float]:
    keys: list[float] = []
    done: list[float] = []
    original = BrowseScreen.refresh_results

    def timed_refresh(self: BrowseScreen) -> None:
        original(self)
        done.append(time.perf_counter())

    BrowseScreen.refresh_results = timed_refresh  # type: ignore[method-assign]
    try:
        app = InterviewApp(workspace)
        async with app.run_test(size=SIZE) as pilot:
            while app.home_info is None:
                await pilot.pause(0.01)
            await pilot.press("ctrl+f")
            while getattr(app.screen, "index", None) is None:
                await pilot.pause(0.01)
            box = app.screen.query_one("#query", Input)
            for query in queries:
                box.value = ""
                await pilot.pause()
                await type_timed(app, query, done, keys)
    finally:
        BrowseScreen.refresh_results = original  # type: ignore[method-assign]
    return keys


class Anchor(App[None]):
    def __init__(self, done: list[float]) -> None:
        super().__init__()
        self.done = done

    def compose(self) -> ComposeResult:
        yield Input(id="box")
        yield Static(id="echo")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#echo", Static).update(event.value)
        self.done.append(time.perf_counter())


async def time_anchor(queries: list[str]) -> list[float]:
    keys: list[float] = []
    done: list[float] = []
    app = Anchor(done)
    async with app.run_test(size=SIZE) as pilot:
        box = app.query_one("#box", Input)
        for query in queries:
            box.value = ""
            await pilot.pause()
            await type_timed(app, query, done, keys)
    return keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--database", type=Path,
                        help="SQLite file for the app (default: one in a temporary directory)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="interview-browse-") as directory:
        run(args.sizes, args.queries, args.database or Path(directory) / "browse.db")


def run(sizes: list[int], queries_count: int, database: Path) -> None:
    taxonomy, _problems = load_taxonomy(bundled_bank_dir() / TAXONOMY_FILE)
    assert taxonomy is not None
    print(f"bank screen at {SIZE[0]}x{SIZE[1]}: key to results shown, ms")
    for size in sizes:
        questions = generate(size)
        bank = Bank(root="generated", taxonomy=taxonomy, questions={q.id: q for q in questions})
        workspace = GeneratedWorkspace(bank, f"sqlite:///{database}")
        began = time.perf_counter()
        index = workspace.search_index()
        built = time.perf_counter() - began
        queries = make_queries(index, queries_count)
        anchor = asyncio.run(time_anchor(queries))
        ours = asyncio.run(time_bank(workspace, queries))
        workspace.close()
        anchor_p95 = percentile(anchor, 0.95)
        p95 = percentile(ours, 0.95)
        print(f"  {size:>7,} questions, {len(ours)} keys: p50 {statistics.median(ours):5.1f} "
              f"(anchor p50 {statistics.median(anchor):4.1f}); index built in {built:.1f} s")
        result(f"browse key to results p95 @{size:,}", p95, "ms", anchor=anchor_p95,
               anchor_name="bare Input echo p95", budget=BUDGET_MS, budget_on="figure",
               note="budget at 100,000 questions")


if __name__ == "__main__":
    main()
