"""Markdown and JSON export of a meeting after its close."""

from __future__ import annotations

import json
import re
from datetime import date, datetime

from netbook.cli import main as cli_main
from netbook.domain.closing_checklist import build_checklist, record_outcome, set_channel, set_intro
from netbook.domain.drafts import drafts_for_export
from netbook.domain.export import export_json, meeting_markdown
from netbook.domain.meeting_lifecycle import end, start
from netbook.domain.meeting_wrapup import finish_meeting
from netbook.domain.models import AskOutcome, Channel, Meeting, MeetingQuestion, Mention, MentionKind, QuestionStatus
from netbook.storage.config import FollowUpRules
from netbook.storage.store import Store

HOSTILE = "[bold]Eve[/] \x1b[31m\u0007 `` ``` \"q\" 🎉"


def make_meeting(store: Store, susan_name: str = "Susan Smith") -> Meeting:
    jane = store.ensure_contact("Jane Doe", organization="Acme", role="Director")
    m = store.create_meeting(
        jane,
        planned_minutes=30,
        goal="Learn about ops roles",
        notes=f"Talk to {susan_name} at Citibank\nAlso Montclair State University\n",
        questions=[MeetingQuestion(text="Skills?", status=QuestionStatus.ASKED, answer="SQL")],
        mentions=[
            Mention(kind=MentionKind.ORGANIZATION, name="Citibank", first_line=0, quote=f"Talk to {susan_name} at Citibank"),
            Mention(
                kind=MentionKind.PERSON,
                name=susan_name,
                organization_key="citibank",
                first_line=0,
                quote=f"Talk to {susan_name} at Citibank",
            ),
            Mention(kind=MentionKind.ORGANIZATION, name="Montclair State University", first_line=1, quote="Also Montclair State University"),
        ],
    )
    start(m, datetime(2026, 3, 10, 14))
    m.asks = build_checklist(m, contact_name="Jane Doe")
    good, channel, use_name, intro = m.asks[:4]
    record_outcome(good, AskOutcome.YES)
    good.answer = "e-mail; use my name; she'll intro by Friday"
    set_channel(channel, Channel.EMAIL)
    record_outcome(use_name, AskOutcome.YES)
    set_intro(intro, True, date(2026, 3, 13))
    end(m, datetime(2026, 3, 10, 14, 35))
    finish_meeting(store, m, rules=FollowUpRules(), now=datetime(2026, 3, 10, 14, 35))
    return m


def test_markdown_has_front_matter_checklist_followups_drafts(data_dir):
    with Store.open(data_dir) as store:
        m = make_meeting(store)
        md = meeting_markdown(store, m, drafts=drafts_for_export(store, m))
    head, _, body = md.partition("\n---\n")
    assert head.splitlines()[0] == "---"
    assert 'contact: "Jane Doe"' in head and 'organization: "Acme"' in head
    assert 'people: ["Susan Smith"]' in head
    assert "date: 2026-03-10T14:00" in head
    assert "## Notes\n\n```text\nTalk to Susan Smith at Citibank\nAlso Montclair State University\n```\n" in body
    assert (
        "- [x] You mentioned Susan Smith at Citibank — would Susan be a good person for me to talk to?"
        " — yes · e-mail; use my name; she'll intro by Friday" in body
    )
    assert "  > Talk to Susan Smith at Citibank" in body
    assert "- [x] Should I call Susan, e-mail, or reach out on LinkedIn? — e-mail" in body
    assert "— yes · intro by 2026-03-13" in body
    assert "- [ ] You mentioned Montclair State University — is there someone there" in body
    assert "## New leads\n\n- Susan Smith — Citibank; e-mail; may use the referrer's name; intro promised by 2026-03-13; suggested by Jane Doe" in body
    assert "- [ ] 2026-03-11 Send Jane Doe a thank-you note" in body
    assert "- [ ] 2026-03-13 E-mail Susan Smith (Citibank) — you may say Jane Doe sent you" in body
    assert "### Thank-you to Jane Doe\n\n```text\nSubject: Thank you for your time" in body
    assert "### First e-mail to Susan Smith (after the introduction)" in body
    assert "- Planned: 30 min; actual: 35:00" in body


def test_hostile_names_keep_markdown_and_front_matter_valid(data_dir):
    with Store.open(data_dir) as store:
        m = make_meeting(store, HOSTILE)
        md = meeting_markdown(store, m, drafts=drafts_for_export(store, m))
    front = md.split("\n---\n")[0]
    assert "\x1b" not in front and "\\u001b" in front and "\\u0007" in front
    assert '\\"q\\"' in front
    # drafts are fenced with more backticks than the name contains
    assert "````text\n" in md
    assert "\x1b" not in md and "\x07" not in md  # control characters are shown, never written raw
    assert "\u241b[31m\u2407" in md.split("## Notes")[1]


def test_markdown_escapes_names_and_keeps_the_layout(data_dir):
    """Raw ESC bytes were written, and `---` or a newline in a name added rules and broke the layout."""
    with Store.open(data_dir) as store:
        m = make_meeting(store, "Mal\n---\n# [x](http://e.vil) *Ory* \x1b]0;PWNED\x07")
        jane = store.get_contact(m.contact_id)
        jane.name = "Jane\n\n---\nDoe <b>|</b>"  # assigned, not validated: the export must still hold
        store.save_contact(jane)
        md = meeting_markdown(store, m, drafts=drafts_for_export(store, m))
    body = md.split("\n---\n", 1)[1]
    assert "\x1b" not in md and "\x07" not in md
    assert "```text\nTalk to Mal\n---\n# [x]" in body  # the notes, fenced exactly as typed
    body = re.sub(r"(?ms)^(`{3,})text\n.*?^\1$", "", body)  # outside the fenced notes and drafts:
    assert [line for line in body.splitlines() if line.strip() == "---"] == []
    headings = [line for line in body.splitlines() if line.startswith("#")]
    assert headings[0] == "# Meeting with Jane --- Doe \\<b\\>\\|\\</b\\> (Acme)"
    assert all(h.startswith(("# Meeting", "## ", "### ")) for h in headings), headings
    assert "Mal --- \\# \\[x\\](http://e.vil) \\*Ory\\* \u241b\\]0;PWNED\u2407" in body


def test_json_export_is_lossless(data_dir):
    with Store.open(data_dir) as store:
        m = make_meeting(store)
        data = json.loads(json.dumps(export_json(store, [m])))
    record = data["meetings"][0]
    assert Meeting.model_validate(record["meeting"]) == m
    names = sorted(c["name"] for c in record["contacts"])
    assert names == ["Jane Doe", "Susan Smith"]
    susan = next(c for c in record["contacts"] if c["name"] == "Susan Smith")
    assert susan["preferred_channel"] == "email" and susan["intro_by"] == "2026-03-13"


def test_cli_export_latest_md(data_dir, tmp_path, capsys):
    with Store.open(data_dir) as store:
        make_meeting(store)
    out = tmp_path / "out.md"
    assert cli_main(["export", "latest", "--format", "md", "--data-dir", str(data_dir), "-o", str(out)]) == 0
    text = out.read_text()
    assert "## Closing checklist" in text and "## Drafted e-mails" in text and "## Follow-ups" in text
    assert out.stat().st_mode & 0o077 == 0


def test_markdown_names_the_linked_organization_as_typed(data_dir):
    with Store.open(data_dir) as store:
        m = make_meeting(store)
        md = meeting_markdown(store, m)
    assert "- Susan Smith · Citibank (person, confirmed)" in md
    assert "· citibank" not in md
