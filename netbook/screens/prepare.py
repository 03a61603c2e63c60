"""Prepare a meeting: who, when, how long, why, and about ten questions.

Start now makes the meeting live and opens the note pad; Save for later stores it as
planned. Problems are shown under the field concerned, and nothing is written until
every field is valid. Contacts, organizations and the meeting are written in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Static

from netbook.domain import meeting_lifecycle as meeting_rules
from netbook.domain.dates import parse_moment
from netbook.domain.display_text import visible_text
from netbook.domain.models import Contact, LeadStatus, Meeting, MeetingQuestion, MeetingStatus, normalise_key
from netbook.screens import apply_breakpoints
from netbook.widgets.autocomplete import Autocomplete, Candidate
from netbook.widgets.form_field import FormField
from netbook.widgets.question_picker import QuestionPicker
from netbook.widgets.text_input import TextInput

WHEN_FORMAT = "%Y-%m-%d %H:%M"


def next_half_hour(now: datetime) -> datetime:
    base = now.replace(second=0, microsecond=0)
    if base.minute in (0, 30):
        return base
    return base.replace(minute=0) + timedelta(minutes=30 if base.minute < 30 else 60)


@dataclass
class MeetingPlan:
    """The validated form."""

    name: str
    contact_id: str | None
    role: str
    organization: str
    referrer: str
    referrer_id: str | None
    when: datetime | None
    minutes: int
    goal: str
    questions: list[MeetingQuestion]


class PrepareScreen(Screen[None]):
    HELP_TITLE = "Prepare a meeting"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    DEFAULT_CSS = """
    PrepareScreen #prepare-form { padding: 0 1; }
    PrepareScreen .prepare-heading { text-style: bold; color: $accent; margin: 0 0 1 0; }
    PrepareScreen #prepare-status { display: none; height: auto; color: $error; text-style: bold; }
    PrepareScreen #prepare-status.-shown { display: block; }
    PrepareScreen.-wide FormField { margin: 0 0 1 0; }
    PrepareScreen #prepare-who { height: auto; layout: horizontal; }
    PrepareScreen .prepare-col { height: auto; width: 1fr; }
    PrepareScreen.-narrow .prepare-heading { margin: 0; }
    PrepareScreen.-narrow FormField > Horizontal > .form-label { width: 13; }
    PrepareScreen.-narrow FormField > .form-error { padding: 0 0 0 13; }
    PrepareScreen FormField Input { background: $boost; }
    PrepareScreen FormField Input:focus { background: $surface-lighten-1; }
    PrepareScreen.-narrow QuestionPicker #qp-lists { layout: vertical; height: auto; }
    PrepareScreen.-narrow QuestionPicker #qp-lists ItemList { width: 100%; height: 6; }
    PrepareScreen.-narrow QuestionPicker #qp-lists #qp-chosen { height: auto; max-height: 12; }
    PrepareScreen #prepare-actions { height: auto; margin: 1 0; }
    PrepareScreen #prepare-actions Button { margin: 0 2 0 0; }
    """

    BINDINGS = [
        Binding("ctrl+g", "start", "Start now", id="prepare.start", priority=True),
        Binding("ctrl+s", "save_later", "Save for later", id="prepare.save_later", priority=True),
        Binding("escape", "back", "Back", id="prepare.back"),
    ]

    def __init__(self, *, contact_id: str | None = None, meeting_id: str | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.meeting_id = meeting_id
        self._busy = False
        self._meeting: Meeting | None = None
        self._contact: Contact | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        apply_breakpoints(self)  # before the children exist: only the screen is restyled
        app = self.app
        store = app.store
        blink = not app.is_headless
        meeting = store.load_meeting(self.meeting_id) if self.meeting_id else None
        self._meeting = meeting
        contact = store.get_contact(meeting.contact_id if meeting else self.contact_id)
        self._contact = contact
        referrer = store.get_contact(contact.referred_by_id) if contact else None
        when = (meeting.when() if meeting else None) or next_half_hour(app.clock.now())
        if meeting is not None:
            questions = list(meeting.questions)
        else:
            questions = meeting_rules.default_questions(app.bank)

        def text_input(value: str, placeholder: str, field_id: str, **kw: Any) -> Input:
            widget = TextInput(value=value, placeholder=placeholder, id=field_id, compact=True, **kw)
            widget.cursor_blink = blink
            return widget

        yield Header(show_clock=False)
        with VerticalScroll(id="prepare-form"):
            yield Static(Text("Who and when"), classes="prepare-heading")
            yield Static("", id="prepare-status")
            with Container(id="prepare-who"):
                with Vertical(classes="prepare-col"):
                    yield FormField("Meeting with", Autocomplete(
                        placeholder="A contact, or someone new",
                        value=contact.name if contact else "", id="prep-contact"), id="field-contact")
                    yield FormField("Organization", Autocomplete(
                        placeholder="Company, school…",
                        value=store.organization_name(contact), id="prep-org"), id="field-org")
                    yield FormField("When", text_input(when.strftime(WHEN_FORMAT), "YYYY-MM-DD HH:MM",
                                                       "prep-when"), id="field-when")
                with Vertical(classes="prepare-col"):
                    yield FormField("Role", text_input(contact.role if contact else "", "Their role",
                                                       "prep-role"), id="field-role")
                    yield FormField("Referred by", Autocomplete(
                        placeholder="Who suggested them",
                        value=referrer.name if referrer else "", id="prep-referrer"), id="field-referrer")
                    yield FormField("Minutes", text_input(str(meeting.planned_minutes if meeting else 30), "30",
                                                          "prep-minutes"), id="field-minutes")
            yield FormField("Goal", text_input(meeting.goal if meeting else "",
                                               "What you want from this conversation", "prep-goal"),
                            id="field-goal")
            yield Static(Text("Questions"), classes="prepare-heading")
            yield QuestionPicker(app.bank, questions, id="prepare-questions")
            with Horizontal(id="prepare-actions"):
                yield Button("Start now  ^g", id="prepare-start", variant="primary", compact=True)
                yield Button("Save for later  ^s", id="prepare-save", compact=True)
                yield Button("Back  esc", id="prepare-back", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Prepare a meeting" if self._meeting is None else "Edit a planned meeting"
        if self._contact is None:
            self.query_one("#prep-contact", Autocomplete).input.focus()
        else:
            self.query_one("#prep-goal", Input).focus()
        self._load_candidates()

    @work(thread=True, group="prepare-load")
    def _load_candidates(self) -> None:
        store = self.app.store
        orgs = store.organizations()
        org_names = {o.id: o.name for o in orgs}
        people = [
            Candidate(c.id, c.name, " · ".join(x for x in (c.role, org_names.get(c.organization_id or "", "")) if x))
            for c in store.contacts()
        ]
        organizations = [Candidate(o.id, o.name) for o in orgs]
        templates = store.templates()
        self.app.call_from_thread(self._set_candidates, people, organizations, templates)

    def _set_candidates(self, people: list[Candidate], orgs: list[Candidate], templates: list[dict]) -> None:
        self.query_one("#prep-contact", Autocomplete).set_candidates(people)
        self.query_one("#prep-referrer", Autocomplete).set_candidates(people)
        self.query_one("#prep-org", Autocomplete).set_candidates(orgs)
        self.query_one(QuestionPicker).set_templates(templates)

    # ------------------------------------------------------------------ filling in

    @on(Autocomplete.Picked, "#prep-contact")
    def _contact_picked(self, event: Autocomplete.Picked) -> None:
        """Picking a known contact fills in what the book knows about them (never over typed text)."""
        store = self.app.store
        contact = store.get_contact(event.candidate.id)
        if contact is None:
            return
        role = self.query_one("#prep-role", Input)
        if not role.value.strip():
            role.value = contact.role
        org = self.query_one("#prep-org", Autocomplete)
        if not org.value.strip():
            org.value = store.organization_name(contact)
        referrer = self.query_one("#prep-referrer", Autocomplete)
        ref = store.get_contact(contact.referred_by_id)
        if ref and not referrer.value.strip():
            referrer.value = ref.name

    @on(Input.Submitted, "FormField Input")
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    # ------------------------------------------------------------------ validation

    def _validate(self, *, need_when: bool) -> MeetingPlan | None:
        fields = {f.id: f for f in self.query(FormField)}
        for f in fields.values():
            f.set_error(None)
        errors: list[tuple[str, str]] = []
        contact_box = self.query_one("#prep-contact", Autocomplete)
        name = " ".join(contact_box.value.split())
        if not name:
            errors.append(("field-contact", "Who are you meeting? Type their name."))
        minutes_text = self.query_one("#prep-minutes", Input).value.strip()
        minutes = 0
        try:
            minutes = int(minutes_text)
        except ValueError:
            errors.append(("field-minutes", "Planned minutes: a whole number, e.g. 30."))
        else:
            if not 1 <= minutes <= 24 * 60:
                errors.append(("field-minutes", "Planned minutes must be between 1 and 1440."))
        when_text = self.query_one("#prep-when", Input).value
        when = parse_moment(when_text, self.app.clock.today())
        if when is None and (need_when or when_text.strip()):
            errors.append(("field-when", "Use YYYY-MM-DD HH:MM, e.g. 2026-03-12 09:30 (or fri 2pm, tomorrow 10:00)."))
        referrer_box = self.query_one("#prep-referrer", Autocomplete)
        referrer = " ".join(referrer_box.value.split())
        if referrer and name and referrer.casefold() == name.casefold():
            errors.append(("field-referrer", "Someone cannot refer you to themselves."))
        status = self.query_one("#prepare-status", Static)
        if errors:
            for field_id, message in errors:
                fields[field_id].set_error(message)
            n = len(errors)
            status.update(Text(f"Fix the {n} field{'s' if n > 1 else ''} marked below."))
            status.add_class("-shown")
            first = fields[errors[0][0]]
            target = first.control.input if isinstance(first.control, Autocomplete) else first.control
            target.focus()
            first.scroll_visible()
            return None
        status.update("")
        status.remove_class("-shown")
        picked = contact_box.exact()
        if picked is None and self._contact is not None and \
                normalise_key(self._contact.name) == normalise_key(name):
            picked = Candidate(self._contact.id, self._contact.name)
        ref_pick = referrer_box.exact()
        return MeetingPlan(
            name=name,
            contact_id=picked.id if picked else None,
            role=self.query_one("#prep-role", Input).value.strip(),
            organization=" ".join(self.query_one("#prep-org", Autocomplete).value.split()),
            referrer=referrer,
            referrer_id=ref_pick.id if ref_pick else None,
            when=when,
            minutes=minutes,
            goal=self.query_one("#prep-goal", Input).value.strip(),
            questions=list(self.query_one(QuestionPicker).chosen),
        )

    # ------------------------------------------------------------------ actions

    def action_start(self) -> None:
        self._commit(start=True)

    def action_save_later(self) -> None:
        self._commit(start=False)

    def action_back(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#prepare-start")
    def _start_pressed(self) -> None:
        self._commit(start=True)

    @on(Button.Pressed, "#prepare-save")
    def _save_pressed(self) -> None:
        self._commit(start=False)

    @on(Button.Pressed, "#prepare-back")
    def _back_pressed(self) -> None:
        self.action_back()

    def _commit(self, *, start: bool) -> None:
        if self._busy:
            return
        plan = self._validate(need_when=not start)
        if plan is None:
            return
        if self.app.store.read_only:
            self.query_one("#prepare-status", Static).update(
                Text("This data dir is open read-only (another netbook has it); nothing can be saved."))
            return
        self._busy = True
        self._write(plan, start)

    @work(thread=True, exclusive=True, group="prepare-save")
    def _write(self, plan: MeetingPlan, start: bool) -> None:
        try:
            meeting_id, who = self._store_plan(plan, start)
        except Exception as exc:  # noqa: BLE001 - shown, the form stays as typed
            self.app.call_from_thread(self._failed, f"Could not save: {exc}")
            return
        self.app.call_from_thread(self._done, meeting_id, who, plan, start)

    def _store_plan(self, plan: MeetingPlan, start: bool) -> tuple[str, str]:
        store = self.app.store
        now = self.app.clock.now()
        contact = store.get_contact(plan.contact_id) if plan.contact_id else None
        contact = contact or store.find_contact(plan.name) or Contact(name=plan.name, created_at=now)
        if plan.role:
            contact.role = plan.role
        if plan.organization:
            contact.organization_id = store.ensure_organization(plan.organization).id
        if plan.referrer:
            ref = store.get_contact(plan.referrer_id) if plan.referrer_id else None
            ref = ref or store.find_contact(plan.referrer)
            if ref is None:
                ref = store.save_contact(Contact(name=plan.referrer, created_at=now))
            if ref.id != contact.id:
                contact.referred_by_id = ref.id
        if start:
            if contact.lead_status is not None:
                contact.lead_status = LeadStatus.MET
            contact.last_contact = now.date()
        elif contact.lead_status is LeadStatus.TO_CONTACT:
            contact.lead_status = LeadStatus.CONTACTED
        store.save_contact(contact)

        meeting = store.load_meeting(self.meeting_id) if self.meeting_id else Meeting(contact_id=contact.id)
        previous = {(q.question_id, q.text): q for q in meeting.questions}
        meeting.contact_id = contact.id
        meeting.planned_minutes = plan.minutes
        meeting.goal = plan.goal
        meeting.questions = [previous.get((q.question_id, q.text), q) for q in plan.questions]
        if start:
            meeting.scheduled_at = meeting.scheduled_at or plan.when or now
            meeting_rules.start(meeting, now)
        else:
            meeting.scheduled_at = plan.when
            meeting.status = MeetingStatus.PLANNED
        store.save_meeting(meeting, now=now)
        return meeting.id, contact.name

    def _failed(self, message: str) -> None:
        self._busy = False
        status = self.query_one("#prepare-status", Static)
        status.update(Text(visible_text(message, keep_newlines=True)))
        status.add_class("-shown")

    def _done(self, meeting_id: str, who: str, plan: MeetingPlan, start: bool) -> None:
        self._busy = False
        app = self.app
        app.pop_screen()
        if start:
            app.open_meeting(meeting_id)
        else:
            when = f" on {plan.when:%a %b} {plan.when.day} at {plan.when:%H:%M}" if plan.when else ""
            app.say(f"Saved for later: meeting with {who}{when}.", timeout=5)

    # ------------------------------------------------------------------ your own questions, templates

    @on(QuestionPicker.OwnQuestion)
    def _own_question(self, event: QuestionPicker.OwnQuestion) -> None:
        self._save_own_question(event.question)

    @work(thread=True, group="prepare-library")
    def _save_own_question(self, question: dict[str, Any]) -> None:
        try:
            self.app.store.add_user_question(question)
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.app.say, f"Could not keep your question: {exc}",
                                      severity="error")
            return
        self.app.call_from_thread(self.app.reload_bank)

    @on(QuestionPicker.SaveTemplate)
    def _save_template(self, event: QuestionPicker.SaveTemplate) -> None:
        self._write_template(event.name, event.questions)

    @work(thread=True, group="prepare-library")
    def _write_template(self, name: str, questions: list[dict[str, Any]]) -> None:
        store = self.app.store
        try:
            store.save_template(name, questions)
            templates = store.templates()
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.app.say, f"Could not save the set: {exc}",
                                      severity="error")
            return

        def shown() -> None:
            self.query_one(QuestionPicker).set_templates(templates)
            self.app.say(f"Saved the set “{name}” ({len(questions)} questions).", timeout=4)

        self.app.call_from_thread(shown)
