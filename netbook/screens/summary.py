"""Summary: the end-of-meeting screen (ctrl+g in the live meeting ends it and opens this).

It edits the meeting's one session (shared with the live meeting and the checklist). On
opening it runs :func:`netbook.domain.meeting_wrapup.finish_meeting` on a copy in a worker — checklist,
lead contacts, follow-ups — and the session takes the result; that is idempotent, so a
reopened and re-ended meeting updates without duplicates. Then it shows who / when / how
long, the questions, every person and organization with the outcome of each ask, the new
leads, the follow-ups (done / snooze), the drafted e-mails (copy) and exports Markdown
with one key.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from netbook.domain.closing_checklist import ASK_LABELS, CHANNEL_LABELS, PERSON_KINDS, ask_for, describe_ask, leads, people_outcomes
from netbook.domain.display_text import one_line, visible_text
from netbook.domain.drafts import drafts_for_export, mark_sent, meeting_drafts
from netbook.domain.export import meeting_markdown
from netbook.domain.followups import FollowUpAction, apply
from netbook.domain.meeting_lifecycle import elapsed_seconds, format_elapsed, questions_asked, questions_not_asked
from netbook.domain.models import (
    AskKind,
    AskOutcome,
    Contact,
    LeadStatus,
    Meeting,
    MeetingStatus,
    MentionKind,
    MentionStatus,
)
from netbook.domain.contact_editing import log_contact
from netbook.domain.meeting_session import MeetingSession
from netbook.storage.files import atomic_write_bytes, ensure_private_dir
from netbook.widgets.draft_view import DraftView
from netbook.widgets.followup_list import FollowUpList
from netbook.domain.meeting_wrapup import WrapUp, finish_meeting, refresh_checklist

OUTCOME_STYLES = {AskOutcome.YES: "bold green", AskOutcome.NO: "bold red", AskOutcome.LATER: "bold yellow"}


def export_filename(meeting: Meeting, contact_name: str) -> str:
    when = meeting.when()
    slug = re.sub(r"[^a-z0-9]+", "-", contact_name.casefold().encode("ascii", "ignore").decode()).strip("-")[:40]
    return f"{when:%Y-%m-%d}-{slug or 'meeting'}-{meeting.id}.md" if when else f"{slug or 'meeting'}-{meeting.id}.md"


def _outcome(text: Text, ask) -> None:
    said = describe_ask(ask) if ask is not None else ""
    if not said:
        text.append("not asked", style="dim")
    elif ask.outcome is not AskOutcome.NONE:
        head, _, rest = said.partition(" · ")
        text.append(head, style=OUTCOME_STYLES[ask.outcome])
        if rest:
            text.append(" · " + one_line(rest))
    else:
        text.append(one_line(said))


def report_text(meeting: Meeting, contact: Contact | None, org: str, wrap: WrapUp | None, store, now: datetime) -> Text:
    """Everything but the follow-ups and drafts, as one Text (user text never parsed)."""
    name = contact.name if contact else "(unknown contact)"
    t = Text()
    t.append(one_line(name), style="bold")
    if contact and contact.role:
        t.append(f" · {one_line(contact.role)}")
    if org:
        t.append(f" · {one_line(org)}")
    t.append("\n")
    when = meeting.when()
    if when:
        t.append(f"{when:%a %d %b %Y %H:%M}")
    took = format_elapsed(elapsed_seconds(meeting, now)) if meeting.started_at else "—"
    t.append(f" · planned {meeting.planned_minutes} min · took {took}")
    if meeting.status is not MeetingStatus.ENDED:
        t.append(" · still open", style="bold yellow")
    t.append("\n")
    if meeting.goal:
        t.append("Goal: ", style="bold")
        t.append(one_line(meeting.goal) + "\n")

    _append_questions(t, meeting)
    _append_people(t, meeting, contact)
    _append_leads(t, wrap, name)
    return t


def _append_questions(t: Text, meeting: Meeting) -> None:
    asked, not_asked = questions_asked(meeting), questions_not_asked(meeting)
    t.append(f"\nQuestions — {len(asked)} asked, {len(not_asked)} not\n", style="bold underline")
    for q in asked:
        t.append("  ✓ ", style="green")
        t.append(one_line(q.text))
        if q.answer:
            t.append(f" — {one_line(q.answer)}", style="italic")
        t.append("\n")
    for q in not_asked:
        t.append("  · ", style="dim")
        t.append(one_line(q.text) + "\n", style="dim")


def _append_people(t: Text, meeting: Meeting, contact: Contact | None) -> None:
    """Who was tagged and what each ask about them got; the standing asks."""
    people = people_outcomes(meeting, contact.name if contact else None)
    orgs = [
        m for m in meeting.mentions if m.kind is MentionKind.ORGANIZATION and m.status is MentionStatus.CONFIRMED
    ]
    t.append("\nPeople and organizations\n", style="bold underline")
    if not people and not orgs:
        t.append("  nobody was tagged\n", style="dim")
    for info in people:
        t.append("  " + one_line(info.mention.name), style="bold")
        if info.organization:
            t.append(f" · {one_line(info.organization)}")
        t.append("\n")
        for kind in PERSON_KINDS:
            t.append(f"    {ASK_LABELS[kind]} ", style="dim")
            _outcome(t, ask_for(meeting.asks, kind, info.mention.key))
            t.append("\n")
    for m in orgs:
        t.append("  " + one_line(m.name), style="bold")
        ask = ask_for(meeting.asks, AskKind.SOMEONE_AT_ORG, m.key)
        if ask is None:
            t.append("  (people named there)\n", style="dim")
            continue
        t.append(f"\n    {ASK_LABELS[AskKind.SOMEONE_AT_ORG]} ", style="dim")
        _outcome(t, ask)
        t.append("\n")
    standing = [a for a in meeting.asks if a.subject is None]
    if standing:
        t.append("\nBefore you went\n", style="bold underline")
        for ask in standing:
            t.append(f"  {ASK_LABELS[ask.kind]}: ", style="dim")
            _outcome(t, ask)
            t.append("\n")


def _append_leads(t: Text, wrap: WrapUp | None, name: str) -> None:
    """The leads this meeting made: who suggested them, the channel, may-use-name, the intro."""
    t.append("\nNew leads\n", style="bold underline")
    found = wrap.leads if wrap else []
    if not found:
        t.append("  none yet — a yes to “good person to talk to?” makes one\n", style="dim")
    for info in found:
        lead = wrap.lead_contacts.get(info.mention.key) if wrap else None
        t.append("  " + one_line(info.mention.name), style="bold")
        bits = [f"suggested by {one_line(name)}"]
        if info.organization:
            bits.insert(0, f"at {one_line(info.organization)}")
        channel = lead.preferred_channel if lead and lead.preferred_channel else info.channel
        bits.append(CHANNEL_LABELS[channel] if channel else "channel not set")
        bits.append(
            "may use the name" if info.may_use_name else "don't use the name" if info.may_use_name is False else "name not cleared"
        )
        if info.intro_promised:
            bits.append(f"intro promised{f' by {info.intro_by:%a %d %b}' if info.intro_by else ''}")
        if lead and lead.lead_status and lead.lead_status is not LeadStatus.TO_CONTACT:
            bits.append(lead.lead_status.value.replace("_", " "))
        t.append(" — " + " · ".join(bits) + "\n")


class SummaryScreen(Screen[None]):
    HELP_TITLE = "Meeting summary"

    DEFAULT_CSS = """
    SummaryScreen #summary-body { height: 1fr; }
    SummaryScreen #report { width: 1fr; padding: 0 1; border: none; border-left: thick $border-blurred; }
    SummaryScreen #report:focus { border-left: thick $border; }
    SummaryScreen #side { width: 1fr; }
    SummaryScreen .section { padding: 0 1; color: $text-accent; text-style: bold; background: $panel; width: 100%; }
    SummaryScreen FollowUpList { padding: 0 1; border: none; border-left: thick $border-blurred; }
    SummaryScreen FollowUpList:focus { border: none; border-left: thick $border; }
    SummaryScreen DraftView { border: none; border-left: thick $border-blurred; }
    SummaryScreen DraftView:focus { border: none; border-left: thick $border; }
    SummaryScreen.-narrow #summary-body { layout: vertical; }
    SummaryScreen.-narrow #report { width: 100%; height: 1fr; }
    SummaryScreen.-narrow #side { width: 100%; height: 2fr; }
    SummaryScreen.-narrow FollowUpList { max-height: 40%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "toggle_done", "Done", id="summary.done"),
        Binding("s", "snooze", "Snooze", id="summary.snooze"),
        Binding("c", "copy_draft", "Copy draft", id="summary.copy"),
        Binding("m", "mark_sent", "Mark sent", id="summary.mark_sent", show=False),  # the drafts heading says so
        Binding("left_square_bracket", "draft(-1)", "Prev draft", id="summary.prev_draft", show=False),
        Binding("right_square_bracket", "draft(1)", "Next draft", id="summary.next_draft", show=False),
        Binding("e", "export", "Export .md", id="summary.export"),
        Binding("r", "reopen", "Reopen", id="summary.reopen"),
        Binding("h", "home", "Home", id="summary.home"),
        Binding("escape", "home", "Home", id="summary.home_escape", show=False),
    ]

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.session: MeetingSession | None = None
        self.meeting: Meeting | None = None  # the session's meeting, once wrapped up
        self.wrap: WrapUp | None = None
        self.ready = False
        self.last_export: Path | None = None
        self.report = Text()  # what the left pane shows, kept for tests and copy

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="summary-body"):
            with VerticalScroll(id="report", can_focus=True):
                yield Static(Text("Wrapping up…", style="dim"), id="report-text")
            with Vertical(id="side"):
                yield Label("Follow-ups  (d done · s snooze)", classes="section")
                yield FollowUpList(id="followups")
                yield Label("Drafted e-mails  (c copy · m sent · e export)", classes="section")
                yield DraftView(id="drafts")
        yield Footer()

    def on_mount(self) -> None:
        self._narrow(self.app.size.width)
        self.sub_title = "Summary"
        try:
            self.session = self.app.session_for(self.meeting_id)
        except Exception as exc:  # noqa: BLE001 - a missing or corrupt file: show it, never crash
            self._failed(exc)
            return
        self._wrap_up(self.session.meeting.model_copy(deep=True, update={"notes": self.session.notes()}))

    def on_unmount(self) -> None:
        if self.session is not None:
            self.app.release_session(self.session)  # the last one to hold it writes what is pending

    def on_resize(self, event: Resize) -> None:
        self._narrow(event.size.width)

    def _narrow(self, width: int) -> None:
        self.set_class(width < 100, "-narrow")

    # ------------------------------------------------------------------ wrap-up (worker)

    @work(thread=True, exclusive=True, group="summary-wrap")
    def _wrap_up(self, meeting: Meeting) -> None:
        """On a copy: the session's meeting is only changed on the UI thread (in :meth:`_show`)."""
        store = self.app.store
        try:
            if store.read_only:  # show what can be worked out, write nothing
                refresh_checklist(store, meeting, self.app.bank)
                contact = store.get_contact(meeting.contact_id)
                found = leads(meeting, contact.name if contact else None)
                wrap = WrapUp(meeting=meeting, leads=found)
            else:
                wrap = finish_meeting(
                    store, meeting, rules=self.app.config.followups, now=self.app.clock.now(), bank=self.app.bank
                )
        except Exception as exc:  # noqa: BLE001 - show it, never crash the screen
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._show, wrap)

    def _failed(self, exc: Exception) -> None:
        self.query_one("#report-text", Static).update(Text(visible_text(f"Could not wrap up this meeting: {exc}", keep_newlines=True)))
        self.app.say(f"could not wrap up: {exc}", severity="error")

    def _show(self, wrap: WrapUp) -> None:
        assert self.session is not None
        self.session.adopt_wrap_up(wrap.meeting)
        wrap.meeting = self.session.meeting
        self.wrap = wrap
        self.meeting = self.session.meeting
        self.ready = True
        contact = self.app.store.get_contact(self.meeting.contact_id)
        self.sub_title = f"Summary — {one_line(contact.name) if contact else '?'}"
        self._render_all()
        self.query_one(FollowUpList).focus()

    def _render_all(self) -> None:
        meeting = self.meeting
        assert meeting is not None
        store = self.app.store
        contact = store.get_contact(meeting.contact_id)
        org = store.organization_name(contact)
        self.report = report_text(meeting, contact, org, self.wrap, store, self.app.clock.now())
        self.query_one("#report-text", Static).update(self.report)
        self.query_one(FollowUpList).show(meeting.followups, self.app.clock.today(), store.record_name)
        self.query_one(DraftView).show(
            meeting_drafts(meeting, contact or Contact(id=meeting.contact_id, name="(unknown contact)"),
                           self.app.config.profile)
        )

    # ------------------------------------------------------------------ saving

    def _report(self, message: str) -> None:
        self.app.report_save_failure(message)

    def _flush(self) -> None:
        if self.session is not None:
            self.session.save_now()

    def _changed(self) -> None:
        assert self.session is not None
        self.session.changed()
        self._render_all()

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.ready and action in ("toggle_done", "snooze", "copy_draft", "mark_sent", "export", "reopen", "draft"):
            return None
        return True

    def _current_followup(self):
        fid = self.query_one(FollowUpList).current_id
        return next((f for f in self.meeting.followups if f.id == fid), None) if self.meeting and fid else None

    def action_toggle_done(self) -> None:
        f = self._current_followup()
        if f is not None:
            self._apply(f.id, FollowUpAction.UNDO if f.done else FollowUpAction.DONE)

    def _apply(self, followup_id: str, action: FollowUpAction) -> None:
        """The one follow-up rule (netbook.domain.followups.apply), as Home uses it too."""
        assert self.meeting is not None
        store = self.app.store
        f = next(f for f in self.meeting.followups if f.id == followup_id)
        contact = store.get_contact(f.contact_id)
        done = apply(self.meeting, followup_id, action, contact=contact.model_copy(deep=True) if contact else None,
                     now=self.app.clock.now(), rules=self.app.config.followups, name_of=store.record_name)
        if done.contact is not None:
            changed = done.contact
            self.run_worker(lambda: self._save_contact(changed), thread=True, group="summary-save")
        if action is not FollowUpAction.DONE or done.contact is not None:
            self.app.say(done.message, timeout=3)
        self._changed()

    def _save_contact(self, contact: Contact) -> None:
        try:
            self.app.store.save_contact(contact)
        except Exception as exc:  # noqa: BLE001
            self._report(f"Could not save {contact.name}: {exc}")

    def action_snooze(self) -> None:
        f = self._current_followup()
        if f is not None and not f.done:
            self._apply(f.id, FollowUpAction.SNOOZE)

    def action_draft(self, step: int) -> None:
        view = self.query_one(DraftView)
        view.action_next() if step > 0 else view.action_previous()

    def action_copy_draft(self) -> None:
        draft = self.query_one(DraftView).current
        if draft is None:
            return
        self.app.copy_to_clipboard(draft.text())
        self.app.say(f"Copied “{one_line(draft.title)}” to the clipboard.", timeout=3)

    def action_mark_sent(self) -> None:
        """The draft shown was sent: recorded on the meeting, its follow-up done, contact logged today."""
        draft = self.query_one(DraftView).current
        if draft is None or self.meeting is None:
            return
        sent = self.meeting.drafts_sent.get(draft.key)
        if sent is not None:
            self.app.say(f"Already marked sent on {sent:%a %d %b}: {one_line(draft.title)}", timeout=3)
            return
        mark_sent(self.meeting, draft, self.app.clock.now())
        lead = self.wrap.lead_contacts.get(draft.mention_key or "") if self.wrap else None
        contact_id = draft.contact_id or (lead.id if lead else None)
        if contact_id:
            self.run_worker(lambda: self._log_sent(contact_id), thread=True, group="summary-save")
        self.app.say(f"Marked sent: {one_line(draft.title)}", timeout=3)
        self._changed()

    def _log_sent(self, contact_id: str) -> None:
        try:
            log_contact(self.app.store, contact_id, self.app.clock.today(), self.app.config.followups.checkin_weeks)
        except Exception as exc:  # noqa: BLE001 - reported, the mark stays
            self._report(f"Marked sent, but the contact was not logged: {exc}")

    def action_export(self) -> None:
        assert self.meeting is not None
        self._export(self.meeting.model_copy(deep=True))

    @work(thread=True, group="summary-export")
    def _export(self, meeting: Meeting) -> None:
        store = self.app.store
        contact = store.get_contact(meeting.contact_id)
        folder = ensure_private_dir(store.root / "exports")
        path = folder / export_filename(meeting, contact.name if contact else "")
        try:
            text = meeting_markdown(store, meeting, drafts=drafts_for_export(store, meeting, self.app.config.profile))
            atomic_write_bytes(path, text.encode("utf-8"))
        except Exception as exc:  # noqa: BLE001 - report, never crash
            self.app.call_from_thread(self.app.say, f"could not export: {exc}", severity="error")
            return
        self.last_export = path
        self.app.call_from_thread(self.app.say, f"Exported to {path}", timeout=8)

    def action_reopen(self) -> None:
        assert self.session is not None
        self.session.reopen(self.app.clock.now())
        self._flush()  # now: a crash from here on finds it live
        meeting_id = self.meeting_id
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        if getattr(below, "meeting_id", None) == meeting_id and type(below).__name__ == "MeetingScreen":
            self.dismiss()
        else:
            self.dismiss()
            self.app.open_meeting(meeting_id)

    def action_home(self) -> None:
        self._flush()
        self.app.open_home()
