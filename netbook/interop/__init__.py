"""Exchange with the user's other tools: phones and address books (vCard, CSV), calendars
(iCalendar), LinkedIn's export, and Markdown folders such as an Obsidian vault.

Core code: nothing here imports Textual. Exporters return text or bytes and the caller
writes them; importers read a file into :class:`~netbook.interop.incoming.IncomingPerson`
rows that :mod:`netbook.interop.contact_import` matches against the contact book.
"""
