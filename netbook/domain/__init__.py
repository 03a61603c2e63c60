"""What netbook knows: meetings, questions, the closing checklist, people, follow-ups, drafts, exports.

Pure Python, never Textual (checked by import-linter, see pyproject.toml).
"""
