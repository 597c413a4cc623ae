"""Execute the workbench notebooks and render them as self-contained HTML.

``execute_notebooks`` runs each notebook with papermill in a fresh ``python3`` kernel (the
current interpreter's), talking to it over IPC sockets in a temporary folder that is also the
kernel's working folder, so no kernel file lands in the repository or the output folder. It writes
``<out>/notebooks/<name>.ipynb``, stripped of papermill's timing metadata so that the same inputs
give the same bytes, and ``<out>/notebooks/<name>.html`` without code cells and without any
reference to a URL (no MathJax, RequireJS, fonts or widgets from a CDN): the file opens offline.

A failing cell raises ``NotebookError`` naming the notebook, the cell and the exception's class,
and nothing is written (the notebooks themselves may have written below ``out_dir``).
Importing this module is cheap: papermill and nbconvert are imported when a notebook runs.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dpia.errors import DpiaError
from dpia.outputs import write_text

if TYPE_CHECKING:
    from nbformat import NotebookNode

KERNEL_NAME = "python3"
NOTEBOOKS_DIR = "notebooks"
PATH_PARAMETERS = ("data_dir", "register", "out_dir")
INJECTED_TAG = "injected-parameters"
# Library errors whose messages are written for the user and never quote a cell value; any other
# exception is named by its class only, as its message might.
SAFE_MESSAGES = frozenset({"ExportError", "RegisterError", "SuiteError"})
# Kernel command-line options: no IPython history database in the user's home.
KERNEL_ARGUMENTS = ("--HistoryManager.enabled=False",)

# A reference the browser would fetch: src/href attributes, CSS url() and @import.
EXTERNAL = re.compile(
    r"""(?:\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//)|(?:url\(\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:@import\s+["']?\s*(?:https?:)?//)""",
    re.IGNORECASE,
)
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_URL = re.compile(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s\"'`)]*", re.IGNORECASE)
_STYLE = re.compile(r"<style\b[^>]*>.*?</style>", re.IGNORECASE | re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# JupyterLab's look without the blocks that load scripts: RequireJS, MathJax (and its
# configuration), Mermaid and the widget manager, all fetched from a CDN by the stock template.
OFFLINE_TEMPLATE = "dpia_offline.html.j2"
_OFFLINE_TEMPLATE_SOURCE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""
_EXTERNAL_TAG = re.compile(
    r"""<script\b[^>]*\bsrc\s*=\s*["']?\s*(?:https?:)?//[^>]*>\s*</script>"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//[^>]*/?>""",
    re.IGNORECASE,
)


class NotebookError(DpiaError):
    """A notebook failed: ``path``, the 0-based index of the failing cell in that notebook file
    (``None`` when the kernel itself failed) and the exception's class name."""

    reason = "notebook_failed"

    def __init__(self, path: Path, cell: int | None, error: str, detail: str | None = None):
        self.path = path
        self.cell = cell
        self.error = error
        self.detail = detail
        where = f"{path}" if cell is None else f"{path} cell {cell}"
        failed = f"{error}: {detail}" if detail else error
        super().__init__(f"{where}: the notebook failed with {failed}")


def execute_notebooks(
    notebooks: Sequence[Path],
    out_dir: Path,
    parameters: Mapping[str, Any],
    *,
    recorded_parameters: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Execute ``notebooks`` in order and write each, executed and as HTML, to
    ``out_dir/notebooks/``; returns the paths written (``.ipynb`` then ``.html`` per notebook).

    ``parameters`` go to each notebook's ``parameters`` cell (``data_dir``, ``register``,
    ``out_dir``, ``lang``); relative paths among them are made absolute (the kernel runs in a
    temporary folder) and ``out_dir`` defaults to ``out_dir``. ``recorded_parameters``, when
    given, are what the executed notebooks record in their injected-parameters cell instead:
    a caller that executes into a staging folder records the folder the files end up in, so that
    the notebooks of two runs are the same bytes and can be run again where they lie.
    Raises ``NotebookError`` when a cell fails, writing nothing.
    """
    out_dir = Path(out_dir)
    values = notebook_parameters(parameters, out_dir)
    recorded = None
    if recorded_parameters is not None:
        recorded = notebook_parameters({**values, **recorded_parameters}, out_dir)
    rendered: list[tuple[Path, str]] = []
    with tempfile.TemporaryDirectory(prefix="dpia-kernels-") as work:
        for index, notebook in enumerate(notebooks):
            folder = Path(work) / f"{index:02d}"
            folder.mkdir()
            executed = execute_notebook(Path(notebook), values, folder)
            if recorded is not None:
                record_parameters(executed, recorded)
            target = out_dir / NOTEBOOKS_DIR / Path(notebook).name
            rendered.append((target, notebook_json(executed)))
            rendered.append((target.with_suffix(".html"), notebook_html(executed, target.stem)))
    for path, text in rendered:
        write_text(path, text)
    return [path for path, _ in rendered]


def notebook_parameters(parameters: Mapping[str, Any], out_dir: Path) -> dict[str, Any]:
    """``parameters`` with the path parameters absolute and ``out_dir`` filled in."""
    values = dict(parameters)
    values.setdefault("out_dir", str(out_dir))
    for name in PATH_PARAMETERS:
        if values.get(name) is not None:
            values[name] = str(Path(values[name]).resolve())
    return values


def execute_notebook(path: Path, parameters: Mapping[str, Any], work: Path) -> NotebookNode:
    """Run one notebook with papermill in a kernel whose working folder and IPC sockets are in
    ``work``; the executed notebook, normalised (``normalise``)."""
    import papermill
    from papermill.exceptions import PapermillExecutionError
    from traitlets.config import Config

    # nbclient creates (and so shuts down and cleans up) the kernel manager; the configuration
    # puts its sockets and connection file in ``work``.
    config = Config(
        {
            "KernelManager": {
                "transport": "ipc",
                "ip": str(work / "kernel"),
                "connection_file": str(work / "kernel.json"),
            }
        }
    )
    try:
        executed = papermill.execute_notebook(
            str(path),
            None,  # nothing written by papermill: the result is normalised first
            parameters=dict(parameters),
            kernel_name=KERNEL_NAME,
            cwd=str(work),
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            config=config,
            # The outputs are in by then: stop the kernel at once rather than ask and wait (a
            # kernel slow to exit would be interrupted and log a KeyboardInterrupt on stderr).
            shutdown_kernel="immediate",
            extra_arguments=list(KERNEL_ARGUMENTS),
        )
    except PapermillExecutionError as exc:
        detail = _first_line(exc.evalue) if exc.ename in SAFE_MESSAGES else None
        raise NotebookError(path, _source_cell(path, exc.cell_index), exc.ename, detail) from None
    except Exception as exc:  # the kernel died, would not start or timed out
        raise NotebookError(path, None, type(exc).__name__) from None
    return normalise(executed)


def _first_line(text: str | None) -> str | None:
    return text.strip().splitlines()[0] if text and text.strip() else None


def _source_cell(path: Path, executed_index: int) -> int | None:
    """The index in the notebook file of cell ``executed_index`` of the executed notebook, which
    has papermill's injected-parameters cell right after the ``parameters`` cell; ``None`` for the
    injected cell itself."""
    import nbformat

    cells = nbformat.read(path, as_version=4).cells  # type: ignore[no-untyped-call]
    tagged = [i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", [])]
    if not tagged:
        return executed_index - 1 if executed_index > 0 else None
    injected = tagged[0] + 1
    if executed_index == injected:
        return None
    return executed_index - 1 if executed_index > injected else executed_index


def record_parameters(notebook: NotebookNode, parameters: Mapping[str, Any]) -> None:
    """Rewrite the injected-parameters cell of an executed notebook to assign ``parameters``,
    as papermill would have written it."""
    from papermill.translators import translate_parameters

    for cell in notebook.cells:
        if INJECTED_TAG in cell.metadata.get("tags", []):
            cell.source = translate_parameters(
                KERNEL_NAME, "python", dict(parameters), "Parameters"
            )


def normalise(notebook: NotebookNode) -> NotebookNode:
    """``notebook`` without what differs from run to run: papermill's metadata (times,
    parameters, paths), each cell's execution timestamps, the random id of the injected cell."""
    notebook.metadata.pop("papermill", None)
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if INJECTED_TAG in cell.metadata.get("tags", []):
            cell["id"] = INJECTED_TAG
    return notebook


def notebook_json(notebook: NotebookNode) -> str:
    """The notebook file's text, as nbformat writes it, ending in a newline."""
    import nbformat

    text: str = nbformat.writes(notebook)  # type: ignore[no-untyped-call]
    return text + "\n"


def notebook_html(notebook: NotebookNode, title: str) -> str:
    """The notebook as one HTML page titled ``title``, without code cells or prompts, that loads
    nothing from the network; ``ValueError`` if a reference to a URL were left."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(  # type: ignore[no-untyped-call]
        template_name="lab",
        template_file=OFFLINE_TEMPLATE,
        extra_loaders=[DictLoader({OFFLINE_TEMPLATE: _OFFLINE_TEMPLATE_SOURCE})],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        mathjax_url="",
        require_js_url="",
        mermaid_js_url="",
        mermaid_layout_elk_js_url="",
    )
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    html = _STYLE.sub(_without_url_comments, _EXTERNAL_TAG.sub("", body))
    found = external_reference(html)
    if found:
        raise ValueError(f"the notebook HTML still refers to the network: {found!r}")
    return html


def _without_url_comments(style: re.Match[str]) -> str:
    """A ``<style>`` element without the CSS comments that cite a web page (credits in
    JupyterLab's style sheets): nothing fetches them, but an offline page should not name URLs."""
    return _CSS_COMMENT.sub(lambda c: "" if "://" in c.group(0) else c.group(0), style.group(0))


def external_reference(html: str) -> str | None:
    """The first thing in ``html`` a browser would fetch from elsewhere (a ``src``/``href``, a
    CSS ``url()`` or ``@import``, a script's ``import`` of a URL), or ``None``."""
    found = EXTERNAL.search(html)
    if found:
        return found.group(0)
    for script in _SCRIPT.finditer(html):
        url = _URL.search(script.group(1))
        if url:
            return url.group(0)
    return None
