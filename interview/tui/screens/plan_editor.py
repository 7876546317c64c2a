"""Drafting a question set: rounds of questions (or picks), their timing and
notes, and a live coverage panel that says what the plan covers and what is
wrong with it (interview.reports.coverage).

The questions come from the bank screen: `b` opens it in adding mode, and
`a` (or enter) there adds the highlighted question to the current round.
ctrl+s saves ID.yaml in the plans directory, through the same checks as
`interview plan check`; leaving with unsaved changes asks first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from interview.bank.model import Selector
from interview.bank.plan_draft import PlanDraft
from interview.files import OutputExists
from interview.reports.coverage import loop_competencies, plan_coverage
from interview.tui.screens.base import WorkScreen
from interview.tui.text import literal

if TYPE_CHECKING:
    from interview.bank.loader import Bank
    from interview.bank.model import Plan
    from interview.tui.screens.export import ExportChoice
    from interview.workspace import Workspace


class PlanEditorScreen(WorkScreen[None]):
    CSS_PATH = "plan_editor.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+n", "new_round", "New round", priority=True,
                id="plan_editor.new_round"),
        Binding("ctrl+b", "bank", "Add questions", priority=True),
        Binding("ctrl+k", "pick", "Pick", priority=True),
        Binding("ctrl+x", "export_kit", "Kit", priority=True),
        Binding("delete", "remove", "Remove"),
        Binding("alt+up", "move(-1)", "Move", key_display="alt+↑↓"),
        Binding("alt+down", "move(1)", "Move", show=False),
        Binding("escape", "back", "Back"),
    ]

    class Ready(Message):
        def __init__(self, bank: Bank, plans: list[Plan]) -> None:
            super().__init__()
            self.bank = bank
            self.plans = plans

    class Saved(Message):
        def __init__(self, path: str) -> None:
            super().__init__()
            self.path = path

    def __init__(self, workspace: Workspace, draft: PlanDraft, *, note: str = "",
                 saved_to: str = "") -> None:
        """`note` is said once the editor opens (why this is a copy, say);
        `saved_to` is the file the plan came from, replaced on save without asking."""
        super().__init__()
        self.workspace = workspace
        self.draft = draft
        self.dirty = False
        self.bank: Bank | None = None
        self.plans: list[Plan] = []
        self.current_round = 0
        self._note = note
        self._saved_path = saved_to  # the file this draft was last saved to

    def compose(self) -> ComposeResult:
        yield Static("", id="title", markup=False)
        with Horizontal(id="plan-fields"):
            yield Input(self.draft.id, placeholder="plan id", id="plan-id", compact=True)
            yield Input(self.draft.title, placeholder="title", id="plan-title", compact=True)
            yield Select([], prompt="role", id="plan-role", compact=True)
            yield Select([], prompt="level", id="plan-level", compact=True)
        with Horizontal(id="editor-body"):
            with Vertical(id="rounds-pane"):
                yield OptionList(id="rounds")
                with Horizontal(id="round-fields"):
                    yield Input(placeholder="round title", id="round-title", compact=True)
                    yield Input(placeholder="min", id="round-minutes", compact=True,
                                type="integer", max_length=3)
                yield Input(placeholder="notes for the interviewer", id="round-notes",
                            compact=True)
            with VerticalScroll(id="coverage"):
                yield Static("", id="coverage-text")
        yield Footer()

    def on_mount(self) -> None:
        if not self.draft.rounds:
            self.draft.add_round()
        self._show_title()
        self._load()
        if self._note:
            self.notify(self._note, markup=False, timeout=8)

    @work(thread=True, exclusive=True, group="plan-editor-load", exit_on_error=False,
          description="Reading the bank and plans")
    def _load(self) -> None:
        self.post_message(self.Ready(self.workspace.bank(), self.workspace.plans().plans))

    def on_plan_editor_screen_ready(self, message: Ready) -> None:
        self.bank, self.plans = message.bank, message.plans
        taxonomy = message.bank.taxonomy
        with self.prevent(Select.Changed):
            for name, values, chosen in (("plan-role", taxonomy.roles, self.draft.role),
                                         ("plan-level", taxonomy.levels, self.draft.level)):
                select = self.query_one(f"#{name}", Select)
                select.set_options((key, key) for key in values)
                if chosen in values:
                    select.value = chosen
        self.refresh_plan()
        self.query_one("#rounds", OptionList).focus()

    # -- showing the plan -------------------------------------------------------------
    def refresh_plan(self, highlight: str | None = None) -> None:
        """Redraw the rounds, the current round's fields and the coverage."""
        listing = self.query_one("#rounds", OptionList)
        wanted = highlight or self._highlighted_id()
        listing.clear_options()
        questions = self.bank.questions if self.bank else {}
        for number, round_ in enumerate(self.draft.rounds):
            listing.add_option(Option(Content.styled(
                f"Round {number + 1} · {round_.title} · {round_.minutes} min", "bold"),
                id=f"r{number}"))
            for position, question_id in enumerate(round_.questions):
                question = questions.get(question_id)
                label = (f"{question.title} ({question.minutes} min)" if question
                         else f"{question_id} (not in the bank)")
                listing.add_option(Option(literal(f"   {label}"), id=f"r{number}q{position}"))
            if round_.pick is not None:
                listing.add_option(Option(literal(f"   pick {_describe(round_.pick)}"),
                                          id=f"r{number}p"))
        ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        listing.highlighted = ids.index(wanted) if wanted in ids else 0
        self._show_round_fields()
        self._show_coverage()
        self._show_title()

    def _show_title(self) -> None:
        state = ("unsaved changes" if self.dirty else
                 "saved" if self._saved_path else "not saved yet")
        self.query_one("#title", Static).update(
            f"Plan editor · {self.draft.id} · {state} · "
            f"{self.workspace.plan_save_path(self.draft.id)}")

    def _show_round_fields(self) -> None:
        round_ = self.draft.rounds[self.current_round]
        with self.prevent(Input.Changed):
            self.query_one("#round-title", Input).value = round_.title
            self.query_one("#round-minutes", Input).value = str(round_.minutes)
            self.query_one("#round-notes", Input).value = round_.notes

    def _show_coverage(self) -> None:
        if self.bank is None:
            return
        questions = self.bank.questions
        plan = self.draft.to_plan()
        expected = loop_competencies(self.plans, questions, plan.role, plan.level,
                                     leave_out=plan.id)
        found = plan_coverage(plan, questions, expected)
        lines: list[Content] = [Content.styled(f"Coverage · {found.minutes} min in "
                                               f"{len(found.rounds)} round(s)", "bold $accent")]
        for number, round_ in enumerate(found.rounds, 1):
            over = " (over)" if round_.question_minutes > round_.minutes else ""
            lines.append(literal(f"Round {number}: {round_.question_minutes} of "
                                 f"{round_.minutes} min{over} · "
                                 f"{', '.join(round_.competencies) or 'no competency yet'}"
                                 f" · {', '.join(round_.kinds) or '-'}"))
        lines += [Content(""), Content.styled("Competencies", "bold $accent"),
                  literal(", ".join(found.competencies) or "none yet")]
        lines += [Content(""), Content.styled("Kinds", "bold $accent"),
                  literal(", ".join(found.kinds) or "none yet")]
        lines += [Content(""), Content.styled(f"Warnings ({len(found.warnings)})",
                                              "bold $warning" if found.warnings else "bold")]
        lines += [literal(f"⚠ {w}") for w in found.warnings] or [literal("none")]
        self.query_one("#coverage-text", Static).update(Content("\n").join(lines))

    def _highlighted_id(self) -> str | None:
        listing = self.query_one("#rounds", OptionList)
        if listing.highlighted is None or not listing.option_count:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    def _position(self) -> tuple[int, int | None]:
        """(round, question position or None) of the highlighted line."""
        key = self._highlighted_id() or "r0"
        round_text, _, question = key[1:].partition("q")
        round_index = int(round_text.rstrip("p"))
        return round_index, int(question) if question else None

    def on_option_list_option_highlighted(self, _: OptionList.OptionHighlighted) -> None:
        round_index, _position = self._position()
        if round_index != self.current_round:
            self.current_round = round_index
            self._show_round_fields()

    # -- editing ----------------------------------------------------------------------
    def changed(self) -> None:
        self.dirty = True
        self.refresh_plan()

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.bank is None:
            return  # the fields filling in as the screen opens, not an edit
        round_ = self.draft.rounds[self.current_round]
        value = event.value
        if event.input.id == "plan-id":
            self.draft.id = value.strip()
        elif event.input.id == "plan-title":
            self.draft.title = value
        elif event.input.id == "round-title":
            round_.title = value
        elif event.input.id == "round-minutes":
            if not value.isdigit() or int(value) < 1:
                return  # the field says it is not a number; the plan keeps the last one
            round_.minutes = int(value)
        elif event.input.id == "round-notes":
            round_.notes = value
        else:
            return
        self.changed()

    def on_select_changed(self, event: Select.Changed) -> None:
        if self.bank is None or not isinstance(event.value, str):
            return
        if event.select.id == "plan-role":
            self.draft.role = event.value
        elif event.select.id == "plan-level":
            self.draft.level = event.value
        self.changed()

    def action_new_round(self) -> None:
        self.current_round = self.draft.add_round()
        self.changed()
        self.refresh_plan(highlight=f"r{self.current_round}")
        self.query_one("#round-title", Input).focus()

    def action_remove(self) -> None:
        round_index, position = self._position()
        key = self._highlighted_id() or ""
        if position is not None:
            removed = self.draft.remove_question(round_index, position)
            self.notify(f"Removed {removed} from round {round_index + 1}.", markup=False)
        elif key.endswith("p"):
            self.draft.rounds[round_index].pick = None
        elif len(self.draft.rounds) > 1:
            self.draft.remove_round(round_index)
            self.current_round = min(round_index, len(self.draft.rounds) - 1)
        else:
            self.notify("A plan needs at least one round.", markup=False)
            return
        self.changed()

    def action_move(self, step: int) -> None:
        round_index, position = self._position()
        if position is None:
            return
        target = self.draft.move_question(round_index, position, step)
        self.changed()
        self.refresh_plan(highlight=f"r{round_index}q{target}")

    def add_question(self, question_id: str) -> bool:
        """Called by the bank screen: the question joins the current round."""
        if not self.draft.add_question(self.current_round, question_id):
            self.notify(f"{question_id} is already in this plan.", severity="warning",
                        markup=False)
            return False
        self.changed()
        return True

    def action_bank(self) -> None:
        from interview.tui.screens.browse import BrowseScreen

        self.app.push_screen(BrowseScreen(self.workspace, adding_to=self.add_question))

    def action_pick(self) -> None:
        """Let the round pick questions when the plan runs (a selector)."""
        from interview.tui.screens.pick import PickScreen

        def chosen(pick: Selector | None) -> None:
            if pick is not None:
                self.draft.rounds[self.current_round].pick = pick
                self.changed()

        if self.bank is not None:
            self.app.push_screen(PickScreen(list(self.bank.taxonomy.competencies),
                                            list(self.bank.taxonomy.kinds),
                                            self.draft.rounds[self.current_round].pick),
                                 chosen)

    # -- the interview kit -------------------------------------------------------------
    def action_export_kit(self) -> None:
        """The kit of `interview kit` for the plan as it stands (saved or not)."""
        from interview.tui.screens.export import KIT_FORMATS, ExportScreen, ask_and_export

        def render(choice: ExportChoice) -> tuple[str, str]:
            from interview.reports.kit import render as render_kit
            from interview.reports.kit.model import build_kit

            bank = self.workspace.bank()
            kit = build_kit(self.draft.to_plan(), bank.questions, tuple(bank.taxonomy.levels),
                            outlines=choice.include_all)
            return render_kit(kit, choice.output_format), "the kit"

        ask_and_export(self, ExportScreen(
            self.workspace.clock.now().astimezone().date(), heading="Export the interview kit",
            formats=KIT_FORMATS, stem=f"{self.draft.id}-kit",
            leave_out="Leave out the model answer outlines"), render)

    # -- saving and leaving ------------------------------------------------------------
    def action_save(self) -> None:
        self._save(overwrite=self._saved_path == str(
            self.workspace.plan_save_path(self.draft.id)))

    @work(thread=True, exclusive=True, group="plan-editor-save", exit_on_error=False,
          description="Saving the plan")
    def _save(self, overwrite: bool) -> None:
        try:
            path = self.workspace.save_plan(self.draft, overwrite=overwrite)
        except OutputExists:
            self.app.call_from_thread(self._confirm_overwrite)
            return
        self.post_message(self.Saved(str(path)))

    def _confirm_overwrite(self) -> None:
        from interview.tui.screens.confirm import ConfirmScreen

        def answered(replace: bool | None) -> None:
            if replace:
                self._save(overwrite=True)

        path = self.workspace.plan_save_path(self.draft.id)
        self.app.push_screen(ConfirmScreen(f"{path} already exists. Replace it with this "
                                           "plan?", "Replace"), answered)

    def on_plan_editor_screen_saved(self, message: Saved) -> None:
        self.dirty = False
        self._saved_path = message.path
        self._show_title()
        self.notify(f"Saved {message.path}; `interview practice --plan {self.draft.id}` "
                    "runs it.", markup=False, timeout=8)

    def action_back(self) -> None:
        from interview.tui.screens.confirm import ConfirmScreen

        if not self.dirty:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("This plan has unsaved changes. Leave without "
                                           "saving them?", "Discard changes",
                                           "Keep editing"), answered)


def _describe(pick: Selector) -> str:
    parts = [p for p in (pick.competency, pick.kind, pick.level) if p]
    return f"{pick.count} {' '.join(parts) or 'of any kind'}"
