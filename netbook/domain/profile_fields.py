"""The Profile form's fields: what each holds, light checks, and the stored :class:`Profile` they make."""

from __future__ import annotations

from netbook.storage.config import Profile
from netbook.domain.linkedin_url import EXAMPLE, linkedin_url_problem, tidy_linkedin_url
from netbook.domain.contact_editing import email_problem

# key, label, placeholder (an example, shown dim: never a value already filled in)
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "Your name", "e.g. Ann Lee"),
    ("email", "E-mail", "e.g. ann@example.com"),
    ("linkedin", "LinkedIn", f"e.g. {EXAMPLE}"),
    ("pitch", "Pitch", "e.g. Data analyst moving into product management"),
)
SIGNATURE = "signature"


def profile_values(profile: Profile) -> dict[str, str]:
    return profile.model_dump()


def profile_problems(values: dict[str, str]) -> dict[str, str]:
    """Field -> problem; empty when the profile can be saved (every field may be empty)."""
    problems: dict[str, str] = {}
    if p := email_problem(values.get("email", "")):
        problems["email"] = p
    if p := linkedin_url_problem(values.get("linkedin", "")):
        problems["linkedin"] = p
    return problems


def profile_from_values(values: dict[str, str]) -> Profile:
    """The profile a valid form makes (one-line fields trimmed, the signature kept as typed)."""
    problems = profile_problems(values)
    if problems:
        raise ValueError("; ".join(problems.values()))
    return Profile(
        name=" ".join(values.get("name", "").split()),
        email=values.get("email", "").strip(),
        linkedin=tidy_linkedin_url(values.get("linkedin", "")),
        pitch=" ".join(values.get("pitch", "").split()),
        signature=values.get(SIGNATURE, "").rstrip(),
    )
