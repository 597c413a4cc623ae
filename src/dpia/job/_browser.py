"""Headless Chromium: the report printed to PDF, and the one way the workbench starts a browser.

The browser is Debian's ``chromium`` (``/usr/bin/chromium``, or the path in ``$DPIA_CHROMIUM``)
driven by Playwright, whose release is pinned to that Chromium line; Playwright is always given the
executable, so it never downloads a browser. Every start gets a fresh profile in a temporary folder
and ``CHROMIUM_ARGS``, without which Chromium reaches for the network as it starts (component
updates, sync, first-run pages). A route handler aborts every request that is not for a file,
inline data or this machine: a page that names a URL cannot fetch it. The browser tests start
Chromium through ``chromium()`` too. Playwright is imported only when a browser starts.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from dpia.errors import DpiaError

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Route

CHROMIUM_ENV = "DPIA_CHROMIUM"
DEFAULT_CHROMIUM = Path("/usr/bin/chromium")
PLAYWRIGHT_RELEASE = "1.64.1"
# Headless, no sandbox (CI runs as root), and nothing fetched at start: no QUIC probe, no
# background networking, component updates or sync, no first-run pages.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# Schemes that never leave the machine; http(s)/ws(s) only to a loopback address.
_LOCAL_SCHEMES = frozenset({"file", "data", "blob", "about"})
_LOOPBACK_NAMES = frozenset({"localhost"})
PRINT_TIMEOUT_MS = 120_000
_DATES = re.compile(rb"(/(?:CreationDate|ModDate) \(D:)[0-9]{14}(?:Z|[+-][0-9]{2}'[0-9]{2}')")


class BrowserError(DpiaError):
    """Chromium or Playwright is missing or failed, or a page asked for the network."""

    reason = "browser"


def chromium_path() -> Path:
    """The Chromium executable: ``$DPIA_CHROMIUM`` or ``/usr/bin/chromium``; ``BrowserError``
    when it is not an executable file."""
    path = Path(os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM)
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise BrowserError(
            f"{path}: no Chromium there; install Debian's chromium package "
            f"(apt-get install chromium) or set {CHROMIUM_ENV} to its path"
        )
    return path


def ensure_available() -> Path:
    """Check before a long run that a browser can start: Chromium and Playwright are there."""
    path = chromium_path()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise BrowserError(
            f"Playwright is not installed: pip install playwright=={PLAYWRIGHT_RELEASE} "
            "(never `playwright install`: the workbench uses Debian's chromium)"
        ) from None
    return path


def is_local(url: str) -> bool:
    """Whether fetching ``url`` stays on this machine (a file, inline data, a loopback host)."""
    parts = urlsplit(url)
    if parts.scheme in _LOCAL_SCHEMES:
        return True
    if parts.scheme not in {"http", "https", "ws", "wss"} or not parts.hostname:
        return False
    host = parts.hostname.lower()
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def keep_local(blocked: list[str] | None = None) -> Callable[[Route], None]:
    """A route handler that lets requests on this machine through and aborts the rest, appending
    their URLs to ``blocked``."""

    def handle(route: Route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
            return
        if blocked is not None:
            blocked.append(url)
        route.abort("blockedbyclient")

    return handle


@contextmanager
def chromium(*, blocked: list[str] | None = None) -> Iterator[BrowserContext]:
    """A headless Chromium with a fresh profile; requests off this machine are aborted and their
    URLs appended to ``blocked``. ``BrowserError`` when it cannot start.

    Playwright's sync API cannot nest: while this context is open, pass it to ``print_pdf``.
    """
    executable = ensure_available()
    from playwright.sync_api import Error, sync_playwright

    with tempfile.TemporaryDirectory(prefix="dpia-chromium-") as profile, sync_playwright() as pw:
        try:
            context = pw.chromium.launch_persistent_context(
                profile,
                executable_path=executable,
                headless=True,
                args=list(CHROMIUM_ARGS),
            )
        except Error as exc:
            raise BrowserError(
                f"{executable}: Chromium did not start: {_first_line(exc)}"
            ) from None
        try:
            context.route("**/*", keep_local(blocked))
            yield context
        finally:
            context.close()


def print_pdf(
    html: Path,
    pdf: Path,
    *,
    context: BrowserContext | None = None,
    created: dt.datetime | None = None,
) -> float:
    """Print ``html`` to ``pdf`` on A4 with backgrounds, as Chromium prints it (the page's own
    ``@page`` size and margins win), in ``context`` or a Chromium of its own; returns the seconds
    it took. ``created`` (UTC) replaces the printing time in the PDF's dates, so the same report
    gives the same bytes. ``BrowserError`` when the browser fails or the page asked for anything
    off this machine (nothing is fetched, no PDF is left)."""
    started = time.monotonic()
    blocked: list[str] = []
    with ExitStack() as stack:
        if context is None:
            context = stack.enter_context(chromium())
        from playwright.sync_api import Error

        page = context.new_page()
        stack.callback(page.close)
        page.route("**/*", keep_local(blocked))  # this page's own record of what it asked for
        try:
            page.goto(html.resolve().as_uri(), wait_until="load", timeout=PRINT_TIMEOUT_MS)
            page.pdf(path=pdf, format="A4", print_background=True, prefer_css_page_size=True)
        except Error as exc:
            raise BrowserError(f"{html}: printing to PDF failed: {_first_line(exc)}") from None
    if blocked:
        pdf.unlink(missing_ok=True)
        hosts = sorted({urlsplit(url).hostname or urlsplit(url).scheme for url in blocked})
        raise BrowserError(f"{html}: the page asked for the network ({', '.join(hosts)})")
    if created is not None:
        _pin_dates(pdf, created)
    return time.monotonic() - started


def _pin_dates(pdf: Path, created: dt.datetime) -> None:
    # Chromium stamps /CreationDate and /ModDate as D:YYYYMMDDHHMMSS+00'00' in local time; the
    # digits are swapped for the same number of digits, so every byte offset in the file holds.
    stamp = created.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S").encode()
    data = _DATES.sub(lambda m: m.group(1) + stamp + b"+00'00'", pdf.read_bytes())
    pdf.write_bytes(data)


def _first_line(exc: BaseException) -> str:
    # Playwright's messages go on with a call log of many lines; the first one says what failed.
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
