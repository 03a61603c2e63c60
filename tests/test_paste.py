"""A paste is text: stored exactly, never read as keys (no ctrl+g from a pasted BEL, no lost NUL)."""

from __future__ import annotations

from textual import events

from netbook.domain.models import MeetingStatus
from netbook.storage.store import Store
from netbook.widgets.terminal_input import PasteSafeParser
from pty_terminal import PtyTerminal

HOSTILE_PASTE = "title \x1b]0;T\x07 red \x1b[31mRED\x1b[0m nul \x00 bell \x07 end"


def parse(*chunks: str) -> list:
    parser = PasteSafeParser()
    out = []
    for chunk in chunks:
        out.extend(parser.feed(chunk))
    return out


def test_parser_delivers_a_paste_exactly_and_no_keys_from_it():
    got = parse(f"a\x1b[200~{HOSTILE_PASTE}\x1b[201~b")
    assert [type(e) for e in got] == [events.Key, events.Paste, events.Key]
    assert got[1].text == HOSTILE_PASTE
    assert [got[0].key, got[2].key] == ["a", "b"]


def test_parser_joins_a_paste_split_across_reads():
    text = "x" * 10 + HOSTILE_PASTE + "\x1b[20"  # even an ESC [ 2 0 at the very end of the paste
    wire = f"\x1b[200~{text}\x1b[201~"
    for cut in range(1, len(wire)):
        got = parse(wire[:cut], wire[cut:])
        if cut == 1:  # a lone ESC is passed on at once (it is usually the Escape key): not a paste then
            continue
        assert [e.text for e in got if isinstance(e, events.Paste)] == [text], cut
        assert not [e for e in got if isinstance(e, events.Key)], cut


def test_parser_still_reads_keys_and_escape_sequences():
    got = parse("q\x1b[A\x07")
    assert [e.key for e in got] == ["q", "up", "ctrl+g"]


async def test_a_pasted_escape_sequence_is_stored_exactly(make_app, data_dir, clock):
    """Pilot: a Paste event with OSC/CSI sequences, BEL and NUL goes into the notes as is."""
    from netbook.domain.meeting_lifecycle import start
    from netbook.widgets.note_pad import NotePad

    with Store.open(data_dir) as store:
        meeting = store.create_meeting(store.ensure_contact("Jane Doe"))
        start(meeting, clock.now())
        store.save_meeting(meeting)
    app = make_app(meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        pad = app.screen.query_one(NotePad)
        pad.focus()
        app.post_message(events.Paste(HOSTILE_PASTE))  # as the driver does: the app forwards it to the focus
        await pilot.pause()
        assert pad.text == HOSTILE_PASTE
        assert type(app.screen).__name__ == "MeetingScreen"
        app.flush_saves()
    stored = Store(data_dir, read_only=True).load_meeting(meeting.id)
    assert stored.notes == HOSTILE_PASTE and stored.status is MeetingStatus.LIVE


def test_a_bracketed_paste_in_a_real_terminal_is_text(tmp_path):
    """The real app in a pseudo-terminal: the terminal sends ESC[200~ ... ESC[201~, then ctrl+q."""
    data = tmp_path / "data"
    term = PtyTerminal(["--data-dir", str(data), "meet", "Jane Doe"])
    try:
        term.wait_for(lambda: b"Questions" in term.output and b"\x1b[?2004h" in term.output, "the meeting screen")
        term.write(f"\x1b[200~{HOSTILE_PASTE}\x1b[201~".encode())
        term.wait_for(lambda: any("bell" in p.read_text(errors="replace") for p in (data / "meetings").glob("*.json")),
                      "the paste to be saved")
        term.write(b"\x11")  # ctrl+q
    finally:
        status = term.finish()
    assert status == 0, term.tail()
    with Store(data, read_only=True) as store:
        (summary,) = store.meeting_summaries()
        meeting = store.load_meeting(summary.id)
    assert meeting.notes == HOSTILE_PASTE
    assert meeting.status is MeetingStatus.LIVE  # the pasted BEL did not end the meeting
