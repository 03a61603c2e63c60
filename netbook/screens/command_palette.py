"""The command palette (ctrl+p): jump to a contact, an organization or a meeting, or run an action.

:class:`JumpProvider` searches the app's :class:`~netbook.domain.jump_targets.JumpTargets`
(built in a worker after the first screen is drawn); :class:`ActionsProvider` lists the
app's commands. Every label is shown as plain text (:func:`highlight`), never markup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from netbook.app_tasks import export_all
from netbook.domain.display_text import one_line

if TYPE_CHECKING:
    from netbook.app import NetbookApp

JUMP_LIMIT = 60  # contacts, organizations and meetings listed per query (the best by a cheap rank)


class JumpProvider(Provider):
    """ctrl+p: jump to a contact, an organization or a meeting by name.

    The targets are the app's :class:`JumpTargets`, built in a worker after the first
    screen is drawn and kept current as records change: opening the palette never
    waits on reading the contact book (until they are built, only the actions show).
    """

    async def startup(self) -> None:
        self.app.start_jump_targets()  # type: ignore[attr-defined]

    async def search(self, query: str) -> Hits:
        from functools import partial

        app: NetbookApp = self.app  # type: ignore[assignment]
        matcher = self.matcher(query)
        if not app.jump_targets.ready:  # being built in a worker: say so rather than wait
            yield Hit(0.01, Content("Loading contacts, organizations and meetings…"), lambda: None,
                      text="Loading contacts, organizations and meetings…", help=Content("type again in a moment"))
        shown, total = app.jump_targets.best(query, JUMP_LIMIT)  # bounded: the fuzzy scorer runs on these only
        for target in shown:
            score = matcher.match(target.label)
            if score > 0:
                yield Hit(score, highlight(matcher, target.label), partial(_jump, app, target.kind, target.id),
                          text=target.label, help=Content(one_line(target.help)))
        if total > len(shown):
            more = f"{total - len(shown):,} more match"
            yield Hit(0.001, Content(more), lambda: None, text=more, help=Content("type more of the name"))


def highlight(matcher: Matcher, label: str) -> Content:
    """``label`` with the matched letters marked, as plain text.

    ``Matcher.highlight`` parses its candidate as markup: a name like ``[red]Acme[/]``
    would crash the palette and ``[@click=app.quit]`` would become a live link.
    """
    shown = one_line(label)
    content = Content(shown)
    score, offsets = matcher.fuzzy_search.match(matcher.query, shown)
    if score:
        for offset in offsets:
            if not shown[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _jump(app: NetbookApp, kind: str, record_id: str) -> None:
    from netbook.domain.jump_targets import CONTACT, ORGANIZATION

    if kind == CONTACT:
        app.open_people(contact_id=record_id)
    elif kind == ORGANIZATION:
        open_organization(app, record_id)
    else:
        app.open_meeting_by_status(record_id)


class ActionsProvider(Provider):
    """ctrl+p: new meeting, people, export."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from netbook.screens.export_path import book_export_commands

        app: NetbookApp = self.app  # type: ignore[assignment]
        return [
            ("New meeting", "prepare a meeting: who, when, questions", app.open_prepare),
            ("Home", "due follow-ups, leads, meetings", app.open_home),
            ("People", "contacts and organizations", app.open_people),
            ("Search notes", "find a line in the notes of any meeting", app.open_note_search),
            ("Open asks", "what people said later to, or promised and have not done", app.open_open_asks),
            ("Profile", "your name, e-mail, LinkedIn, pitch and sign-off for the drafts", app.open_profile),
            ("Export all meetings as Markdown", "writes a file in the exports folder of your data dir",
             lambda: export_all(app, "md")),
            ("Export all meetings as JSON", "writes a file in the exports folder of your data dir",
             lambda: export_all(app, "json")),
            *book_export_commands(app),
        ]

    async def discover(self) -> Hits:
        for name, help_text, command in self._commands():
            yield DiscoveryHit(Content(name), command, text=name, help=Content(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, command in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlight(matcher, name), command, text=name, help=Content(help_text))



def open_organization(app: NetbookApp, organization_id: str) -> None:
    """People, showing one organization's page."""
    app.open_people()

    def show() -> None:
        open_record = getattr(app.screen, "open_record", None)
        if open_record is not None:
            open_record("organization", organization_id, focus=True)

    app.call_after_refresh(show)
