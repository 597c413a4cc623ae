"""Suites from the register: structure per agreement, stable files, committed suites current."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from dpia.minimise import _suites as s
from dpia.minimise import build_suites, write_suites
from dpia.minimise.__main__ import main
from dpia.minimise._engine import gx_loaded
from dpia.outputs import to_json
from dpia.register._policy import Register, load_register
from dpia.register._taxonomy import QUASI_IDENTIFIERS, SPECIAL_TYPES
from tests.conftest import MINIMAL_REGISTER, REPO, SAMPLES

COMMITTED = REPO / "expectations"


def _register() -> Register:
    return load_register(SAMPLES / "register.yaml")


def _kinds(suite: dict[str, Any]) -> list[str]:
    return [e["type"] for e in suite["expectations"]]


def _kwargs(suite: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["kwargs"] for e in suite["expectations"] if e["type"] == kind]


def test_one_suite_per_vendor_named_after_it() -> None:
    suites = build_suites(_register())
    assert list(suites) == [
        "leeslijn",
        "rekenplein",
        "toetsmonitor",
        "ouderapp",
        "bibliotheek",
        "cloudsuite",
    ]
    assert all(suite["name"] == vendor for vendor, suite in suites.items())


def test_suite_meta_records_the_agreement_without_paths() -> None:
    suite = build_suites(_register())["toetsmonitor"]
    assert suite["meta"] == {
        "agreement": {"date": "2023-11-01", "reference": "VWO-2023-104"},
        "allowed": ["DATE_OF_BIRTH", "ECK_ID", "PERSON"],
        "date_of_birth": "year",
        "feed": "feeds/toetsmonitor.csv",
        "generated_by": "dpia.minimise",
        "k_anonymity": 5,
        "schools": ["91XA", "92XB", "93XC", "94XD"],
        "vendor": "Toetsmonitor Leerlingvolgsystemen B.V.",
    }
    assert str(SAMPLES) not in json.dumps(suite)
    assert all(e["meta"]["agreement"] == "VWO-2023-104" for e in suite["expectations"])


def test_every_agreement_gets_the_checks_it_needs() -> None:
    suites = build_suites(_register())
    toets = suites["toetsmonitor"]
    assert _kinds(toets) == [
        s.ALLOWED_ENTITIES,
        s.NO_NATIONAL_ID,
        s.NO_SPECIAL_CATEGORY,
        s.BIRTH_DATE_COARSENED,
        s.K_ANONYMOUS,
        s.IDENTIFIERS_WELL_FORMED,
        s.IDENTIFIERS_WELL_FORMED,
        s.ROW_COUNT,
        # The board's promises (the register lists the board's exports): no consent check, its
        # legal basis is a legal obligation.
        s.SERVED_SCHOOLS,
        s.RETENTION,
        s.MATCH_BOARD,
    ]
    assert _kwargs(toets, s.RETENTION) == [{"retention": "P2Y", "date": "2025-10-01"}]
    assert _kwargs(suites["ouderapp"], s.CONSENT) == [{"consent": "ouderapp"}]
    assert _kwargs(toets, s.ALLOWED_ENTITIES) == [
        {"allowed": ["DATE_OF_BIRTH", "ECK_ID", "PERSON"]}
    ]
    assert _kwargs(toets, s.NO_NATIONAL_ID) == [{"identifiers": ["NL_BSN", "NL_ONDERWIJSNUMMER"]}]
    assert _kwargs(toets, s.NO_SPECIAL_CATEGORY) == [{"types": list(SPECIAL_TYPES)}]
    assert _kwargs(toets, s.BIRTH_DATE_COARSENED) == [{"form": "year"}]
    (k,) = _kwargs(toets, s.K_ANONYMOUS)
    assert k["threshold"] == 5
    assert k["quasi_identifiers"] == list(QUASI_IDENTIFIERS)
    # bibliotheek's agreement allows no ECK iD: no ECK shape check, only BRIN's.
    biblio = suites["bibliotheek"]
    assert [kw["identifier"] for kw in _kwargs(biblio, s.IDENTIFIERS_WELL_FORMED)] == ["BRIN"]
    assert _kwargs(biblio, s.IDENTIFIERS_WELL_FORMED)[0]["schools"] == ["91XA", "93XC"]


def test_row_count_bound_is_the_served_pupils_plus_ten_percent() -> None:
    suites = build_suites(_register())
    # leeslijn serves 91XA (651), 92XB (563) and 93XC (456) pupils: 1,670 + 10 %.
    assert _kwargs(suites["leeslijn"], s.ROW_COUNT) == [{"min_value": 1, "max_value": 1837}]
    assert _kwargs(suites["ouderapp"], s.ROW_COUNT) == [{"min_value": 1, "max_value": 982}]


def _minimal(**changes: Any) -> Register:
    raw: dict[str, Any] = copy.deepcopy(MINIMAL_REGISTER)
    raw["vendors"][0].update(changes)
    return Register.model_validate(raw)


def test_what_an_agreement_allows_is_not_checked_against() -> None:
    register = _minimal(
        allowed=["NL_BSN", "HEALTH", "DATE_OF_BIRTH", "PERSON"],
        date_of_birth="full",
        schools=[],
    )
    suite = build_suites(register)["leeslijn"]
    assert _kwargs(suite, s.NO_NATIONAL_ID) == [{"identifiers": ["NL_ONDERWIJSNUMMER"]}]
    assert "HEALTH" not in _kwargs(suite, s.NO_SPECIAL_CATEGORY)[0]["types"]
    assert s.BIRTH_DATE_COARSENED not in _kinds(suite)  # full: anything goes
    # No schools listed: the vendor serves every school of the board.
    assert _kwargs(suite, s.IDENTIFIERS_WELL_FORMED)[0]["schools"] == ["12AB"]


def test_unknown_pupil_counts_leave_the_row_count_open() -> None:
    raw: dict[str, Any] = copy.deepcopy(MINIMAL_REGISTER)
    raw["board"]["schools"][0].pop("pupils")
    suite = build_suites(Register.model_validate(raw))["leeslijn"]
    assert _kwargs(suite, s.ROW_COUNT) == [{"min_value": 1, "max_value": None}]


def test_building_is_deterministic_and_files_are_stable_json(tmp_path: Path) -> None:
    register = _register()
    first = write_suites(register, tmp_path / "a")
    write_suites(register, tmp_path / "b")
    assert [p.name for p in first] == [f"{v.id}.json" for v in register.vendors]
    for path in first:
        text = path.read_text("utf-8")
        assert text == (tmp_path / "b" / path.name).read_text("utf-8")
        assert text == to_json(json.loads(text))  # sorted keys, indent 2, trailing newline


def test_committed_suites_equal_a_fresh_build() -> None:
    fresh = build_suites(_register())
    assert sorted(p.name for p in COMMITTED.glob("*.json")) == sorted(f"{v}.json" for v in fresh)
    for vendor, suite in fresh.items():
        assert (COMMITTED / f"{vendor}.json").read_text("utf-8") == to_json(suite), (
            "expectations/ is stale: python -m dpia.minimise build "
            "data_samples/register.yaml expectations"
        )


def test_module_entry_builds_the_suites(tmp_path: Path, capsys: Any) -> None:
    assert main(["build", str(SAMPLES / "register.yaml"), str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{v}.json" for v in build_suites(_register())
    )
    assert "toetsmonitor.json" in capsys.readouterr().out


def test_module_entry_reports_a_bad_register(tmp_path: Path, capsys: Any) -> None:
    bad = tmp_path / "register.yaml"
    bad.write_text(yaml.safe_dump({"schema_version": 1}), encoding="utf-8")
    assert main(["build", str(bad), str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.startswith("dpia: error: ")
    assert not (tmp_path / "out").exists()


def test_type_names_are_the_registered_expectations() -> None:
    from great_expectations.expectations.registry import get_expectation_impl

    gx_loaded()
    import dpia.minimise.expectations as ours
    from dpia.minimise.expectations._base import TableExpectation

    names = [s.ALLOWED_ENTITIES, s.NO_NATIONAL_ID, s.NO_SPECIAL_CATEGORY]
    names += [s.BIRTH_DATE_COARSENED, s.K_ANONYMOUS, s.IDENTIFIERS_WELL_FORMED, s.ROW_COUNT]
    names += list(s.PROMISES)
    for name in names:
        assert get_expectation_impl(name).expectation_type == name
    # The public package holds every custom one (the row count is built in), and its base no type.
    assert {getattr(ours, c).expectation_type for c in ours.__all__} == set(names) - {s.ROW_COUNT}
    assert TableExpectation.expectation_type == ""


PLAIN_GX = """
import json, sys
import great_expectations as gx
import dpia.minimise.expectations
import pandas as pd

raw = json.loads(open("expectations/toetsmonitor.json", encoding="utf-8").read())
suite = gx.ExpectationSuite(**raw)
frame = pd.read_csv(
    "data_samples/feeds/toetsmonitor.csv", sep=";", dtype=str, keep_default_na=False
)
context = gx.get_context(mode="ephemeral")
batch = (
    context.data_sources.add_pandas("feeds")
    .add_dataframe_asset("toetsmonitor")
    .add_batch_definition_whole_dataframe("whole")
    .get_batch(batch_parameters={"dataframe": frame})
)
result = batch.validate(suite).to_json_dict()
json.dump({"listed": len(raw["expectations"]), "loaded": len(suite.expectations),
           "success": result["success"], "results": result["results"]}, sys.stdout)
"""


@pytest.mark.slow
def test_a_plain_great_expectations_user_validates_a_feed_against_a_committed_suite(
    tmp_path: Path,
) -> None:
    """A fresh interpreter with only ``import dpia.minimise.expectations``: the committed suite
    loads whole in plain GX (which drops unknown types without a word), and a sample feed gets
    the verdict ``dpia validate`` gives it, its columns classified by the scanner."""
    # A script file, not ``-c``: GX imports pyspark where it is installed, and pyspark takes a
    # ``__main__`` without a file for its own doctests and exits.
    script = tmp_path / "plain_gx.py"
    script.write_text(PLAIN_GX, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env={**os.environ, "GX_ANALYTICS_ENABLED": "false"},
    )
    found = json.loads(done.stdout)
    assert found["loaded"] == found["listed"] == len(found["results"]) == 11
    assert not [r for r in found["results"] if r["exception_info"]["raised_exception"]]
    assert found["success"] is False
    failed = {
        r["expectation_config"]["type"]: r["result"] for r in found["results"] if not r["success"]
    }
    assert failed[s.NO_NATIONAL_ID]["details"]["columns"] == [
        {"column": "bsn", "entity": "NL_BSN", "count": 2077, "share": 2077 / 2129}
    ]
    assert {s.ALLOWED_ENTITIES, s.BIRTH_DATE_COARSENED, s.K_ANONYMOUS} <= set(failed)
    # Without the board's exports handed over (``with_board``), the promises cannot be verified:
    # a failure with the reason, never a pass.
    for kind in (s.SERVED_SCHOOLS, s.RETENTION, s.MATCH_BOARD):
        assert failed[kind]["details"]["verifiable"] is False
        assert failed[kind]["details"]["reason"] == "no_board"


def test_plain_great_expectations_reads_the_committed_suites() -> None:
    gx = gx_loaded()
    for path in sorted(COMMITTED.glob("*.json")):
        raw = json.loads(path.read_text("utf-8"))
        suite = gx.ExpectationSuite(name=raw["name"], expectations=raw["expectations"])
        assert len(suite.expectations) == len(raw["expectations"])
