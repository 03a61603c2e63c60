"""Markdown folder export: one file per meeting, front matter with [[wikilinks]], only our own files replaced."""

from __future__ import annotations

import json
import os

import yaml
from interop_book import make_meeting

from netbook.interop.markdown_folder import MANIFEST, export_markdown_folder, meeting_file_name, safe_name, wikilink


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    head, _, _ = text[4:].partition("\n---\n")
    return yaml.safe_load(head)


def test_one_file_per_meeting_with_obsidian_front_matter(store, tmp_path):
    meeting = make_meeting(store)
    report = export_markdown_folder(store, [meeting], tmp_path)
    (path,) = report.written
    assert path.name == f"2026-03-10 Jane Doe {meeting.id[:6]}.md"
    meta = front_matter(path.read_text(encoding="utf-8"))
    assert meta["date"] == "2026-03-10T14:00"
    assert meta["contact"] == "[[Jane Doe]]"
    assert meta["organization"] == "[[Acme; Ltd, Global]]"  # quotes cannot be in a note name
    assert meta["people"] == ["[[Susan Smith]]"]
    assert meta["organizations"] == ["[[Citibank]]", "[[Montclair State University]]"]
    assert meta["meeting_id"] == meeting.id
    assert '"[[Jane Doe]]"' in path.read_text(encoding="utf-8")  # quoted, so YAML keeps it a string
    assert "## Notes" in path.read_text(encoding="utf-8") and "## Drafted e-mails" in path.read_text(encoding="utf-8")
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_re_export_replaces_only_its_own_unchanged_files(store, tmp_path):
    meeting = make_meeting(store)
    (tmp_path / "my own note.md").write_text("mine", encoding="utf-8")
    (path,) = export_markdown_folder(store, [meeting], tmp_path).written
    again = export_markdown_folder(store, [meeting], tmp_path)
    assert again.unchanged == [path] and not again.written
    meeting.notes += "one more line\n"
    assert export_markdown_folder(store, [meeting], tmp_path).written == [path]
    assert "one more line" in path.read_text(encoding="utf-8")
    assert (tmp_path / "my own note.md").read_text(encoding="utf-8") == "mine"
    assert json.loads((tmp_path / MANIFEST).read_text())["files"][path.name]["meeting_id"] == meeting.id


def test_a_file_the_user_edited_is_left_alone_unless_forced(store, tmp_path):
    meeting = make_meeting(store)
    (path,) = export_markdown_folder(store, [meeting], tmp_path).written
    path.write_text(path.read_text(encoding="utf-8") + "\nmy thoughts\n", encoding="utf-8")
    meeting.notes += "new line\n"
    report = export_markdown_folder(store, [meeting], tmp_path)
    assert report.left_alone == [(path, "edited since netbook wrote it (--force replaces it)")]
    assert "my thoughts" in path.read_text(encoding="utf-8")
    assert export_markdown_folder(store, [meeting], tmp_path, force=True).written == [path]
    assert "my thoughts" not in path.read_text(encoding="utf-8")


def test_a_user_file_with_the_same_name_is_never_touched(store, tmp_path):
    meeting = make_meeting(store)
    theirs = tmp_path / meeting_file_name(store, meeting)
    theirs.write_text("someone else's", encoding="utf-8")
    report = export_markdown_folder(store, [meeting], tmp_path, force=True)
    assert report.left_alone == [(theirs, "not written by netbook")]
    assert theirs.read_text(encoding="utf-8") == "someone else's"


def test_a_symlink_or_fifo_in_the_way_is_left_alone(store, tmp_path):
    meeting = make_meeting(store)
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep", encoding="utf-8")
    os.symlink(target, tmp_path / meeting_file_name(store, meeting))
    report = export_markdown_folder(store, [meeting], tmp_path, force=True)
    assert report.left_alone[0][1] == "not a regular file" and target.read_text(encoding="utf-8") == "keep"


def test_a_renamed_contact_moves_our_file_and_keeps_the_name_stable_otherwise(store, tmp_path):
    meeting = make_meeting(store)
    (old,) = export_markdown_folder(store, [meeting], tmp_path).written
    jane = store.get_contact(meeting.contact_id)
    jane.name = "Jane Doe-Martin"
    store.save_contact(jane)
    report = export_markdown_folder(store, [meeting], tmp_path)
    assert report.removed == [old] and not old.exists()
    assert report.written[0].name.startswith("2026-03-10 Jane Doe-Martin ")


def test_an_unreadable_manifest_means_nothing_earlier_is_replaced(store, tmp_path):
    meeting = make_meeting(store)
    (path,) = export_markdown_folder(store, [meeting], tmp_path).written
    (tmp_path / MANIFEST).write_text("{broken", encoding="utf-8")
    meeting.notes += "x\n"
    report = export_markdown_folder(store, [meeting], tmp_path)
    assert (path, "not written by netbook") in report.left_alone
    assert (tmp_path / MANIFEST).read_text(encoding="utf-8") == "{broken"


def test_names_are_safe_as_note_names():
    assert safe_name('a/b\\c:d*e?f"g<h>i|j#k^l[m]n\x1bo') == "a b c d e f g h i j k l m n o"
    assert safe_name("..hidden") == "hidden"
    assert wikilink("[[Susan]] | Smith") == "[[Susan Smith]]"
    assert wikilink("") == "[[unnamed]]"
