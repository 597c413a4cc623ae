"""JupyterLab in headless Chromium runs each notebook top to bottom, as a user would: the kernel
ends idle, no cell shows an error or stderr, every chart cell shows a loaded image, and no raw
sample value is on the page. A screenshot of each executed notebook goes to out/screenshots/."""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from dpia.job._browser import is_local
from tests.browser.conftest import Lab
from tests.conftest import raw_sample_values
from tests.test_notebooks import CHART_CELLS, EXPECTED

pytestmark = pytest.mark.browser

OPEN_TIMEOUT_MS = 120_000
RUN_TIMEOUT_MS = 240_000  # a notebook runs about 35 s here; a busy machine takes longer
SCREENSHOT_WIDTH = 1280
SCREENSHOT_MAX_HEIGHT = 16_000  # Chromium's largest capture

# The notebook in the main area, once its kernel is connected and idle.
_KERNEL_IDLE = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session
    && panel.sessionContext.session.kernel;
  return Boolean(kernel && kernel.status === 'idle' && panel.content && panel.content.model);
}"""
# Done when an error shows (run-all stops there) or when every code cell has its execution count,
# none is queued or running, and the kernel is idle again.
_RUN_FINISHED = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const cells = panel.content.widgets;
  if (cells.some(c => c.model.type === 'code'
      && Array.from(c.model.outputs.toJSON()).some(o => o.output_type === 'error'))) {
    return true;
  }
  const busy = cells.some(c => c.model.type === 'code'
      && (c.model.executionCount === null || c.model.executionState === 'running'
          || (c.promptNode && c.promptNode.textContent.includes('*'))));
  return !busy && kernel && kernel.status === 'idle';
}"""
# Per cell: type, tags, outputs by kind, and every image in its output area with its state.
_CELLS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  return panel.content.widgets.map(c => ({
    type: c.model.type,
    tags: c.model.getMetadata('tags') || [],
    attached: document.body.contains(c.node),
    outputs: c.model.type === 'code' ? c.model.outputs.toJSON().map(
      o => o.output_type === 'stream' ? 'stream:' + o.name : o.output_type) : [],
    images: Array.from(c.node.querySelectorAll('.jp-OutputArea-output img')).map(
      i => ({complete: i.complete, width: i.naturalWidth})),
  }));
}"""
_ERROR_NODES = (
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
    ".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']"
)


@pytest.fixture
def page(browser: tuple[BrowserContext, list[str]]) -> Any:
    context, _ = browser
    page = context.new_page()
    page.set_viewport_size({"width": SCREENSHOT_WIDTH, "height": 900})
    yield page
    page.close()


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_runs_in_jupyterlab(
    lab: Lab,
    browser: tuple[BrowserContext, list[str]],
    page: Page,
    screenshots: Any,
    name: str,
    record_property: Any,
) -> None:
    _, blocked = browser
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))

    # A workspace per notebook: no tab of an earlier test is restored (and starts its kernel).
    page.goto(
        f"{lab.url}/lab/workspaces/{name}/tree/notebooks/{name}.ipynb", timeout=OPEN_TIMEOUT_MS
    )
    page.wait_for_function(_KERNEL_IDLE, timeout=OPEN_TIMEOUT_MS, polling=250)
    started = time.monotonic()
    # Not awaited here: the command's promise settles when the cells have run, which the
    # condition below waits for with its own timeout.
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(_RUN_FINISHED, timeout=RUN_TIMEOUT_MS, polling=500)
    seconds = time.monotonic() - started
    record_property("run_seconds", round(seconds, 1))
    print(f"{name}: all cells ran in {seconds:.1f} s in JupyterLab")
    page.wait_for_load_state("networkidle")

    cells = page.evaluate(_CELLS)
    code = [c for c in cells if c["type"] == "code"]
    assert code, "no code cell on the page"
    assert all(c["attached"] for c in cells), "some cells are not in the DOM (windowing is on)"
    for index, cell in enumerate(cells):
        assert "error" not in cell["outputs"], f"cell {index} shows an error"
        assert "stream:stderr" not in cell["outputs"], f"cell {index} writes to stderr"
    assert page.locator(_ERROR_NODES).count() == 0
    charts = [c for c in cells if "chart" in c["tags"]]
    assert len(charts) == CHART_CELLS[name]
    for cell in charts:
        assert cell["images"], f"a chart cell of {name} shows no image"
        assert all(i["complete"] and i["width"] > 0 for i in cell["images"]), cell["images"]
    assert page.evaluate(_KERNEL_IDLE)

    text = page.evaluate("() => document.body.innerText")
    assert "Traceback" not in text
    leaked = sorted(v for v in raw_sample_values() if v in text)
    assert not leaked, f"{name}: {len(leaked)} raw sample values visible on the page"

    assert not page_errors, page_errors
    assert [url for url in requests if not is_local(url)] == []
    assert blocked == []

    _screenshot(page, screenshots / f"{name}.png")
    # The kernel holds Deduce's lists (about 1 GB): stop it before the next notebook starts one.
    page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")


def _screenshot(page: Page, path: Any) -> None:
    """The whole notebook in one image: JupyterLab scrolls inside a panel, so the viewport is made
    as tall as the notebook's content instead of asking for a full-page capture."""
    page.evaluate(
        """() => { if (!window.jupyterapp.shell.leftCollapsed) {
          return window.jupyterapp.commands.execute('application:toggle-left-area'); } }"""
    )
    height = page.evaluate(
        """() => {
          const panel = window.jupyterapp.shell.currentWidget;
          const scroller = panel.content.node.querySelector('.jp-WindowedPanel-outer')
            || panel.content.node;
          return scroller.scrollHeight + (window.innerHeight - scroller.clientHeight);
        }"""
    )
    page.set_viewport_size(
        {"width": SCREENSHOT_WIDTH, "height": min(SCREENSHOT_MAX_HEIGHT, int(height) + 40)}
    )
    page.wait_for_timeout(500)  # the layout follows the new size
    page.evaluate(  # run-all leaves the notebook scrolled to its last cell
        """() => { const node = window.jupyterapp.shell.currentWidget.content.node;
          (node.querySelector('.jp-WindowedPanel-outer') || node).scrollTop = 0; }"""
    )
    page.wait_for_timeout(300)
    page.screenshot(path=path, full_page=False)
