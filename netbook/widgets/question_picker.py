"""Pick about ten questions from the bank: filter, pick, reorder, write your own, templates.

The widget only edits its list; saving your own questions and templates is the screen's
job (it receives :class:`QuestionPicker.OwnQuestion` and :class:`QuestionPicker.SaveTemplate`).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, OptionList, Select, Static

from netbook.domain.display_text import one_line
from netbook.domain.models import MeetingQuestion, search_form
from netbook.domain.question_bank import Question, QuestionBank, find_question
from netbook.widgets.item_list import ItemList
from netbook.widgets.text_input import TextInput

OWN_CATEGORY = "my-questions"


def _key(q: MeetingQuestion) -> str:
    return q.question_id or f"text:{q.text}"


class QuestionPicker(Vertical):
    DEFAULT_CSS = """
    QuestionPicker { height: auto; }
    QuestionPicker Horizontal { height: auto; }
    QuestionPicker #qp-filters { margin: 0 0 0 0; }
    QuestionPicker #qp-filter { width: 1fr; margin: 0 1 0 0; }
    QuestionPicker #qp-category { width: 40; }
    QuestionPicker #qp-category SelectCurrent Static#label { text-wrap: nowrap; text-overflow: ellipsis; }
    QuestionPicker #qp-lists { height: 14; }
    QuestionPicker #qp-lists ItemList { width: 1fr; height: 100%; }
    QuestionPicker #qp-hint { color: $text-muted; height: 1; }
    QuestionPicker #qp-hint.-warn { color: $warning; }
    QuestionPicker #qp-own { margin: 0 0 1 0; }
    QuestionPicker #qp-template { width: 1fr; margin: 0 1 0 0; }
    QuestionPicker #qp-template-name { width: 1fr; margin: 0 1 0 0; }
    """

    BINDINGS = [
        Binding("space", "toggle", "Pick/unpick", id="prepare.toggle_question"),
        Binding("shift+up,ctrl+up", "move(-1)", "Move up", id="prepare.question_up"),
        Binding("shift+down,ctrl+down", "move(1)", "Move down", id="prepare.question_down"),
        Binding("delete,backspace", "remove", "Remove", id="prepare.question_remove"),
    ]

    class OwnQuestion(Message):
        """The user wrote a question: keep it in their bank."""

        def __init__(self, question: dict[str, Any]) -> None:
            super().__init__()
            self.question = question

    class SaveTemplate(Message):
        """Save the current list under ``name``."""

        def __init__(self, name: str, questions: list[dict[str, Any]]) -> None:
            super().__init__()
            self.name = name
            self.questions = questions

    def __init__(self, bank: QuestionBank, chosen: list[MeetingQuestion], *,
                 templates: list[dict[str, Any]] | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.bank_questions: list[Question] = list(bank.questions)
        self.categories = [(c.title, c.id) for c in bank.categories]
        self.category_titles = dict((cid, title) for title, cid in self.categories)
        self.chosen: list[MeetingQuestion] = list(chosen)
        self.templates: list[dict[str, Any]] = list(templates or [])

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        blink = not self.app.is_headless
        with Horizontal(id="qp-filters"):
            flt = TextInput(placeholder="Filter the bank…", id="qp-filter", compact=True)
            flt.cursor_blink = blink
            yield flt
            yield Select(self.categories, prompt="All categories", id="qp-category", compact=True)
        with Horizontal(id="qp-lists"):
            yield ItemList("Question bank", id="qp-bank")
            yield ItemList("Your questions", empty="None yet: pick some from the bank.",
                           id="qp-chosen")
        yield Static("", id="qp-hint")
        own = TextInput(placeholder="Write your own question; Enter adds it", id="qp-own", compact=True)
        own.cursor_blink = blink
        yield own
        with Horizontal(id="qp-templates"):
            yield Select(self._template_options(), prompt="Use a saved set of questions…", id="qp-template",
                         compact=True)
            name = TextInput(placeholder="Name for this set", id="qp-template-name", compact=True)
            name.cursor_blink = blink
            yield name
            yield Button("Save set", id="qp-save-template", compact=True)

    def on_mount(self) -> None:
        self.refresh_bank()
        self.refresh_chosen()

    def _template_options(self) -> list[tuple[str, str]]:
        return [(str(t.get("name", "?")), str(t.get("id"))) for t in self.templates]

    def set_templates(self, templates: list[dict[str, Any]]) -> None:
        self.templates = list(templates)
        self.query_one("#qp-template", Select).set_options(self._template_options())

    # ------------------------------------------------------------------ lists

    def chosen_keys(self) -> set[str]:
        return {_key(q) for q in self.chosen}

    def visible_bank(self) -> list[Question]:
        words = search_form(self.query_one("#qp-filter", Input).value).split()
        category = self.query_one("#qp-category", Select).value
        out = []
        for q in self.bank_questions:
            if isinstance(category, str) and q.category != category:
                continue
            haystack = search_form(f"{q.text} {self.category_titles.get(q.category, q.category)}")
            if words and not all(w in haystack for w in words):
                continue
            out.append(q)
        return out

    def refresh_bank(self, *, reset: bool = False) -> None:
        picked = self.chosen_keys()
        items = []
        for q in self.visible_bank():
            mark = "✓ " if q.id in picked else "  "
            text = Text(mark, style="bold", no_wrap=True, overflow="ellipsis")
            text.append(one_line(q.text))
            items.append((q.id, text))
        self.query_one("#qp-bank", ItemList).set_items(items, empty="No question matches the filter.", reset=reset)

    def refresh_chosen(self, highlight: int | None = None) -> None:
        items = []
        for i, q in enumerate(self.chosen):
            text = Text(f"{i + 1:>2}. ", style="bold", no_wrap=True, overflow="ellipsis")
            text.append(one_line(q.text))
            items.append((str(i), text))
        chosen = self.query_one("#qp-chosen", ItemList)
        chosen.set_items(items)
        if highlight is not None and self.chosen:
            chosen.highlighted = max(0, min(highlight, len(self.chosen) - 1))
        n = len(self.chosen)
        hint = self.query_one("#qp-hint", Static)
        if n == 0:
            hint.update("Pick about ten questions: space or Enter in the bank picks one.")
        elif n > 14:
            hint.update(f"{n} picked: that is a lot for one meeting; keep the ones that matter most.")
        else:
            hint.update(f"{n} picked · about ten is right · space picks, shift+↑↓ reorders, del removes")
        hint.set_class(n > 14 or n == 0, "-warn")

    # ------------------------------------------------------------------ editing

    def toggle(self, question_id: str) -> None:
        q = next((q for q in self.bank_questions if q.id == question_id), None)
        if q is None:
            return
        existing = next((i for i, c in enumerate(self.chosen) if c.question_id == question_id), None)
        if existing is None:
            self.chosen.append(MeetingQuestion(text=q.text, question_id=q.id, category=q.category))
        else:
            del self.chosen[existing]
        self.refresh_bank()
        self.refresh_chosen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        focused = self.screen.focused
        fid = focused.id if focused is not None else None
        if action == "toggle":
            return fid in ("qp-bank", "qp-chosen")
        if action in ("move", "remove"):
            return fid == "qp-chosen"
        return True

    def action_toggle(self) -> None:
        focused = self.screen.focused
        if not isinstance(focused, ItemList) or focused.highlighted_id is None:
            return
        if focused.id == "qp-bank":
            self.toggle(focused.highlighted_id)
        else:
            self.action_remove()

    def action_move(self, step: int) -> None:
        lst = self.query_one("#qp-chosen", ItemList)
        if lst.highlighted_id is None:
            return
        i = int(lst.highlighted_id)
        j = i + step
        if not 0 <= j < len(self.chosen):
            return
        self.chosen[i], self.chosen[j] = self.chosen[j], self.chosen[i]
        self.refresh_chosen(highlight=j)

    def action_remove(self) -> None:
        lst = self.query_one("#qp-chosen", ItemList)
        if lst.highlighted_id is None:
            return
        i = int(lst.highlighted_id)
        del self.chosen[i]
        self.refresh_bank()
        self.refresh_chosen(highlight=i)

    @on(OptionList.OptionSelected, "#qp-bank")
    def _bank_enter(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.toggle(event.option.id)

    @on(OptionList.OptionSelected, "#qp-chosen")
    def _chosen_enter(self, event: OptionList.OptionSelected) -> None:
        event.stop()

    @on(Input.Changed, "#qp-filter")
    @on(Select.Changed, "#qp-category")
    def _filter_changed(self, event: Message) -> None:
        event.stop()
        self.refresh_bank(reset=True)

    @on(Input.Submitted, "#qp-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#qp-bank", ItemList).focus()

    @on(Input.Submitted, "#qp-own")
    def _own_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        existing = find_question(self.bank_questions, text)
        if existing is None:
            used = {q.id for q in self.bank_questions}
            n = sum(1 for q in self.bank_questions if q.own) + 1
            while f"own-{n:03d}" in used:
                n += 1
            data = {"id": f"own-{n:03d}", "category": OWN_CATEGORY, "text": text}
            existing = Question.model_validate({**data, "own": True})
            self.bank_questions.append(existing)
            if OWN_CATEGORY not in self.category_titles:
                self.category_titles[OWN_CATEGORY] = "My questions"
                self.categories.append(("My questions", OWN_CATEGORY))
                self.query_one("#qp-category", Select).set_options(self.categories)
            self.post_message(self.OwnQuestion(data))
        if existing.id not in self.chosen_keys():
            self.chosen.append(MeetingQuestion(text=existing.text, question_id=existing.id,
                                               category=existing.category))
        event.input.value = ""
        self.refresh_bank()
        self.refresh_chosen(highlight=len(self.chosen) - 1)

    # ------------------------------------------------------------------ templates

    @on(Select.Changed, "#qp-template")
    def _template_chosen(self, event: Select.Changed) -> None:
        event.stop()
        doc = next((t for t in self.templates if str(t.get("id")) == event.value), None)
        if doc is None:
            return
        self.chosen = [MeetingQuestion.model_validate(q) for q in doc.get("questions", [])]
        self.query_one("#qp-template-name", Input).value = str(doc.get("name", ""))
        self.refresh_bank()
        self.refresh_chosen(highlight=0)

    @on(Button.Pressed, "#qp-save-template")
    @on(Input.Submitted, "#qp-template-name")
    def _save_template(self, event: Message) -> None:
        event.stop()
        name = self.query_one("#qp-template-name", Input).value.strip()
        hint = self.query_one("#qp-hint", Static)
        if not name:
            hint.update("Type a name for the set first, then save it.")
            hint.add_class("-warn")
            self.query_one("#qp-template-name", Input).focus()
            return
        if not self.chosen:
            hint.update("Pick some questions first, then save them as a set.")
            hint.add_class("-warn")
            return
        questions = [{"text": q.text, "question_id": q.question_id, "category": q.category} for q in self.chosen]
        self.post_message(self.SaveTemplate(name, questions))
