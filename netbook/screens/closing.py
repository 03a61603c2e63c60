"""Closing checklist: the asks to make before the meeting ends (ctrl+l from the live meeting).

Built by :func:`netbook.domain.closing_checklist.build_checklist` from the meeting's one session (shared
with the live meeting and the summary) each time it opens, so names tagged since last
time show up and nothing recorded is lost. Every change goes to the session's saver (off
the UI thread); escape / ctrl+l write it now and go back to the notes.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static

from netbook.domain.closing_checklist import (
    ASK_LABELS,
    CHANNEL_LABELS,
    ask_for,
    build_checklist,
    cycle_tristate,
    describe_ask,
    mark_asked,
    next_channel,
    open_asks,
    record_outcome,
    set_channel,
    set_intro,
    set_may_use_name,
    suggested_mentions,
)
from netbook.domain.dates import DATE_HINT, parse_date
from netbook.domain.display_text import one_line
from netbook.domain.models import Ask, AskKind, AskOutcome, AskStatus, Meeting, MentionKind
from netbook.domain.meeting_session import MeetingSession
from netbook.domain.meeting_wrapup import decline_leads
from netbook.widgets.ask_list import AskList
from netbook.widgets.text_input import TextInput

PERSON_ONLY = "only for a person you were told about"


class ClosingScreen(Screen[None]):
    HELP_TITLE = "Closing checklist"

    DEFAULT_CSS = """
    ClosingScreen #closing-head { height: 1; padding: 0 1; background: $panel; }
    ClosingScreen #asks { border: none; padding: 0 1; }
    ClosingScreen #asks:focus { border: none; }
    ClosingScreen #ask-detail { height: auto; max-height: 4; padding: 0 1; background: $panel; color: $text-muted; }
    ClosingScreen #closing-input { display: none; margin: 0 1; }
    ClosingScreen.-editing #closing-input { display: block; }
    ClosingScreen.-editing #ask-detail { display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back to notes", id="closing.back"),
        Binding("ctrl+l", "back_to_notes", "Back to notes", id="closing.back_ctrl_l", show=False),
        Binding("space", "toggle_asked", "Asked", id="closing.asked"),
        Binding("y", "outcome('yes')", "Yes", id="closing.yes"),
        Binding("n", "outcome('no')", "No", id="closing.no"),
        Binding("l", "outcome('later')", "Later", id="closing.later"),
        Binding("a", "edit_answer", "Answer", id="closing.answer"),
        Binding("c", "channel", "Channel", id="closing.channel"),
        Binding("u", "use_name", "Use name", id="closing.use_name"),
        Binding("i", "intro", "Intro", id="closing.intro"),
        Binding("b", "intro_by", "Intro by…", id="closing.intro_by"),
        Binding("ctrl+g", "end_meeting", "End meeting", id="closing.end"),
    ]

    _last_highlight: ClassVar[dict[str, str]] = {}

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.session: MeetingSession | None = None
        self.contact_name: str | None = None
        self._editing: str | None = None  # "answer" | "intro_by"

    @property
    def meeting(self) -> Meeting | None:
        return self.session.meeting if self.session is not None else None

    # ------------------------------------------------------------------ setup

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static("", id="closing-head")
        yield AskList(id="asks")
        yield Static("", id="ask-detail")
        yield TextInput(id="closing-input", select_on_focus=False)
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.session = self.app.session_for(self.meeting_id)
        except Exception as exc:  # noqa: BLE001 - a missing or corrupt file: say so, go back
            self.app.say(f"Could not open the checklist: {exc}", severity="error")
            self.dismiss()
            return
        self.contact_name = self.session.contact_name
        self.sub_title = f"Closing — {one_line(self.contact_name) or '?'}"
        if self.app.is_headless:
            self.query_one(Input).cursor_blink = False
        if self._rebuild():
            self.session.changed(by_user=False)
        self._refresh(keep=self._last_highlight.get(self.meeting_id))
        self.query_one(AskList).focus()

    def on_unmount(self) -> None:
        if self.session is not None:
            self.app.release_session(self.session)  # the last one to hold it writes what is pending

    # ------------------------------------------------------------------ saving

    def _rebuild(self) -> bool:
        """The asks as the mentions and outcomes now call for; True if they changed."""
        meeting = self.meeting
        assert meeting is not None
        before = [a.model_dump() for a in meeting.asks]
        meeting.asks = build_checklist(meeting, contact_name=self.contact_name, existing=meeting.asks, bank=self.app.bank)
        return [a.model_dump() for a in meeting.asks] != before

    def _flush(self) -> None:
        if self.session is not None:
            self.session.save_now()

    def _changed(self, *, refresh: bool = True) -> None:
        assert self.session is not None
        self.session.changed()
        if refresh:
            self._refresh()

    # ------------------------------------------------------------------ display

    def _refresh(self, keep: str | None = None) -> None:
        meeting = self.meeting
        assert meeting is not None
        asks_list = self.query_one(AskList)
        asks_list.show(meeting.asks, meeting.mentions, suggested_mentions(meeting, self.contact_name))
        if keep:
            asks_list.restore(keep)
        left = len(open_asks(meeting.asks))
        head = Text()
        head.append(one_line(self.contact_name) or "?", style="bold")
        head.append(f" — {left} of {len(meeting.asks)} asks open", style="bold yellow" if left else "bold green")
        waiting = len(suggested_mentions(meeting, self.contact_name))
        if waiting:
            head.append(f" · {waiting} suggested name{'s' if waiting != 1 else ''} to confirm", style="dim")
        head.append("  (F1: keys)", style="dim")
        self.query_one("#closing-head", Static).update(head)
        self._show_detail()

    def _show_detail(self) -> None:
        ask = self.current_ask()
        text = Text()
        if ask is None:
            mention = self.current_suggestion()
            if mention is not None:
                text.append("Suggested by the detector. y confirms it; it then gets its own asks.")
        else:
            text.append(ASK_LABELS[ask.kind], style="bold")
            said = describe_ask(ask)
            text.append(f": {one_line(said)}" if said else ": not asked yet")
            person = self._person_asks(ask)
            if person:
                fields = self._lead_fields(person)
                if fields:
                    text.append("\n" + fields)
        self.query_one("#ask-detail", Static).update(text)

    def _lead_fields(self, person: dict[AskKind, Ask]) -> str:
        bits = []
        channel = person.get(AskKind.CHANNEL)
        bits.append(f"channel: {CHANNEL_LABELS[channel.channel] if channel and channel.channel else '—'}")
        name = person.get(AskKind.USE_NAME)
        value = name.may_use_name if name else None
        bits.append(f"use my name: {'—' if value is None else 'yes' if value else 'no'}")
        intro = person.get(AskKind.INTRODUCE)
        if intro and intro.intro_promised:
            bits.append(f"intro: promised{f' by {intro.intro_by:%a %d %b}' if intro.intro_by else ''}")
        else:
            bits.append(f"intro: {'no' if intro and intro.intro_promised is False else '—'}")
        return " · ".join(bits)

    @on(OptionList.OptionHighlighted, "#asks")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._last_highlight[self.meeting_id] = event.option.id
        self._show_detail()

    @on(OptionList.OptionSelected, "#asks")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if self.current_suggestion() is not None:
            self.action_outcome("yes")
        else:
            self.action_edit_answer()

    # ------------------------------------------------------------------ lookup

    def current_ask(self) -> Ask | None:
        option_id = self.query_one(AskList).current_id
        if not option_id or not option_id.startswith("ask:") or self.meeting is None:
            return None
        ask_id = option_id[4:]
        return next((a for a in self.meeting.asks if a.id == ask_id), None)

    def current_suggestion(self):
        option_id = self.query_one(AskList).current_id
        if not option_id or not option_id.startswith("mention:") or self.meeting is None:
            return None
        return next((m for m in self.meeting.mentions if m.id == option_id[8:]), None)

    def _person_asks(self, ask: Ask) -> dict[AskKind, Ask]:
        if ask.subject is None or ask.kind is AskKind.SOMEONE_AT_ORG or self.meeting is None:
            return {}
        return {
            kind: found
            for kind in (AskKind.GOOD_PERSON, AskKind.CHANNEL, AskKind.USE_NAME, AskKind.INTRODUCE)
            if (found := ask_for(self.meeting.asks, kind, ask.subject)) is not None
        }

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._editing and action not in ("back", "back_to_notes", "end_meeting"):
            return False
        return True

    def action_toggle_asked(self) -> None:
        ask = self.current_ask()
        if ask is None:
            return
        mark_asked(ask, ask.status is AskStatus.OPEN)
        self._changed()

    def action_outcome(self, value: str) -> None:
        suggestion = self.current_suggestion()
        if suggestion is not None and self.session is not None:
            if value == "yes":
                self.session.mentions.confirm(suggestion.key)  # the one path: its organization is confirmed too
                self._rebuild()
                kind = "person" if suggestion.kind is MentionKind.PERSON else "organization"
                self.app.say(f"Confirmed {suggestion.name} ({kind})", timeout=3)
                self._changed()
            return
        ask = self.current_ask()
        if ask is None:
            return
        record_outcome(ask, AskOutcome(value))
        if ask.kind is AskKind.GOOD_PERSON:
            self._rebuild()  # a no drops the rest of that person's asks; changing it back restores them
            if ask.outcome is AskOutcome.NO and not self.app.store.read_only:
                self._decline_leads(self.meeting.model_copy(deep=True))
        self._changed()

    @work(thread=True, group="closing-book")
    def _decline_leads(self, meeting: Meeting) -> None:
        """A no is no lead, in the contact book too, at once (not only when the meeting ends)."""
        try:
            decline_leads(self.app.store, meeting)
        except Exception as exc:  # noqa: BLE001 - reported; the wrap-up tries again
            self.app.report_save_failure(f"Could not update the contact book: {exc}")

    def action_channel(self) -> None:
        person = self._person_or_warn()
        if person and (ask := person.get(AskKind.CHANNEL)):
            set_channel(ask, next_channel(ask.channel))
            self._changed()

    def action_use_name(self) -> None:
        person = self._person_or_warn()
        if person and (ask := person.get(AskKind.USE_NAME)):
            set_may_use_name(ask, cycle_tristate(ask.may_use_name))
            if ask.may_use_name is None:
                ask.outcome = AskOutcome.NONE
            self._changed()

    def action_intro(self) -> None:
        person = self._person_or_warn()
        if person and (ask := person.get(AskKind.INTRODUCE)):
            value = cycle_tristate(ask.intro_promised)
            set_intro(ask, value, ask.intro_by)
            if value is None:
                ask.outcome = AskOutcome.NONE
            self._changed()

    def action_intro_by(self) -> None:
        person = self._person_or_warn()
        if person and (ask := person.get(AskKind.INTRODUCE)):
            current = f"{ask.intro_by:%Y-%m-%d}" if ask.intro_by else ""
            self._open_input("intro_by", current, "Intro by when? by Friday, next Tue, +3, 13/3, 2026-03-13 — enter saves, esc cancels")

    def action_edit_answer(self) -> None:
        ask = self.current_ask()
        if ask is None:
            return
        self._open_input("answer", ask.answer, "Short answer, e.g. e-mail; use my name; she'll intro by Friday")

    def _person_or_warn(self) -> dict[AskKind, Ask] | None:
        ask = self.current_ask()
        person = self._person_asks(ask) if ask else {}
        if not person:
            self.app.say(f"Channel, name and intro are {PERSON_ONLY}.", timeout=3)
            return None
        return person

    def _open_input(self, mode: str, value: str, placeholder: str) -> None:
        self._editing = mode
        field = self.query_one(Input)
        field.placeholder = placeholder
        field.value = value
        field.cursor_position = len(value)
        self.add_class("-editing")
        field.focus()
        self.refresh_bindings()

    def _close_input(self) -> None:
        self._editing = None
        self.remove_class("-editing")
        self.query_one(AskList).focus()
        self.refresh_bindings()

    @on(Input.Submitted, "#closing-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._commit_input()
        self._close_input()

    def _commit_input(self) -> bool:
        """Store what is typed in the field; False if a date could not be read."""
        ask = self.current_ask()
        value = self.query_one(Input).value
        if ask is None or self._editing is None:
            return True
        if self._editing == "answer":
            if value != ask.answer:
                ask.answer = value
                if value.strip():
                    ask.status = AskStatus.ASKED
                self._changed()
            return True
        person = self._person_asks(ask)
        intro = person.get(AskKind.INTRODUCE)
        if intro is None:
            return True
        if not value.strip():
            intro.intro_by = None
            self._changed()
            return True
        when = parse_date(value, self.app.clock.today())
        if when is None:
            self.app.say(f"Could not read a date in {value!r}; {DATE_HINT}", severity="warning")
            return False
        set_intro(intro, True, when)
        self._changed()
        return True

    def action_back(self) -> None:
        """Esc: close the field being typed in (keeping what was typed), else back to the notes."""
        if self._editing:
            self._commit_input()
            self._close_input()
            return
        self._leave()

    def action_back_to_notes(self) -> None:
        """ctrl+l: back to the notes at once, keeping anything half typed."""
        if self._editing:
            self._commit_input()
            self._close_input()
        self._leave()

    def _leave(self) -> None:
        self._flush()
        self.dismiss()

    def action_end_meeting(self) -> None:
        if self._editing:
            self._commit_input()
            self._close_input()
        assert self.session is not None
        self.session.end(self.app.clock.now())
        self._flush()
        meeting_id = self.meeting_id
        self.dismiss()
        self.app.open_summary(meeting_id)
