"""Every word the workbench shows, in every language it speaks: one catalogue per language.

``nl.yaml`` and ``en.yaml`` map stable dotted codes (``report.title``,
``failure.allowed_entities``, ``reason.severity.bijzonder``) to text with ``{name}`` fields. Stages
say *what* happened as a ``Message(code, **params)`` (language-free, hashable, JSON by
``to_dict``); the edges (report, notebooks, terminal tables, the JSON files' ``nl``/``en``
strings) write it with ``render(message, lang)``. Numbers, percentages, plural forms and lists are
written the language's way here too. An unknown code or a missing parameter is an error, never a
blank. How to add a language or change a sentence: ``docs/languages.md``.
"""

from __future__ import annotations

from dpia.messages._catalogue import MessageError
from dpia.messages._languages import LANGUAGES, Language, check_language, number, percent
from dpia.messages._message import Message, Param, entity_label, exists, render

__all__ = [
    "LANGUAGES",
    "Language",
    "Message",
    "MessageError",
    "Param",
    "check_language",
    "entity_label",
    "exists",
    "number",
    "percent",
    "render",
]
