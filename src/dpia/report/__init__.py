"""The DPIA report: the 17 points of the Dutch government's Model DPIA (A description, B
lawfulness, C risks, D measures), a sign-off, the changes since the last assessment and the run's
manifest, as Markdown, self-contained HTML and Word; and per vendor a file for the CNIL's PIA tool.

``report_context`` assembles plain data from what the stages wrote (their JSON forms) and the
register; ``build_document`` makes one content model of it, which ``render_report`` (HTML,
Markdown) and ``render_docx`` (Word) render. ``pia_exports`` writes the same facts in the CNIL
tool's format; ``snapshot`` and ``compare_runs`` say what changed since a previous run. Nothing
here touches raw values: everything in the context is masked evidence, column names, entity types,
counts and verdicts.
"""

from __future__ import annotations

from dpia.report._changes import compare_runs, snapshot
from dpia.report._context import report_context
from dpia.report._document import build_document, findings_of, is_concept
from dpia.report._measures import Measure, measures_for
from dpia.report._model import Document
from dpia.report._pia import pia_exports
from dpia.report._render import render_docx, render_report

__all__ = [
    "Document",
    "Measure",
    "build_document",
    "compare_runs",
    "findings_of",
    "is_concept",
    "measures_for",
    "pia_exports",
    "render_docx",
    "render_report",
    "report_context",
    "snapshot",
]
