"""What Home lists: follow-ups due soon, leads, upcoming and recent meetings, and what a search keeps of them.

:class:`HomeData` is built from the store's small summary (:func:`home_data`, whatever
the size of the history) or, for a search, from every record (:func:`load_home_data`).
:meth:`HomeData.matching` is the rule for which rows a search keeps and how many each
section counts; :meth:`HomeData.take_followup` is how a follow-up marked done or snoozed
leaves (or moves within) the list before its meeting file is written. Home's screen
only draws these rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from netbook.domain.followups import FollowUpAction, is_coming, order_key, snooze
from netbook.domain.models import Contact, FollowUp, LeadStatus, MeetingStatus, MeetingSummary, search_form
from netbook.storage.files import StoreError
from netbook.storage.home_cache import HomeSummary, lead_key, recent_key

MAX_ROWS = 200  # drawn per section; search narrows the rest


def _matches(haystack: str, words: list[str]) -> bool:
    return all(w in haystack for w in words)


@dataclass
class HomeMatches:
    """The rows of each section for one search (all of them when the search is empty), with the counts shown."""

    words: list[str]
    followups: list[tuple[FollowUp, MeetingSummary]]
    leads: list[Contact]
    leads_total: int
    upcoming: list[MeetingSummary]
    recent: list[MeetingSummary]
    recent_total: int  # damaged files included
    damaged: list[StoreError]  # listed first among the recent meetings, only when not searching
    people: list[Contact]  # only when searching

    @property
    def searching(self) -> bool:
        return bool(self.words)


@dataclass
class HomeData:
    """Everything Home shows: from the store's summary, or (``complete``, for a search) from every record."""

    today: date
    followups: list[tuple[FollowUp, MeetingSummary]] = field(default_factory=list)
    leads: list[Contact] = field(default_factory=list)
    upcoming: list[MeetingSummary] = field(default_factory=list)
    recent: list[MeetingSummary] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)  # every contact, when complete (search lists them)
    names: dict[str, str] = field(default_factory=dict)  # contact or organization id -> current name
    leads_total: int = 0
    recent_total: int = 0
    contacts_total: int = 0
    complete: bool = False
    damaged: list[StoreError] = field(default_factory=list)  # meeting files that cannot be read, each naming its file
    _meeting_keys: dict[str, str] = field(default_factory=dict)  # meeting id -> search text, built on first search
    _contact_keys: dict[str, str] = field(default_factory=dict)  # contact id -> search text, built on first search

    def name_of(self, record_id: str) -> str | None:
        """Current name of a contact or organization: follow-up titles show names as they are now."""
        return self.names.get(record_id)

    def title(self, f: FollowUp) -> str:
        return f.display_title(self.name_of)

    def meeting_key(self, s: MeetingSummary) -> str:
        key = self._meeting_keys.get(s.id)
        if key is None:
            key = self._meeting_keys[s.id] = search_form(f"{s.contact_name} {s.organization_name} {s.title}")
        return key

    def contact_key(self, c: Contact) -> str:
        key = self._contact_keys.get(c.id)
        if key is None:
            org = self.names.get(c.organization_id or "", "")
            key = self._contact_keys[c.id] = search_form(" ".join([c.name, org, c.role, *c.aliases]))
        return key

    @property
    def empty(self) -> bool:
        return not (self.contacts_total or self.upcoming or self.recent or self.damaged)

    def arrange(self, meetings: list[MeetingSummary], leads: list[Contact], recent: list[MeetingSummary]) -> HomeData:
        """Fill the lists from index rows (follow-ups and upcoming), leads and the recent meetings."""
        today = self.today
        for s in meetings:
            for f in s.open_followups:
                if is_coming(f, today):
                    self.followups.append((f, s))
            if s.status is not MeetingStatus.ENDED:
                self.upcoming.append(s)
        self.followups.sort(key=lambda fs: order_key(fs[0]))
        self.upcoming.sort(key=lambda s: (s.status is not MeetingStatus.LIVE, s.when() or datetime.max, s.id))
        self.leads = sorted(leads, key=lead_key, reverse=True)
        self.recent = sorted(recent, key=recent_key, reverse=True)
        return self

    def matching(self, query: str) -> HomeMatches:
        """The rows a search for ``query`` keeps in each section: every word, accents and case folded."""
        words = search_form(query).split()
        followups = [
            fs for fs in self.followups
            if not words or _matches(f"{search_form(self.title(fs[0]))} {self.meeting_key(fs[1])}", words)
        ]
        leads = [c for c in self.leads if not words or _matches(self.contact_key(c), words)]
        upcoming = [s for s in self.upcoming if not words or _matches(self.meeting_key(s), words)]
        recent = [s for s in self.recent if not words or _matches(self.meeting_key(s), words)]
        damaged = [] if words else self.damaged  # a file that cannot be read is news, but not a search hit
        people = [c for c in self.contacts if _matches(self.contact_key(c), words)] if words else []
        return HomeMatches(
            words=words, followups=followups, leads=leads,
            leads_total=len(leads) if words else self.leads_total, upcoming=upcoming, recent=recent,
            recent_total=(len(recent) if words else self.recent_total) + len(damaged), damaged=damaged, people=people,
        )

    def followup(self, meeting_id: str, followup_id: str) -> tuple[FollowUp, MeetingSummary] | None:
        return next(((f, s) for f, s in self.followups if s.id == meeting_id and f.id == followup_id), None)

    def take_followup(self, meeting_id: str, followup_id: str, action: FollowUpAction, snooze_days: int) -> bool:
        """The list as it is once ``action`` is done (before the file is written): a done follow-up leaves,
        a snoozed one moves to its new day if that is still coming, else leaves. False if it is not listed."""
        entry = self.followup(meeting_id, followup_id)
        if entry is None:
            return False
        self.followups.remove(entry)
        if action is FollowUpAction.SNOOZE:
            snoozed = snooze(entry[0].model_copy(), self.today, snooze_days)
            if is_coming(snoozed, self.today):
                self.followups.append((snoozed, entry[1]))
                self.followups.sort(key=lambda fs: order_key(fs[0]))
        return True

    def damaged_file(self, stem: str) -> StoreError | None:
        """The unreadable meeting file of that name (without its ending), if Home lists it."""
        return next((e for e in self.damaged if e.path.stem == stem), None)


def home_data(summary: HomeSummary, today: date) -> HomeData:
    """What Home draws at start-up and on return: from the summary alone (small, whatever the history)."""
    data = HomeData(today=today, names=summary.names, leads_total=summary.leads_total,
                    recent_total=summary.ended_total, contacts_total=summary.contacts_total,
                    damaged=[StoreError(path, problem, record) for path, problem, record in summary.damaged])
    return data.arrange(list(summary.meetings.values()), list(summary.leads.values()), summary.recent())


def load_home_data(store, today: date) -> HomeData:
    """Every contact and meeting (what a search looks through): reads the whole book and index, so in a worker."""
    summaries = store.meeting_summaries()
    contacts = store.contacts()
    names = {o.id: o.name for o in store.organizations()}
    names.update((c.id, c.name) for c in contacts)
    leads = [c for c in contacts if c.lead_status is LeadStatus.TO_CONTACT]
    recent = [s for s in summaries if s.status is MeetingStatus.ENDED]
    data = HomeData(today=today, contacts=contacts, names=names, leads_total=len(leads), recent_total=len(recent),
                    contacts_total=len(contacts), complete=True, damaged=store.damaged_meetings())
    return data.arrange(summaries, leads, recent)
