"""Great Expectations Data Docs as static, offline HTML: ``datadocs/<vendor>.html`` and an index.

GX renders the page (``ValidationResultsPageRenderer`` + ``DefaultJinjaPageView``), but its
templates load Bootstrap, jQuery, Vega and Font Awesome from CDNs and its logo from S3 (in its
default stylesheet too). The templates that do so are replaced (GX's Jinja loader gets ours in
front of its own) and its stylesheet left out: no CDN, a small inline stylesheet of our own. Scripts are then removed altogether (the page needs none, and the remaining
inline ones expect jQuery), and the page is refused if any external ``src``/``href`` is left, so
a GX upgrade that adds one fails loudly instead of phoning home. The pages show what the results
hold: expectation kwargs, counts, column names and entity types, never a cell value.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dpia.errors import DpiaError
from dpia.messages import render
from dpia.minimise._engine import gx_loaded
from dpia.minimise._verdicts import VendorVerdict
from dpia.outputs import write_text

_CSS = """
body { font-family: system-ui, sans-serif; margin: 0; color: #222; }
nav.dpia { padding: .75rem 1.5rem; border-bottom: 1px solid #ccc; }
.container-fluid { padding: 1rem 1.5rem; }
.row { display: flex; flex-wrap: wrap; }
.col-md-2 { flex: 0 0 18%; padding-right: 1rem; }
.col-md-10 { flex: 1 1 0; min-width: 0; }
.col-12, .col-md-12 { flex: 0 0 100%; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
.card { border: 1px solid #ccc; border-radius: 4px; margin-bottom: 1rem; }
.card-header { background: #f3f3f3; padding: .5rem .75rem; }
.card-body { padding: .75rem; }
.text-danger, .fail { color: #a4001b; }
.text-success, .pass { color: #16692f; }
.collapse { display: block; }
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <title>{{ page_title }}</title>
    <style>{{ dpia_css }}</style>
  </head>
  <body>
    {% include 'top_navbar.j2' %}
    <div class="container-fluid">
      <div class="row">
        {% include 'sidebar.j2' %}
        <div class="col-md-10">
        {% for section in sections %}
          {% set section_loop = loop -%}
          {% include 'section.j2' %}
        {% endfor %}
        </div>
      </div>
    </div>
  </body>
</html>
"""

_TEMPLATES = {
    "page.j2": _PAGE,
    "top_navbar.j2": '<nav class="dpia"><a href="index.html">Data Docs</a> / {{ page_title }}</nav>',
    "ge_info.j2": "<p>Great Expectations {{ ge_version }}</p>",
    "js_script_imports.j2": "",
    "favicon.j2": "",
    "page_action_card.j2": "",
    "cloud-footer.j2": "",
}

_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL)
# A network reference in an attribute, a CSS ``url()`` or ``@import``, with or without a scheme.
_EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|srcset|action|data)\s*=\s*["']?|url\(\s*["']?|@import\s+["']?)"""
    r"""\s*(?:[a-z][a-z0-9+.-]*:)?//""",
    re.IGNORECASE,
)


class DataDocsError(DpiaError):
    """A rendered page would load something from the network."""

    reason = "network_reference"


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def offline(page: str, where: str) -> str:
    """``page`` without scripts; ``DataDocsError`` if it still refers to the network.

    GX suffixes element ids with a random UUID; numbering them in page order instead makes the
    same validation give the same page.
    """
    page = _SCRIPT.sub("", page)
    numbers: dict[str, str] = {}
    page = _UUID.sub(lambda m: numbers.setdefault(m.group(), f"n{len(numbers) + 1}"), page)
    match = _EXTERNAL.search(page)
    if match:
        raise DataDocsError(f"{where}: Data Docs page refers to an external resource")
    return page


def render_page(verdict: VendorVerdict) -> str:
    """The GX Data Docs page of one verdict's validation result, offline."""
    gx_loaded()  # first: the page renders our expectations, they must be registered

    from great_expectations.core.expectation_validation_result import (
        expectationSuiteValidationResultSchema,
    )
    from great_expectations.render.renderer.page_renderer import ValidationResultsPageRenderer
    from great_expectations.render.view.view import DefaultJinjaPageView
    from jinja2 import ChoiceLoader, DictLoader

    result = expectationSuiteValidationResultSchema.load(dict(verdict.gx_result))
    document = ValidationResultsPageRenderer().render(result)
    view = DefaultJinjaPageView()
    loader: Any = view.env.loader
    view.env.loader = ChoiceLoader([DictLoader(_TEMPLATES), loader])
    page: str = view.render(document, dpia_css=_CSS)  # type: ignore[no-untyped-call]  # GX leaves it untyped
    return offline(page, verdict.vendor)


def render_index(verdicts: Sequence[VendorVerdict]) -> str:
    """Our own index: each vendor's verdict and failures, linking to its GX page."""
    rows = []
    for v in verdicts:
        verdict = '<span class="pass">pass</span>' if v.passed else '<span class="fail">FAIL</span>'
        findings = "".join(
            f"<li>{html.escape(render(f.message, 'nl'))}<br>"
            f'<span lang="en">{html.escape(render(f.message, "en"))}</span></li>'
            for f in v.failures
        )
        rows.append(
            f'<tr><td><a href="{html.escape(v.vendor)}.html">{html.escape(v.vendor)}</a></td>'
            f"<td>{html.escape(v.name)}</td><td>{html.escape(v.agreement)}</td>"
            f"<td>{verdict}</td><td><ul>{findings}</ul></td></tr>"
        )
    page = (
        '<!DOCTYPE html>\n<html lang="nl">\n<head><meta charset="UTF-8">'
        f"<title>Minimisation validation</title><style>{_CSS}</style></head>\n<body>\n"
        '<nav class="dpia">Data Docs: minimisation validation</nav>\n'
        '<div class="container-fluid"><table>\n'
        "<tr><th>vendor</th><th>name</th><th>agreement</th><th>verdict</th><th>failures</th></tr>\n"
        + "\n".join(rows)
        + "\n</table></div>\n</body>\n</html>\n"
    )
    return offline(page, "index")


def write_datadocs(verdicts: Sequence[VendorVerdict], base: Path, folder: str) -> list[Path]:
    """Write ``<base>/<folder>/index.html`` and one page per verdict; paths relative to ``base``."""
    written = [Path(folder) / "index.html"]
    write_text(base / folder / "index.html", render_index(verdicts))
    for verdict in verdicts:
        relative = Path(folder) / f"{verdict.vendor}.html"
        write_text(base / relative, render_page(verdict))
        written.append(relative)
    return written
