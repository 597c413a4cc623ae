"""Validation of the sample feeds: verdicts, fail-closed behaviour, written results."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dpia.load._export import load_export
from dpia.messages import render
from dpia.minimise import (
    SuiteError,
    VendorVerdict,
    _classify,
    cli_table,
    validate_all,
    validate_vendor,
    write_results,
)
from dpia.minimise import _suites as s
from dpia.minimise._runner import failures_of
from dpia.register._policy import Register, load_register
from dpia.rules import Finding
from tests.conftest import REPO, SAMPLES
from tests.minimisation.conftest import FakeFinding, truth_by_vendor, truth_findings

SUITES = REPO / "expectations"
# rekenplein and cloudsuite send only allowed columns, but rows they may not have (labels.json):
# 4 rows of no pupil of the board, 12 pupils kept beyond 30 days after leaving.
EXPECTED = {
    "leeslijn": True,
    "rekenplein": False,
    "toetsmonitor": False,
    "ouderapp": False,
    "bibliotheek": False,
    "cloudsuite": False,
}


@pytest.fixture(scope="module")
def register() -> Register:
    return load_register(SAMPLES / "register.yaml")


@pytest.fixture(scope="module")
def truth(register: Register) -> dict[str, list[FakeFinding]]:
    """The ground-truth classification of every feed (``labels.json``)."""
    return truth_by_vendor(register)


@pytest.fixture(scope="module")
def verdicts(register: Register, truth: dict[str, list[FakeFinding]]) -> dict[str, VendorVerdict]:
    """The sample feeds with the ground-truth classification."""
    return {v.vendor: v for v in validate_all(register, SUITES, findings=truth)}


def _failed(verdict: VendorVerdict) -> set[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return {(f.expectation, f.columns, f.entities) for f in verdict.failures}


def test_compliant_vendors_pass(verdicts: dict[str, VendorVerdict]) -> None:
    assert verdicts["leeslijn"].passed, verdicts["leeslijn"].failures
    assert verdicts["leeslijn"].failures == ()
    # Their columns keep to the agreement; only the checks of the board's promises fail.
    for vendor in ("rekenplein", "cloudsuite"):
        assert {f.expectation for f in verdicts[vendor].failures} <= set(s.PROMISES)


def test_toetsmonitor_sends_bsn_and_full_dates_of_birth(
    verdicts: dict[str, VendorVerdict],
) -> None:
    toets = verdicts["toetsmonitor"]
    assert not toets.passed
    failed = _failed(toets)
    assert (s.NO_NATIONAL_ID, ("bsn",), ("NL_BSN",)) in failed
    assert (s.ALLOWED_ENTITIES, ("bsn",), ("NL_BSN",)) in failed
    assert (s.BIRTH_DATE_COARSENED, ("geboortedatum",), ("DATE_OF_BIRTH",)) in failed
    # A full date of birth singles pupils out as well.
    assert any(f.expectation == s.K_ANONYMOUS for f in toets.failures)
    bsn = next(f for f in toets.failures if f.expectation == s.NO_NATIONAL_ID)
    assert bsn.count == 2077  # 52 of its 2,129 pupils have no BSN in the feed
    assert render(bsn.message, "nl") == "stuurt BSN in kolom `bsn`: 2.077 waarden"
    assert render(bsn.message, "en") == "sends BSN in column `bsn`: 2,077 values"


def test_ouderapp_sends_special_categories_in_free_text(
    verdicts: dict[str, VendorVerdict],
) -> None:
    ouder = verdicts["ouderapp"]
    assert not ouder.passed
    kinds = {f.expectation: f for f in ouder.failures}
    # Besides the notes: 6 pupils of schools it does not serve and 37 without the parents'
    # consent (labels.json). The 6 carry their school's BRIN in the feed too, but the school
    # check owns that finding: the BRIN check, with the board's exports at hand, judges the form.
    assert set(kinds) == {
        s.ALLOWED_ENTITIES,
        s.NO_SPECIAL_CATEGORY,
        s.SERVED_SCHOOLS,
        s.CONSENT,
    }
    assert kinds[s.SERVED_SCHOOLS].by_school == {"91XA": 5, "93XC": 1}
    assert kinds[s.CONSENT].by_school == {"92XB": 28, "94XD": 9}
    assert kinds[s.ALLOWED_ENTITIES].entities == ("FREE_TEXT",)
    assert kinds[s.NO_SPECIAL_CATEGORY].columns == ("notitie",)
    assert "HEALTH" in kinds[s.NO_SPECIAL_CATEGORY].entities


def test_bibliotheek_is_re_identifiable(verdicts: dict[str, VendorVerdict]) -> None:
    biblio = verdicts["bibliotheek"]
    assert not biblio.passed
    excess = {f.entities[0] for f in biblio.failures if f.expectation == s.ALLOWED_ENTITIES}
    assert excess == {"DATE_OF_BIRTH", "NL_POSTCODE", "GENDER"}
    (k,) = [f for f in biblio.failures if f.expectation == s.K_ANONYMOUS]
    assert k.count == 1
    assert k.share == 1.0
    assert {"geboortedatum", "postcode", "geslacht"} <= set(k.columns)


def test_verdict_bookkeeping(verdicts: dict[str, VendorVerdict], register: Register) -> None:
    leeslijn = verdicts["leeslijn"]
    assert leeslijn.rows == 1693
    assert leeslijn.evaluated == 11
    assert leeslijn.agreement == "VWO-2024-017"
    assert leeslijn.feed == "feeds/leeslijn.csv"
    assert leeslijn.seconds > 0
    assert list(verdicts) == [v.id for v in register.vendors]


@pytest.mark.slow
def test_sample_verdicts_with_the_real_column_scanner(register: Register) -> None:
    """End to end: no findings given, ``dpia.detect.scan_frame`` classifies the columns."""
    found = {v.vendor: v for v in validate_all(register, SUITES)}
    assert {vendor: v.passed for vendor, v in found.items()} == EXPECTED
    toets = _failed(found["toetsmonitor"])
    assert (s.NO_NATIONAL_ID, ("bsn",), ("NL_BSN",)) in toets
    assert (s.BIRTH_DATE_COARSENED, ("geboortedatum",), ("DATE_OF_BIRTH",)) in toets
    ouder = _failed(found["ouderapp"])
    assert (s.ALLOWED_ENTITIES, ("notitie",), ("FREE_TEXT",)) in ouder
    assert any(kind == s.NO_SPECIAL_CATEGORY and cols == ("notitie",) for kind, cols, _ in ouder)
    biblio = found["bibliotheek"]
    excess = {f.entities[0] for f in biblio.failures if f.expectation == s.ALLOWED_ENTITIES}
    assert excess == {"DATE_OF_BIRTH", "NL_POSTCODE", "GENDER"}
    assert [f.count for f in biblio.failures if f.expectation == s.K_ANONYMOUS] == [1]


def test_a_vendor_subset(register: Register, truth: dict[str, list[FakeFinding]]) -> None:
    found = validate_all(register, SUITES, vendors=["bibliotheek", "leeslijn"], findings=truth)
    assert [v.vendor for v in found] == ["leeslijn", "bibliotheek"]


def test_without_findings_the_scanner_runs_once_per_validation(
    register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def counting(frame: pd.DataFrame) -> list[FakeFinding]:
        calls.append(1)
        return truth_findings(frame)

    monkeypatch.setattr(_classify, "scan_frame", counting)
    verdict = validate_vendor(register, "toetsmonitor", SUITES)
    assert calls == [1]
    assert (s.NO_NATIONAL_ID, ("bsn",), ("NL_BSN",)) in _failed(verdict)


def test_given_findings_go_with_the_frame_and_the_scanner_stays_idle(
    register: Register, truth: dict[str, list[FakeFinding]], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(frame: pd.DataFrame) -> list[Finding]:
        raise AssertionError("the scanner ran although findings were given")

    monkeypatch.setattr(_classify, "scan_frame", refuse)
    verdict = validate_vendor(register, "toetsmonitor", SUITES, findings=truth["toetsmonitor"])
    assert (s.BIRTH_DATE_COARSENED, ("geboortedatum",), ("DATE_OF_BIRTH",)) in _failed(verdict)
    # What the channel rests on: pandas keeps attrs on the copies and slices made of a frame,
    # and the caller's own frame is left unmarked.
    feed = load_export(register.feed_path(register.vendor("toetsmonitor"))).frame
    carrying = _classify.with_findings(feed, truth["toetsmonitor"])
    assert _classify.FINDINGS not in feed.attrs
    for derived in (carrying.copy(), carrying.iloc[:10], carrying[list(feed.columns[::-1])]):
        names = [f.name for f in _classify.column_findings(derived)]
        assert names == [str(c) for c in derived.columns]


def test_a_check_that_raises_fails_the_vendor(
    register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(frame: pd.DataFrame) -> list[Finding]:
        raise RuntimeError("scanner crashed on 123456782")

    monkeypatch.setattr(_classify, "scan_frame", broken)
    verdict = validate_vendor(register, "leeslijn", SUITES)
    assert not verdict.passed
    errors = [f for f in verdict.failures if f.message.code == "failure.error"]
    assert {f.expectation for f in errors} >= {s.ALLOWED_ENTITIES, s.K_ANONYMOUS}
    assert all(render(f.message, "en").endswith("(RuntimeError)") for f in errors)
    # The exception's message quotes a value: neither verdict nor written files may hold it.
    assert "123456782" not in json.dumps(dict(verdict.gx_result))
    write_results([verdict], tmp_path)
    for path in (p for p in tmp_path.rglob("*") if p.is_file()):
        assert "123456782" not in path.read_text("utf-8")


def test_findings_that_skip_a_column_fail_closed(
    register: Register, truth: dict[str, list[FakeFinding]]
) -> None:
    partial = truth["leeslijn"][1:]
    verdict = validate_vendor(register, "leeslijn", SUITES, findings=partial)
    assert not verdict.passed
    # Every check that reads the findings fails with the mismatch, none passes on a guess.
    errors = [f for f in verdict.failures if f.message.code == "failure.error"]
    assert errors
    assert all(render(f.message, "en").endswith("(ValueError)") for f in errors)


def test_missing_results_are_an_error() -> None:
    with pytest.raises(SuiteError, match="1 results for 2 expectations"):
        failures_of({"results": [{"success": True}]}, 2, Path("x.json"))


def test_suite_for_another_vendor_is_refused(
    register: Register, truth: dict[str, list[FakeFinding]], tmp_path: Path
) -> None:
    (tmp_path / "leeslijn.json").write_text(
        (SUITES / "rekenplein.json").read_text("utf-8"), encoding="utf-8"
    )
    with pytest.raises(SuiteError, match="suite name 'rekenplein' is not vendor 'leeslijn'"):
        validate_vendor(register, "leeslijn", tmp_path, findings=truth["leeslijn"])


def test_missing_suite(
    register: Register, truth: dict[str, list[FakeFinding]], tmp_path: Path
) -> None:
    with pytest.raises(SuiteError, match="no such suite"):
        validate_vendor(register, "leeslijn", tmp_path, findings=truth["leeslijn"])


def test_no_network_during_validation(
    register: Register, truth: dict[str, list[FakeFinding]], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("network access during validation")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    validate_vendor(register, "cloudsuite", SUITES, findings=truth["cloudsuite"])
    assert os.environ["GX_ANALYTICS_ENABLED"] == "false"


# --- written results ---------------------------------------------------------------------------

SENSITIVE_COLUMNS = {
    "bsn",
    "eck_id",
    "roepnaam",
    "voornaam",
    "achternaam",
    "leerling_roepnaam",
    "leerling_achternaam",
    "ouder_naam",
    "email",
    "email_ouder",
    "telefoon_ouder",
    "notitie",
    "geboortedatum",
    "postcode",
    "lenersnummer",
}


def _sample_values(register: Register) -> set[str]:
    """Raw personal values from the feeds, long enough not to occur by accident."""
    values: set[str] = set()
    for vendor in register.vendors:
        frame = load_export(register.feed_path(vendor)).frame
        for column in SENSITIVE_COLUMNS & set(frame.columns):
            values.update(v for v in frame[column] if len(v) >= 6)
    return values


@pytest.fixture(scope="module")
def written(verdicts: dict[str, VendorVerdict], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    write_results(list(verdicts.values()), out)
    return out


def test_results_layout(written: Path, verdicts: dict[str, VendorVerdict]) -> None:
    assert sorted(p.name for p in (written / "validation").iterdir()) == sorted(
        [*(f"{v}.json" for v in verdicts), "optional_fields.json"]
    )
    assert sorted(p.name for p in (written / "datadocs").iterdir()) == sorted(
        ["index.html", *(f"{v}.html" for v in verdicts)]
    )
    summary = json.loads((written / "validation" / "toetsmonitor.json").read_text("utf-8"))
    assert summary["passed"] is False
    assert summary["vendor"] == "toetsmonitor"
    assert list(summary) == sorted(summary)
    assert "stuurt BSN in kolom `bsn`: 2.077 waarden" in [f["nl"] for f in summary["failures"]]


def test_no_raw_value_in_any_written_file(written: Path, register: Register) -> None:
    values = _sample_values(register)
    assert len(values) > 5000  # BSNs, e-mail addresses, names, notes, ECK iDs, dates, ...
    for path in sorted(p for p in written.rglob("*") if p.is_file()):
        text = path.read_text("utf-8")
        leaked = [v for v in values if v in text]
        assert not leaked, f"{path.name} holds {len(leaked)} raw values"


def test_data_docs_load_nothing_from_the_network(written: Path) -> None:
    for page in sorted((written / "datadocs").glob("*.html")):
        html = page.read_text("utf-8")
        assert "<script" not in html.lower()
        assert not re.search(r"https?://|//cdn|unpkg|jsdelivr|bootstrapcdn|amazonaws", html, re.I)
    toets = (written / "datadocs" / "toetsmonitor.html").read_text("utf-8")
    assert "No cell in any column is a valid NL_BSN, NL_ONDERWIJSNUMMER." in toets


def test_writing_replaces_earlier_results(
    verdicts: dict[str, VendorVerdict], tmp_path: Path
) -> None:
    write_results(list(verdicts.values()), tmp_path)
    write_results([verdicts["leeslijn"]], tmp_path)
    assert sorted(p.name for p in (tmp_path / "validation").iterdir()) == [
        "leeslijn.json",
        "optional_fields.json",
    ]


def test_cli_table(verdicts: dict[str, VendorVerdict]) -> None:
    table = cli_table(list(verdicts.values()), "en")
    lines = table.splitlines()
    assert lines[0].split() == ["vendor", "agreement", "rows", "verdict", "finding"]
    assert re.match(r"leeslijn\s+VWO-2024-017\s+1693\s+pass\s+-$", lines[2])
    toets = [i for i, line in enumerate(lines) if line.startswith("toetsmonitor")]
    assert len(toets) == 1
    assert "FAIL" in lines[toets[0]]
    assert "sends BSN in column `bsn`: 2,077 values" in table
    dutch = cli_table(list(verdicts.values()), "nl")
    assert dutch.startswith("leverancier")
    assert "VOLDOET NIET" in dutch


def test_importing_the_package_does_not_import_great_expectations() -> None:
    code = (
        "import sys, dpia.minimise\n"
        "from dpia.minimise import build_suites\n"
        "from dpia.register._policy import load_register\n"
        f"build_suites(load_register({str(SAMPLES / 'register.yaml')!r}))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'great_expectations'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "[]"


def test_given_findings_are_used_and_must_name_every_column(register: Register) -> None:
    """``dpia run`` hands validation its own scan: the verdict follows those findings, and
    findings that miss a column of the feed are an error, never a pass."""
    feed = load_export(register.feed_path(register.vendor("leeslijn"))).frame
    truth = truth_findings(feed)
    (passed,) = validate_all(register, SUITES, vendors=["leeslijn"], findings={"leeslijn": truth})
    assert passed.passed
    first = str(feed.columns[0])
    wrong = [FakeFinding(first, "NL_BSN"), *(f for f in truth if f.name != first)]
    (failed,) = validate_all(register, SUITES, vendors=["leeslijn"], findings={"leeslijn": wrong})
    assert not failed.passed
    assert any("NL_BSN" in f.entities for f in failed.failures)
    (broken,) = validate_all(
        register, SUITES, vendors=["leeslijn"], findings={"leeslijn": truth[1:]}
    )
    assert not broken.passed
