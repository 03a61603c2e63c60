"""The records netbook keeps: pydantic models that validate and serialise themselves.

Every stored document carries ``schema_version``; :mod:`netbook.storage.migrations` brings
older documents up to :data:`SCHEMA_VERSION` and refuses newer ones.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

# one vocabulary with the detector: its MentionKind and name key are the models' (re-exported)
from netbook.detector.vocabulary import PERSONAL_TITLES, MentionKind, normalise_key, search_form, strip_title
from netbook.domain.display_text import single_line_name

SCHEMA_VERSION = 1


def _stored_key(value: Any) -> Any:
    """Keys written before accents were folded ("josé núñez") are read as today's ("jose nunez")."""
    return normalise_key(value) if isinstance(value, str) else value


def _stored_rule_key(value: Any) -> Any:
    """"contact_lead:<meeting>:<mention key>": the mention key part is a name key."""
    if not isinstance(value, str) or value.count(":") < 2:
        return value
    rule, meeting, key = value.split(":", 2)
    return f"{rule}:{meeting}:{normalise_key(key)}"


# Names are one line wherever they are shown (Home rows, the mentions panel, Markdown
# headings): a line break in a name, typed, pasted or in an older file, folds to a space.
Name = Annotated[str, AfterValidator(single_line_name)]
NameOf = Callable[[str], "str | None"]  # record id -> its current name (None if it is gone)


def new_id() -> str:
    """Short random ids: unique enough for one person's notebook, easy to type as a prefix."""
    return uuid.uuid4().hex[:12]


class Record(BaseModel):
    """Base for stored models: unknown fields survive a load/save round trip."""

    # defer_build: schemas are built on first use, so start-up pays only for the models Home needs
    model_config = ConfigDict(extra="allow", validate_assignment=False, use_enum_values=False, defer_build=True)

    def to_json_dict(self) -> dict[str, Any]:
        """Every field, for exports a user takes elsewhere."""
        return self.model_dump(mode="json")

    def to_storage_dict(self) -> dict[str, Any]:
        """Fields that differ from their defaults (smaller files, faster start), plus the schema version."""
        data = self.model_dump(mode="json", exclude_defaults=True)
        if "schema_version" in type(self).model_fields:
            data = {"schema_version": self.schema_version, **data}
        return data


class StoredRecord(Record):
    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)


# --------------------------------------------------------------------------- enums


class MentionStatus(str, Enum):
    CONFIRMED = "confirmed"  # tagged by the user or already in the contact book
    SUGGESTED = "suggested"  # proposed by the detector, awaiting a key press


class QuestionStatus(str, Enum):
    PENDING = "pending"
    ASKED = "asked"
    SKIPPED = "skipped"


class MeetingStatus(str, Enum):
    PLANNED = "planned"
    LIVE = "live"
    ENDED = "ended"


class AskKind(str, Enum):
    GOOD_PERSON = "good_person"  # would X be a good person to talk to?
    CHANNEL = "channel"  # call or e-mail?
    USE_NAME = "use_name"  # may I use your name?
    INTRODUCE = "introduce"  # would you send an introduction?
    SOMEONE_AT_ORG = "someone_at_org"  # anyone at Org you'd recommend?
    RESUME_FEEDBACK = "resume_feedback"
    ORGANIZATIONS_TO_JOIN = "organizations_to_join"
    ANYONE_ELSE = "anyone_else"
    STAY_IN_TOUCH = "stay_in_touch"
    THANK_YOU = "thank_you"


class AskStatus(str, Enum):
    OPEN = "open"
    ASKED = "asked"


class AskOutcome(str, Enum):
    NONE = "none"
    YES = "yes"
    NO = "no"
    LATER = "later"


class Channel(str, Enum):
    CALL = "call"
    EMAIL = "email"
    LINKEDIN = "linkedin"


class LeadStatus(str, Enum):
    TO_CONTACT = "to_contact"
    CONTACTED = "contacted"
    MET = "met"


class FollowUpKind(str, Enum):
    THANK_YOU = "thank_you"
    CONTACT_LEAD = "contact_lead"
    NUDGE_INTRO = "nudge_intro"
    CLOSE_LOOP = "close_loop"
    CHECK_IN = "check_in"
    CUSTOM = "custom"


# --------------------------------------------------------------------------- people


class Organization(StoredRecord):
    name: Name
    aliases: list[Name] = Field(default_factory=list)
    notes: str = ""
    created_at: datetime | None = None

    def all_names(self) -> list[str]:
        return [self.name, *self.aliases]


class Contact(StoredRecord):
    name: Name
    role: str = ""
    organization_id: str | None = None
    email: str = ""
    phone: str = ""
    linkedin_url: str = ""  # their LinkedIn profile (imports fill it; empty in files written before it existed)
    how_met: str = ""
    referred_by_id: str | None = None  # the contact who suggested this person
    referred_in_meeting_id: str | None = None
    lead_status: LeadStatus | None = None  # set for people you were referred to
    last_contact: date | None = None
    next_checkin: date | None = None
    notes: str = ""  # private notes
    aliases: list[Name] = Field(default_factory=list)
    created_at: datetime | None = None
    # lead details recorded at the close of the meeting that produced the lead
    preferred_channel: Channel | None = None  # call / e-mail / LinkedIn
    may_use_referrer_name: bool | None = None  # may I say who suggested them?
    intro_promised: bool | None = None  # the referrer offered to introduce us
    intro_by: date | None = None  # ...by this date

    def all_names(self) -> list[str]:
        return [self.name, *self.aliases]


# --------------------------------------------------------------------------- meeting parts


class MeetingQuestion(Record):
    text: str
    question_id: str | None = None  # id in the question bank, None for one written ad hoc
    category: str | None = None
    status: QuestionStatus = QuestionStatus.PENDING
    answer: str = ""


class Mention(Record):
    """A person or organization flagged in the notes of one meeting (one entry per entity)."""

    id: str = Field(default_factory=new_id)
    kind: MentionKind
    name: Name  # the fullest form seen, exactly as typed
    key: str = ""  # normalised key used to match repeats ("susan smith")
    status: MentionStatus = MentionStatus.CONFIRMED
    aliases: list[Name] = Field(default_factory=list)  # merged forms ("Sue")
    organization_key: str | None = None  # for a person: the linked organization mention's key
    contact_id: str | None = None  # stored Contact for a person
    organization_id: str | None = None  # stored Organization for an organization
    count: int = 0
    first_line: int | None = None  # 0-based line in the notes
    quote: str = ""  # the note line where it first appeared

    @field_validator("key", "organization_key")
    @classmethod
    def _fold_keys(cls, value: Any) -> Any:
        return _stored_key(value)

    def model_post_init(self, __context: Any) -> None:
        if not self.key:
            self.key = normalise_key(self.name)


class Ask(Record):
    id: str = Field(default_factory=new_id)
    kind: AskKind
    subject: str | None = None  # mention key the ask is about, None for standing asks
    text: str = ""  # the question to say
    quote: str = ""  # the note line it came from
    status: AskStatus = AskStatus.OPEN
    outcome: AskOutcome = AskOutcome.NONE
    answer: str = ""
    channel: Channel | None = None
    may_use_name: bool | None = None
    intro_promised: bool | None = None
    intro_by: date | None = None

    @field_validator("subject")
    @classmethod
    def _fold_subject(cls, value: Any) -> Any:
        return _stored_key(value)


class TitlePart(Record):
    """A piece of a follow-up's title: fixed text, or a stored record whose current name is shown."""

    text: str = ""  # the words, or the record's name when the title was made (shown if it is gone)
    contact_id: str | None = None
    organization_id: str | None = None
    first_name: bool = False  # a contact's first name only ("how it went with Jane")


def render_title(parts: list[TitlePart], name_of: NameOf) -> str:
    out = []
    for part in parts:
        ref = part.contact_id or part.organization_id
        name = (name_of(ref) if ref else None) or part.text
        out.append(first_name(name) if part.first_name else name)
    return "".join(out)


class FollowUp(Record):
    id: str = Field(default_factory=new_id)
    kind: FollowUpKind
    title: str  # as made; what older files and custom follow-ups show (see display_title)
    title_parts: list[TitlePart] = Field(default_factory=list)
    due: date
    done: bool = False
    done_at: datetime | None = None
    snoozed_until: date | None = None
    contact_id: str | None = None
    meeting_id: str | None = None
    rule_key: str = ""  # identifies the rule + subject so regenerating never duplicates

    @field_validator("rule_key")
    @classmethod
    def _fold_rule_key(cls, value: Any) -> Any:
        return _stored_rule_key(value)

    def effective_due(self) -> date:
        return self.snoozed_until or self.due

    def display_title(self, name_of: NameOf) -> str:
        """The title with every person and organization under their current name (a rename shows at once).

        ``name_of`` maps a record id to its name (e.g. :meth:`netbook.storage.store.Store.record_name`).
        Follow-ups written before titles had parts, and custom ones, show ``title`` as stored.
        """
        return render_title(self.title_parts, name_of) if self.title_parts else self.title


class Meeting(StoredRecord):
    contact_id: str
    title: str = ""
    scheduled_at: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    paused_seconds: int = 0  # time spent ended before a reopen: not counted in "took"
    planned_minutes: int = 30
    goal: str = ""
    status: MeetingStatus = MeetingStatus.PLANNED
    questions: list[MeetingQuestion] = Field(default_factory=list)
    current_question: int = 0
    notes: str = ""
    mentions: list[Mention] = Field(default_factory=list)
    asks: list[Ask] = Field(default_factory=list)
    followups: list[FollowUp] = Field(default_factory=list)
    dismissed_mentions: list[str] = Field(default_factory=list)  # keys of detector suggestions the user removed
    drafts_sent: dict[str, datetime] = Field(default_factory=dict)  # draft key -> when you marked it sent
    updated_at: datetime | None = None

    @field_validator("dismissed_mentions")
    @classmethod
    def _fold_dismissed(cls, value: Any) -> Any:
        return [_stored_key(v) for v in value] if isinstance(value, list) else value

    def when(self) -> datetime | None:
        return self.started_at or self.scheduled_at


class MeetingSummary(Record):
    """One row of the meeting index: enough to list meetings without opening their files."""

    schema_version: int = SCHEMA_VERSION
    id: str
    contact_id: str
    contact_name: str = ""  # shown through display_text.one_line, which folds line breaks too
    organization_name: str = ""
    title: str = ""
    scheduled_at: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    planned_minutes: int = 30
    status: MeetingStatus = MeetingStatus.PLANNED
    open_followups: list[FollowUp] = Field(default_factory=list)
    updated_at: datetime | None = None

    def when(self) -> datetime | None:
        return self.started_at or self.scheduled_at


def first_name(name: str) -> str:
    """How to address someone: the first word as typed, or the whole name after a title."""
    words = name.split()
    if not words:
        return name
    if len(words) > 1 and words[0].endswith("."):  # "Dr. Smith", "Ms. Lee"
        return name.strip()
    return words[0]


def name_likeness(a: str, b: str) -> int:
    """How likely two names are one person or organization: 0 (not at all) to 100 (same key).

    "Sue" ~ "Susan Smith" (first name, nickname or shared start), "Sue Smith" ~ "Susan
    Smith" (same surname). Used to offer a merge and to put the best match first.
    """
    from netbook.detector.wordlists import given_name_forms  # a small file, read on first use

    ka, kb = normalise_key(a), normalise_key(b)
    if not ka or not kb:
        return 0
    if ka == kb:
        return 100
    wa, wb = ka.split(), kb.split()

    def first_names(x: str, y: str) -> int:
        if x == y:
            return 30
        if given_name_forms(x) & given_name_forms(y):  # "Sue" and "Susan": the shipped nicknames list
            return 25
        common = len(_common_prefix(x, y))
        if common >= 2 and (x.startswith(y) or y.startswith(x) or min(len(x), len(y)) <= 4):
            return 10 + common
        return 0

    if len(wa) > 1 and len(wb) > 1:
        if wa[-1] != wb[-1]:
            return 0
        score = first_names(wa[0], wb[0])
        return 60 + score if score else 0
    if len(wa) == 1 and len(wb) == 1:
        score = first_names(wa[0], wb[0])
        return 20 + score if score else 0
    single, full = (wa, wb) if len(wa) == 1 else (wb, wa)
    if single[0] == full[-1]:
        return 45  # "Smith" for Susan Smith
    score = first_names(single[0], full[0])
    return 40 + score if score else 0


def _common_prefix(x: str, y: str) -> str:
    n = 0
    for cx, cy in zip(x, y):
        if cx != cy:
            break
        n += 1
    return x[:n]
