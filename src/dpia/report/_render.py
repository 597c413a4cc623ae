"""Render the report's document to Markdown and to self-contained HTML (charts inlined, no links
out). Both come from one ``Document`` (``build_document``), as the Word file does."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from dpia.report._context import CHARTS
from dpia.report._document import build_document, charts_present
from dpia.report._docx import to_docx
from dpia.report._model import Answer, Document, Heading, Image, Items, Para, Question, Table


def _markdown_text(value: object) -> str:
    """Text in Markdown: no column breaks, no emphasis from ``*`` or ``_``, no markup; code
    spans (between backticks) are kept as they are."""
    parts = str(value).replace("\n", " ").split("`")
    for index in range(0, len(parts), 2):  # outside code spans only
        for char in "\\*_[]<>#":
            parts[index] = parts[index].replace(char, "\\" + char)
    return "`".join(parts).replace("|", "\\|")


def to_markdown(document: Document, images: Mapping[str, str]) -> str:
    """``document`` as Markdown; ``images`` maps a chart name to its link (a path or a data URI)."""
    out = [f"# {_markdown_text(document.title)}", ""]
    for block in document.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * (block.level + 1)} {_markdown_text(block.text)}", ""]
        elif isinstance(block, Para):
            out += [_markdown_text(block.text), ""]
        elif isinstance(block, Answer | Question):
            out += [f"> **{_markdown_text(block.label)}** {_markdown_text(block.text)}", ""]
        elif isinstance(block, Table):
            out.append("| " + " | ".join(_markdown_text(h) for h in block.header) + " |")
            out.append(
                "|"
                + "|".join(
                    "---:" if block.is_numeric(i) else "---" for i in range(len(block.header))
                )
                + "|"
            )
            out += ["| " + " | ".join(_markdown_text(c) for c in row) + " |" for row in block.rows]
            out.append("")
        elif isinstance(block, Items):
            out += [
                f"{f'{n}.' if block.numbered else '-'} {_markdown_text(item)}"
                for n, item in enumerate(block.items, 1)
            ]
            out.append("")
        elif isinstance(block, Image) and block.name in images:
            out += [f"![{_markdown_text(block.caption)}]({images[block.name]})", ""]
    return "\n".join(out)


def chart_names(charts_dir: Path) -> list[str]:
    return [name for name, _ in CHARTS if (charts_dir / f"{name}.png").is_file()]


def render_document(context: Mapping[str, Any], charts_dir: Path) -> Document:
    """The report's ``Document``, with the charts the run drew."""
    return charts_present(build_document(context), chart_names(charts_dir))


def render_report(context: Mapping[str, Any], charts_dir: Path) -> tuple[str, str]:
    """``(html, markdown)``. The Markdown links the PNGs under ``charts/``; the HTML is that
    Markdown rendered (raw HTML off, so no text from an export can become markup) with each chart
    inlined as a data URI, so the file opens offline."""
    document = render_document(context, charts_dir)
    names = chart_names(charts_dir)
    linked = {name: f"charts/{name}.png" for name in names}
    inlined = {
        name: "data:image/png;base64,"
        + base64.b64encode((charts_dir / f"{name}.png").read_bytes()).decode("ascii")
        for name in names
    }
    markdown = to_markdown(document, linked)
    body = (
        MarkdownIt("commonmark", {"html": False})
        .enable("table")
        .render(to_markdown(document, inlined))
    )
    env = Environment(
        loader=PackageLoader("dpia.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    html = env.get_template("report.html.j2").render(
        lang=context["lang"],
        title=document.title,
        body=Markup(body),
    )
    return html, markdown


def render_docx(context: Mapping[str, Any], charts_dir: Path, created: dt.datetime) -> bytes:
    """The report as the bytes of a Word file, dated ``created`` (the run's start)."""
    register = context["register"]
    author = register.assessment.sign_off.author or context["board"]
    return to_docx(render_document(context, charts_dir), charts_dir, created=created, author=author)
