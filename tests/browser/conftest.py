"""Fixtures of the browser suite: one headless Chromium (``dpia.job._browser.chromium``, the workbench's
own launch recipe) and one JupyterLab server on a free loopback port with a temporary root.

No skip when Chromium or Playwright is missing: the suite fails, as it would for a user.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext

import dpia._offline  # noqa: F401  # the offline variables, passed on to the server and kernels
from dpia.job._browser import chromium
from tests.conftest import REPO, SAMPLES

SCREENSHOTS = REPO / "out" / "screenshots"
SERVER_START_TIMEOUT = 120.0
# The settings JupyterLab starts with: every cell in the DOM (no windowing, so the page text and
# screenshots hold the whole notebook), no news or update checks (they would go online).
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}
SERVER_CONFIG = """\
from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # empty token, no XSRF check, window.jupyterapp exposed
c.ServerApp.ip = "127.0.0.1"
c.ServerApp.port = {port}
c.ServerApp.root_dir = {root!r}
c.ServerApp.allow_root = True  # CI runs as root
c.ServerApp.terminals_enabled = False
c.LabApp.workspaces_dir = {workspaces!r}
c.LabApp.user_settings_dir = {settings!r}
# Nothing fetched by the server: no news feed, update check or extension index.
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
c.LabApp.extension_manager = "readonly"
"""


@dataclass(frozen=True)
class Lab:
    url: str
    root: Path
    log: Path


@pytest.fixture(scope="session")
def browser() -> Iterator[tuple[BrowserContext, list[str]]]:
    """One Chromium for the session and the list of requests its route handler aborted."""
    blocked: list[str] = []
    with chromium(blocked=blocked) as context:
        yield context, blocked


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """``jupyter lab`` of this interpreter, its root a temporary folder laid out as the repository
    (``notebooks/``, ``data_samples/``) so that the notebooks' default parameters hold."""
    root = tmp_path_factory.mktemp("lab")
    (root / "notebooks").mkdir()
    for notebook in sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        shutil.copy2(notebook, root / "notebooks")  # not the .py pairs: no jupytext pairing
    shutil.copytree(SAMPLES, root / "data_samples")
    home = root.parent / f"{root.name}-home"
    settings, workspaces, temp = home / "settings", home / "workspaces", home / "tmp"
    for folder in (settings, workspaces, temp, home / "config", home / "data", home / "runtime"):
        folder.mkdir(parents=True)
    for name, values in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    port = _free_port()
    config = home / "jupyter_server_config.py"
    config.write_text(
        SERVER_CONFIG.format(
            port=port, root=str(root), workspaces=str(workspaces), settings=str(settings)
        ),
        encoding="utf-8",
    )
    env = {
        **os.environ,
        # Only this configuration, no user's ~/.jupyter; galata's temporary folders in ours.
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_GALATA_ROOT_DIR": str(root),
        "TMPDIR": str(temp),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    log = home / "server.log"
    with log.open("wb") as stream:
        server = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", f"--config={config}"],
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=stream,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(server, f"{url}/api/status", log)
        yield Lab(url, root, log)
    finally:
        server.terminate()  # the server shuts its kernels down on SIGTERM
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_up(server: subprocess.Popen[bytes], status: str, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"jupyter lab exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(status, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    pytest.fail(f"jupyter lab did not answer within {SERVER_START_TIMEOUT} s")


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
