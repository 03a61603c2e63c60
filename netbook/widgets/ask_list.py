"""The closing checklist as a keyboard list: asks grouped by person / organization.

Each group opens with a heading (the name as typed, its organization, and the note
line it came from); each ask shows a box (asked or not), the words to say and what was
recorded. Detector suggestions come last, for the user to confirm. All user text is
rendered as :class:`rich.text.Text` — never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from netbook.domain.closing_checklist import describe_ask
from netbook.domain.display_text import one_line
from netbook.domain.models import Ask, AskKind, AskOutcome, AskStatus, Mention, MentionKind

OUTCOME_STYLES = {AskOutcome.YES: "bold green", AskOutcome.NO: "bold red", AskOutcome.LATER: "bold yellow"}


def ask_prompt(ask: Ask) -> Text:
    text = Text(no_wrap=False)
    done = ask.status is AskStatus.ASKED
    text.append("[x] " if done else "[ ] ", style="bold green" if done else "bold")
    text.append(one_line(ask.text), style="dim" if done and ask.outcome is not AskOutcome.NONE else "")
    said = describe_ask(ask)
    if said:
        text.append("  → ", style="dim")
        if ask.outcome is not AskOutcome.NONE:
            head, _, rest = said.partition(" · ")
            text.append(head, style=OUTCOME_STYLES[ask.outcome])
            if rest:
                text.append(" · " + one_line(rest), style="italic")
        else:
            text.append(one_line(said), style="italic")
    return text


def heading(name: str, org: str | None, quote: str) -> Text:
    text = Text()
    text.append(one_line(name), style="bold")
    if org:
        text.append(f" · {one_line(org)}", style="bold")
    if quote:
        text.append("\n  “", style="dim")
        text.append(one_line(quote), style="dim italic")
        text.append("”", style="dim")
    return text


class AskList(OptionList):
    """Option ids: ``ask:<ask id>`` for asks, ``mention:<mention id>`` for suggestions."""

    HELP_TITLE = "Checklist"

    DEFAULT_CSS = """
    AskList { height: 1fr; max-height: 100%; }
    AskList > .option-list--option-disabled { color: $text-accent; }
    """

    def show(self, asks: list[Ask], mentions: list[Mention], suggested: list[Mention]) -> None:
        """Rebuild the options, keeping the highlight on the same item."""
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        by_key = {(m.kind, m.key): m for m in mentions}
        orgs = {m.key: m.name for m in mentions if m.kind is MentionKind.ORGANIZATION}
        options: list[Option | None] = []
        group: tuple[str, str | None] | None = None
        standing_started = False
        for ask in asks:
            if ask.subject is not None:
                kind = MentionKind.ORGANIZATION if ask.kind is AskKind.SOMEONE_AT_ORG else MentionKind.PERSON
                if group != (kind.value, ask.subject):
                    group = (kind.value, ask.subject)
                    m = by_key.get((kind, ask.subject))
                    name = m.name if m else ask.subject
                    org = orgs.get(m.organization_key) if m and m.organization_key else None
                    options.append(Option(heading(name, org, ask.quote), disabled=True))
            elif not standing_started:
                standing_started = True
                group = None
                options.append(Option(Text("Before you go", style="bold"), disabled=True))
            options.append(Option(ask_prompt(ask), id=f"ask:{ask.id}"))
        if suggested:
            options.append(Option(Text("Suggested names — y confirms one (then it gets asks)", style="bold"), disabled=True))
            for m in suggested:
                text = Text("? ", style="bold yellow")
                text.append(one_line(m.name))
                text.append(" (person)" if m.kind is MentionKind.PERSON else " (organization)", style="dim")
                if m.quote:
                    text.append(f"  “{one_line(m.quote)}”", style="dim italic")
                options.append(Option(text, id=f"mention:{m.id}"))
        self.set_options(options)
        self.restore(keep)

    def restore(self, option_id: str | None) -> None:
        index = None
        if option_id is not None:
            try:
                index = self.get_option_index(option_id)
            except Exception:  # noqa: BLE001 - it is gone (e.g. a confirmed suggestion)
                index = None
        if index is None:
            index = next((i for i, o in enumerate(self.options) if not o.disabled), None)
        self.highlighted = index

    @property
    def current_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None
