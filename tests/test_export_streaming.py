"""Exporting years of meetings: the same bytes as before, built one meeting at a time, with progress."""

from __future__ import annotations

import io
import json

from netbook.cli import main as cli_main
from netbook.domain.drafts import drafts_for_export
from netbook.domain.export import TerminalProgress, export_json, iter_export, meeting_markdown
from netbook.domain.models import Contact, LeadStatus
from netbook.storage.store import Store


def fill(store: Store, meetings: int = 5) -> list:
    jane = store.ensure_contact("Jane Doe", organization="Acme")
    made = []
    for i in range(meetings):
        meeting = store.create_meeting(jane, title=f"chat {i}", notes=f"Talk to Lead {i} at Citibank\n")
        store.save_contact(Contact(name=f"Lead {i}", referred_by_id=jane.id, referred_in_meeting_id=meeting.id,
                                   lead_status=LeadStatus.TO_CONTACT))
        made.append(meeting)
    return made


def test_streamed_json_is_exactly_the_whole_export(data_dir) -> None:
    with Store.open(data_dir) as store:
        meetings = fill(store)
        whole = json.dumps(export_json(store, meetings), ensure_ascii=False, indent=2) + "\n"
        assert "".join(iter_export(store, iter(meetings), "json")) == whole
        assert json.loads(whole)["meetings"][2]["contacts"][1]["name"] == "Lead 2"  # the lead referred there
        empty = json.dumps(export_json(store, []), ensure_ascii=False, indent=2) + "\n"
        assert "".join(iter_export(store, iter([]), "json")) == empty


def test_streamed_markdown_is_exactly_the_whole_export(data_dir) -> None:
    with Store.open(data_dir) as store:
        meetings = fill(store)
        whole = "\n\n".join(meeting_markdown(store, m, drafts=drafts_for_export(store, m)) for m in meetings)
        streamed = "".join(iter_export(store, iter(meetings), "md"))
        assert streamed == whole and "- Lead 3" in streamed


def test_meetings_are_read_one_at_a_time(data_dir) -> None:
    with Store.open(data_dir) as store:
        meetings = fill(store)
        pulled = []

        def lazily():
            for m in meetings:
                pulled.append(m.id)
                yield m

        pieces = iter_export(store, lazily(), "json")
        next(pieces), next(pieces)
        assert pulled == [meetings[0].id]  # the first meeting is written before the second is read


def test_progress_is_shown_for_long_runs_and_cleared() -> None:
    out = io.StringIO()
    progress = TerminalProgress(out, 3, delay=0)
    for done in (1, 2, 3):
        progress(done)
    progress.finish()
    text = out.getvalue()
    assert "\rexporting 1/3 meetings" in text and text.endswith("\r\x1b[K")
    quiet = io.StringIO()
    short = TerminalProgress(quiet, 3)  # finishes before the delay: nothing printed
    for done in (1, 2, 3):
        short(done)
    short.finish()
    assert quiet.getvalue() == ""


def test_cli_export_all_to_a_file_keeps_progress_out_of_the_file(data_dir, tmp_path, capsys) -> None:
    with Store.open(data_dir) as store:
        fill(store, 3)
    out = tmp_path / "all.json"
    assert cli_main(["export", "all", "--format", "json", "-o", str(out), "--data-dir", str(data_dir)]) == 0
    exported = json.loads(out.read_text())
    assert sorted(m["meeting"]["title"] for m in exported["meetings"]) == ["chat 0", "chat 1", "chat 2"]
    assert "exporting" not in out.read_text()
