"""The report in headless Chromium, as an auditor opens and prints it: no console error, nothing
fetched from elsewhere, every image loaded; ``dpia run --pdf`` prints it to an A4 PDF whose pages
hold every section and vendor and no raw sample value. A copy goes to out/report.pdf."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext
from pypdf import PdfReader
from stdnum.nl.bsn import is_valid as is_bsn

from dpia.job._browser import BrowserError, is_local, print_pdf
from dpia.job._leaks import check_outputs
from dpia.register._policy import load_register
from tests.conftest import REPO, SAMPLES, raw_sample_values
from tests.test_job import SECTIONS_NL
from tests.test_report import POINTS_NL

pytestmark = pytest.mark.browser

A4_POINTS = (595.28, 841.89)
# Measured on the samples: 14 pages (the 17 points of the Model DPIA). The band leaves room for
# wording and layout changes but catches a print that lost the tables (too few) or broke every row
# onto its own page (too many).
PAGES = range(11, 19)
CHARTS = 4


@dataclass(frozen=True)
class Printed:
    out: Path
    seconds: float


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    """``dpia run --pdf`` on the samples (without the notebooks, which test_lab runs), in a process
    of its own: it starts its own Chromium, and Playwright's sync API cannot nest in this one's."""
    out = tmp_path_factory.mktemp("report") / "out"
    args = ["run", "--data", str(SAMPLES), "--out", str(out), "--no-notebooks", "--pdf"]
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "dpia", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert "dpia run: pdf\ndpia run: leak gate\n" in done.stderr
    assert "Traceback" not in done.stderr
    (REPO / "out").mkdir(exist_ok=True)
    shutil.copy2(out / "report.pdf", REPO / "out" / "report.pdf")  # for the auditor
    return Printed(out, seconds)


def test_report_in_chromium(printed: Printed, browser: tuple[BrowserContext, list[str]]) -> None:
    context, blocked = browser
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: console.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    try:
        page.goto((printed.out / "report.html").as_uri(), wait_until="load")
        page.wait_for_load_state("networkidle")
        images = page.evaluate(
            "() => Array.from(document.images).map(i => [i.complete, i.naturalWidth])"
        )
        headings = page.evaluate(
            "() => Array.from(document.querySelectorAll('h2')).map(h => h.innerText)"
        )
        text = page.evaluate("() => document.body.innerText")
    finally:
        page.close()
    assert console == []
    assert requests, "the page loaded nothing at all"
    assert [url for url in requests if not is_local(url)] == []
    assert failed == []
    assert blocked == []
    assert len(images) == CHARTS
    assert all(complete and width > 0 for complete, width in images), images
    assert [h.strip() for h in headings[: len(SECTIONS_NL)]] == [
        s.removeprefix("## ") for s in SECTIONS_NL
    ]
    assert not [v for v in raw_sample_values() if v in text]


def test_pdf_is_a4_with_every_section_and_vendor(printed: Printed) -> None:
    reader = PdfReader(printed.out / "report.pdf")
    print(f"dpia run --no-notebooks --pdf: {printed.seconds:.1f} s, {len(reader.pages)} pages")
    assert len(reader.pages) in PAGES
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=1.0)
    assert sum(len(page.images) for page in reader.pages) == CHARTS  # the charts were printed
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    positions = [text.index(section.removeprefix("## ")) for section in SECTIONS_NL]
    assert positions == sorted(positions)
    # Chromium sets "fi" as a ligature (U+FB01): compare the text in its compatibility form.
    plain = unicodedata.normalize("NFKC", text)
    points = [plain.index(point) for point in POINTS_NL]
    assert points == sorted(points)
    for vendor in load_register(SAMPLES / "register.yaml").vendors:
        assert vendor.name in text, vendor.name
    assert "Stop met het verstrekken van het BSN" in text  # toetsmonitor's measure
    raw = raw_sample_values()
    assert not [v for v in raw if v in text]
    # The leak gate of the run read the PDF too; again here, on the file as written.
    assert check_outputs([printed.out / "report.pdf"]) == []


def test_pdf_is_dated_by_the_run(printed: Printed) -> None:
    """Dated by the run's start, not by the printing: the same run prints the same bytes."""
    started = json.loads((printed.out / "manifest.json").read_text("utf-8"))["started"]
    info = PdfReader(printed.out / "report.pdf").metadata
    assert info is not None
    for date in (info.creation_date, info.modification_date):
        assert date is not None
        assert date.isoformat().replace("+00:00", "Z") == started


def test_print_time(
    printed: Printed, browser: tuple[BrowserContext, list[str]], tmp_path: Path
) -> None:
    """The report printed again in the running browser: the same pages, and how long it takes."""
    seconds = print_pdf(printed.out / "report.html", tmp_path / "again.pdf", context=browser[0])
    print(f"report.pdf printed in {seconds:.2f} s (browser running)")
    pages = [
        len(PdfReader(path).pages) for path in (printed.out / "report.pdf", tmp_path / "again.pdf")
    ]
    assert pages[0] == pages[1]


def test_leak_gate_reads_pdf_text(
    tmp_path: Path, browser: tuple[BrowserContext, list[str]]
) -> None:
    """A raw value printed into a PDF is found by the gate, by its text, masked."""
    bsn = next(v for v in sorted(raw_sample_values()) if re.fullmatch(r"\d{9}", v) and is_bsn(v))
    page = tmp_path / "page.html"
    page.write_text(f"<!DOCTYPE html><p>Leerling met BSN {bsn}</p>", encoding="utf-8")
    print_pdf(page, tmp_path / "page.pdf", context=browser[0])
    leaks = check_outputs([tmp_path / "page.pdf"])
    assert [(leak.entity, leak.value) for leak in leaks] == [("NL_BSN", bsn[:4] + "*****")]


def test_print_refuses_a_page_that_reaches_out(
    tmp_path: Path, browser: tuple[BrowserContext, list[str]]
) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<!DOCTYPE html><img src="https://example.org/pixel.png"><p>Hallo</p>', encoding="utf-8"
    )
    with pytest.raises(BrowserError, match=r"asked for the network \(example\.org\)"):
        print_pdf(page, tmp_path / "page.pdf", context=browser[0])
    assert not (tmp_path / "page.pdf").exists()
