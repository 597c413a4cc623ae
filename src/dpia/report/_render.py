"""Render the report context to Markdown and to self-contained HTML (charts inlined, no links out)."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from dpia.messages import Param, render


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("dpia.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pct"] = lambda value: "-" if value is None else f"{value:.0%}"
    env.filters["md"] = _markdown_text
    env.filters["code"] = _code
    return env


def _markdown_text(value: object) -> str:
    """Text in a Markdown table cell: no column breaks, no emphasis from ``*`` or ``_``; our own
    sentences keep their `code` spans."""
    parts = str(value).replace("\n", " ").split("`")
    for index in range(0, len(parts), 2):  # outside code spans only
        for char in "\\*_[]<>":
            parts[index] = parts[index].replace(char, "\\" + char)
    return "`".join(parts).replace("|", "\\|")


def _code(value: object) -> str:
    """A value as an inline code span (masked evidence keeps its ``*``)."""
    return "`" + str(value).replace("`", "'").replace("|", "\\|").replace("\n", " ") + "`"


def render_report(context: Mapping[str, Any], charts_dir: Path) -> tuple[str, str]:
    """``(html, markdown)``. One Markdown template is the single source: the Markdown links the
    PNGs under ``charts/``; the HTML is that Markdown rendered (raw HTML off, so no text from an
    export can become markup) with each chart inlined as a data URI, so the file opens offline."""
    env = _environment()
    lang = context["lang"]

    def t(code: str, **params: Param) -> str:
        """The template's words: ``{{ t("report.title") }}``."""
        return render(code, lang, **params)

    names = [name for name, _ in context["charts"] if (charts_dir / f"{name}.png").is_file()]
    linked = {name: f"charts/{name}.png" for name in names}
    inlined = {
        name: "data:image/png;base64,"
        + base64.b64encode((charts_dir / f"{name}.png").read_bytes()).decode("ascii")
        for name in names
    }
    template = env.get_template("report.md.j2")
    markdown = template.render(**context, t=t, images=linked)
    body = (
        MarkdownIt("commonmark", {"html": False})
        .enable("table")
        .render(template.render(**context, t=t, images=inlined))
    )
    html = env.get_template("report.html.j2").render(
        lang=lang, title=f"{t('report.title')}: {context['board']}", body=Markup(body)
    )
    return html, markdown
