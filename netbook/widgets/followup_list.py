"""Follow-ups as a keyboard list: due date, what to do, done / snoozed / overdue at a glance."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from netbook.domain.display_text import one_line
from netbook.domain.followups import sort_followups
from netbook.domain.models import FollowUp, NameOf


def followup_prompt(f: FollowUp, today: date, name_of: NameOf = lambda _id: None) -> Text:
    due = f.effective_due()
    title = f.display_title(name_of)
    text = Text()
    if f.done:
        text.append("[x] ", style="bold green")
        text.append(f"{due:%a %d %b}  ", style="dim")
        text.append(one_line(title), style="dim strike")
        return text
    style = "bold red" if due < today else "bold yellow" if due == today else "bold"
    text.append("[ ] ", style="bold")
    text.append(f"{due:%a %d %b}", style=style)
    text.append("  ")
    text.append(one_line(title))
    if f.snoozed_until:
        text.append("  (snoozed)", style="dim italic")
    return text


class FollowUpList(OptionList):
    """Option ids are follow-up ids; open ones first by date, done ones after."""

    DEFAULT_CSS = """
    FollowUpList { height: auto; max-height: 50%; }
    """

    def show(self, followups: list[FollowUp], today: date, name_of: NameOf = lambda _id: None) -> None:
        """``name_of`` gives the current names of the people in the titles (a rename shows at once)."""
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        ordered = sort_followups(followups)
        if not ordered:
            self.set_options([Option(Text("No follow-ups.", style="dim"), disabled=True)])
            return
        self.set_options([Option(followup_prompt(f, today, name_of), id=f.id) for f in ordered])
        index = 0
        if keep is not None:
            try:
                index = self.get_option_index(keep)
            except Exception:  # noqa: BLE001 - gone
                index = 0
        self.highlighted = index

    @property
    def current_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None
