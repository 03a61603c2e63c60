"""LinkedIn profile addresses: checked lightly (a typo is pointed out, any real form accepted).

One home for "is this a LinkedIn address": the contact form, the Profile screen and the
LinkedIn import all ask here.
"""

from __future__ import annotations

import re

_LINKEDIN = re.compile(r"^(?:https?://)?(?:[a-z0-9-]+\.)*linkedin\.com(?:/\S*)?$", re.IGNORECASE)
EXAMPLE = "https://www.linkedin.com/in/your-name"


def is_linkedin_url(text: str) -> bool:
    return bool(_LINKEDIN.match(text.strip()))


def linkedin_url_problem(text: str) -> str | None:
    """None for an empty field or a LinkedIn address; else one line saying what is expected."""
    text = text.strip()
    if not text or is_linkedin_url(text):
        return None
    return "LinkedIn should look like linkedin.com/in/your-name"


def tidy_linkedin_url(text: str) -> str:
    """``linkedin.com/in/x`` -> ``https://linkedin.com/in/x``; anything else stripped, as typed."""
    text = text.strip()
    if text and is_linkedin_url(text) and not re.match(r"^https?://", text, re.IGNORECASE):
        return "https://" + text
    return text
