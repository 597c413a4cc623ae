"""The DPIA report: Markdown and self-contained HTML, structured after the Dutch government's
DPIA model (A description, B lawfulness, C risks, D measures) plus the run's manifest.

``report_context`` assembles plain data from what the stages wrote (their JSON forms);
``render_report`` turns it into text. Neither touches raw values: everything in the context is
masked evidence, column names, entity types, counts and verdicts.
"""

from __future__ import annotations

from dpia.report._context import report_context
from dpia.report._measures import Measure, measures_for
from dpia.report._render import render_report

__all__ = ["Measure", "measures_for", "render_report", "report_context"]
