"""Tests of the synthetic sample generator (``dpia.samples``)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
import yaml
from openpyxl import load_workbook
from stdnum.nl import brin, bsn, onderwijsnummer, postcode

from dpia.register._taxonomy import ENTITY_NAMES, SPECIAL_TYPES
from dpia.samples import DEFAULT_PUPILS, DEFAULT_SEED, generate
from dpia.samples.__main__ import main

COMMITTED = Path(__file__).resolve().parents[1] / "data_samples"
ECK_RE = re.compile(r"^https://ketenid\.nl/201703/[0-9a-f]{128}$")
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
DATA_SUFFIXES = {".csv", ".txt", ".xlsx", ".parquet"}
# How each generated CSV-like file is encoded and delimited (the loader must sniff; tests know).
CSV_FORMATS = {
    "parnassys_leerlingen.csv": ("cp1252", ";"),
    "feeds/leeslijn.csv": ("utf-8-sig", ","),
    "feeds/toetsmonitor.csv": ("utf-8", ";"),
    "feeds/ouderapp.txt": ("utf-8-sig", "\t"),
    "feeds/cloudsuite.csv": ("utf-8", ","),
}


def _digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def read_table(path: Path, relative: str) -> dict[str, list[str]]:
    """Columns of a generated data file, every cell as text ("" for an empty cell)."""
    if path.suffix == ".xlsx":
        workbook = load_workbook(path, read_only=True)
        rows = [
            ["" if v is None else v for v in row]
            for row in workbook.worksheets[0].iter_rows(values_only=True)
        ]
        workbook.close()
        header, body = rows[0], rows[1:]
    elif path.suffix == ".parquet":
        table = pq.read_table(path)
        return {
            name: [str(v) for v in table.column(name).to_pylist()] for name in table.column_names
        }
    else:
        encoding, delimiter = CSV_FORMATS[relative]
        text = path.read_bytes().decode(encoding)
        header, *body = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    assert all(isinstance(v, str) for row in body for v in row), relative
    return {name: [row[i] for row in body] for i, name in enumerate(header)}


@pytest.fixture(scope="module")
def default_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir = tmp_path_factory.mktemp("samples")
    generate(outdir)
    return outdir


@pytest.fixture(scope="module")
def tables(default_set: Path) -> dict[str, dict[str, list[str]]]:
    return {
        p.relative_to(default_set).as_posix(): read_table(p, p.relative_to(default_set).as_posix())
        for p in sorted(default_set.rglob("*"))
        if p.suffix in DATA_SUFFIXES
    }


@pytest.fixture(scope="module")
def labels(default_set: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((default_set / "labels.json").read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def register(default_set: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((default_set / "register.yaml").read_text("utf-8"))
    return data


def test_same_arguments_give_byte_identical_files(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", pupils=120, seed=7)
    second = generate(tmp_path / "b", pupils=120, seed=7)
    assert [p.relative_to(tmp_path / "a") for p in first] == [
        p.relative_to(tmp_path / "b") for p in second
    ]
    assert first == sorted(first)
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    other = generate(tmp_path / "c", pupils=120, seed=8)
    assert _digests(tmp_path / "c") != _digests(tmp_path / "a")
    assert len(other) == len(first)


def test_committed_samples_equal_a_fresh_default_generation(default_set: Path) -> None:
    """Text files byte for byte; Parquet and xlsx by content, because their bytes also carry the
    writing library's version (pyarrow's ``created_by``, zlib's deflate), not only our data."""
    assert COMMITTED.is_dir(), "run: python -m dpia.samples data_samples"
    stale = "data_samples/ is stale: regenerate with python -m dpia.samples data_samples"
    committed, fresh = _digests(COMMITTED), _digests(default_set)
    assert sorted(committed) == sorted(fresh), stale
    for name in sorted(fresh):
        if Path(name).suffix in {".parquet", ".xlsx"}:
            assert read_table(COMMITTED / name, name) == read_table(default_set / name, name), (
                f"{name}: {stale}"
            )
        else:
            assert committed[name] == fresh[name], f"{name}: {stale}"


def test_cli_prints_the_written_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path), "--pupils", "30", "--seed", "1"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == [str(p) for p in sorted(tmp_path.rglob("*")) if p.is_file()]
    assert str(tmp_path / "feeds" / "leeslijn.csv") in printed
    with pytest.raises(SystemExit):
        main([str(tmp_path), "--pupils", "0"])


def test_parnassys_is_windows_1252_with_crlf(default_set: Path) -> None:
    raw = (default_set / "parnassys_leerlingen.csv").read_bytes()
    assert any(b >= 0x80 for b in raw)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1252")
    assert text.startswith("Leerlingnummer;Achternaam;")
    assert raw.count(b"\r\n") >= DEFAULT_PUPILS
    assert re.search(r"\b(Zoë|Anaïs|Chloë|Noëlle|Loïs|Joël|Daniël|Raphaël)\b", text)


def test_parnassys_content(tables: dict[str, dict[str, list[str]]]) -> None:
    t = tables["parnassys_leerlingen.csv"]
    # The current pupils and, still in the administration, 150 who left (a leaving date).
    left = sum(1 for v in t["Datum uitschrijving"] if v)
    assert left == 150
    assert len(t["BSN"]) == DEFAULT_PUPILS + left
    assert len(set(t["Leerlingnummer"])) == DEFAULT_PUPILS + left
    assert len(set(t["ECK iD"])) == DEFAULT_PUPILS + left
    assert set(t["Toestemming ouderapp"]) == {"Ja", "Nee", ""}
    without = sum(1 for v in t["BSN"] if not v)
    assert 0.005 < without / DEFAULT_PUPILS < 0.05
    for number, pgn in zip(t["BSN"], t["Onderwijsnummer"], strict=True):
        assert bool(number) != bool(pgn)  # exactly one of the two
    assert all(postcode.is_valid(v) and re.fullmatch(r"\d{4} [A-Z]{2}", v) for v in t["Postcode"])
    assert set(t["Geslacht"]) <= {"M", "V", "X"}
    assert all(re.fullmatch(r"Groep (\d|1/2)[a-z]", v) for v in t["Groep"])
    phones = t["Telefoon"]
    assert all(re.fullmatch(r"06-\d{8}|0\d{2,3}-\d{6,7}|\+31 6 \d{8}", v) for v in phones)
    assert all(brin.is_valid(v) and re.fullmatch(r"\d{2}[A-Z]{2}", v) for v in t["BRIN"])
    reference = dt.date(2025, 10, 1)
    for born in t["Geboortedatum"]:
        day = dt.datetime.strptime(born, "%d-%m-%Y").date()
        age = reference.year - day.year - ((reference.month, reference.day) < (day.month, day.day))
        assert 4 <= age <= 12
    notes = t["Notitie leerkracht"]
    assert 0.5 < sum(1 for n in notes if n) / len(notes) < 0.7
    assert any("\n" in n for n in notes)
    assert 0.6 < sum(1 for v in t["Levensbeschouwing"] if not v) / len(notes) < 0.8


def test_identifiers_are_valid_and_the_trap_is_not(
    tables: dict[str, dict[str, list[str]]],
) -> None:
    bsns = [
        v
        for path, column in [
            ("parnassys_leerlingen.csv", "BSN"),
            ("esis_leerlingen.xlsx", "burgerservicenummer"),
            ("feeds/toetsmonitor.csv", "bsn"),
        ]
        for v in tables[path][column]
        if v
    ]
    assert len(bsns) > DEFAULT_PUPILS
    assert all(bsn.is_valid(v) and len(v) == 9 for v in bsns)
    pgns = [v for v in tables["parnassys_leerlingen.csv"]["Onderwijsnummer"] if v]
    assert pgns
    assert all(onderwijsnummer.is_valid(v) for v in pgns)
    orders = [v for t in tables.values() for v in t.get("bestelnummer", [])]
    assert len(orders) > DEFAULT_PUPILS
    for v in orders:
        assert re.fullmatch(r"\d{9}", v)
        assert not bsn.is_valid(v)
        assert not onderwijsnummer.is_valid(v)
    ecks = [v for t in tables.values() for v in t.get("eck_id", [])]
    assert ecks
    assert all(ECK_RE.match(v) for v in ecks)


def test_every_email_is_synthetic(
    default_set: Path, tables: dict[str, dict[str, list[str]]]
) -> None:
    found = [
        m for t in tables.values() for col in t.values() for v in col for m in EMAIL_RE.findall(v)
    ]
    assert len(found) > DEFAULT_PUPILS
    assert all(m.endswith(".example") for m in found)
    for name in ("register.yaml", "README.md", "labels.json"):
        assert all(
            m.endswith(".example") for m in EMAIL_RE.findall((default_set / name).read_text())
        )
    accounts = tables["feeds/cloudsuite.csv"]["email"]
    assert len(set(accounts)) == len(accounts)
    assert all(re.fullmatch(r"[a-z0-9.]+@leerling\.[a-z]+\.example", v) for v in accounts)


def test_every_column_is_labelled(
    tables: dict[str, dict[str, list[str]]], labels: dict[str, Any]
) -> None:
    assert set(labels["files"]) == set(tables)
    for path, table in tables.items():
        columns = labels["files"][path]["columns"]
        assert list(columns) == sorted(table)  # json keys are sorted
        for name, label in columns.items():
            assert label["entity"] is None or label["entity"] in ENTITY_NAMES, (path, name)
            assert label["special"] is None or label["special"] in SPECIAL_TYPES, (path, name)
    parnassys = labels["files"]["parnassys_leerlingen.csv"]["columns"]
    assert parnassys["BSN"] == {"entity": "NL_BSN", "special": None}
    assert parnassys["Groep"] == {"entity": None, "special": None}
    assert parnassys["Levensbeschouwing"] == {"entity": "RELIGION", "special": "RELIGION"}
    assert parnassys["Notitie leerkracht"] == {"entity": "FREE_TEXT", "special": "HEALTH"}
    assert parnassys["Thuistaal"] == {"entity": "NATIONALITY", "special": None}
    for vendor in ("leeslijn", "toetsmonitor"):
        feed = labels["files"][f"feeds/{vendor}.csv"]["columns"]
        assert feed["bestelnummer"] == {"entity": None, "special": None}


def test_note_labels_follow_the_rows(
    tables: dict[str, dict[str, list[str]]], labels: dict[str, Any]
) -> None:
    expected = {
        "parnassys_leerlingen.csv": "Notitie leerkracht",
        "esis_leerlingen.xlsx": "opmerkingen",
        "feeds/ouderapp.txt": "notitie",
    }
    assert {path: list(cols) for path, cols in labels["notes"].items()} == {
        path: [column] for path, column in expected.items()
    }
    allowed = {"HEALTH", "RELIGION", "ETHNIC_ORIGIN", "CRIMINAL", "PUPIL_CARE"}
    for path, column in expected.items():
        mentions = labels["notes"][path][column]
        texts = tables[path][column]
        assert len(mentions) == len(texts)
        assert all(not m for m, text in zip(mentions, texts, strict=True) if not text)
        assert all(set(m) <= allowed for m in mentions)
        counts = Counter(x for m in mentions for x in m)
        assert counts.most_common(1)[0][0] == "HEALTH", (path, counts)
        notes = sum(1 for text in texts if text)
        assert 0.15 < sum(1 for m in mentions if m) / notes < 0.35
    parnassys = labels["notes"]["parnassys_leerlingen.csv"]["Notitie leerkracht"]
    for kind in allowed:
        assert sum(1 for m in parnassys if kind in m) >= 10, kind


def test_esis_workbook(default_set: Path, tables: dict[str, dict[str, list[str]]]) -> None:
    workbook = load_workbook(default_set / "esis_leerlingen.xlsx")
    assert workbook.sheetnames == ["Leerlingen"]
    assert workbook.properties.created == dt.datetime(2024, 1, 1)
    cells = [c for row in workbook.worksheets[0].iter_rows() for c in row if c.value is not None]
    assert all(c.data_type == "s" and isinstance(c.value, str) for c in cells)
    t = tables["esis_leerlingen.xlsx"]
    assert 500 <= len(t["leerling_id"]) <= 700
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in t["geboortedatum"])
    assert set(t["geslacht"]) <= {"man", "vrouw", "onbekend"}
    assert any(v.startswith("0") for v in t["burgerservicenummer"])  # leading zeros survive
    parnassys = set(tables["parnassys_leerlingen.csv"]["BSN"]) - {""}
    assert not parnassys & set(t["burgerservicenummer"])  # a different set of pupils


def test_register_matches_the_feeds(
    default_set: Path, register: dict[str, Any], tables: dict[str, dict[str, list[str]]]
) -> None:
    assert list(register) == ["schema_version", "board", "sources", "vendors"]
    assert register["schema_version"] == 1
    schools = register["board"]["schools"]
    assert sum(s["pupils"] for s in schools) == DEFAULT_PUPILS
    parnassys = tables["parnassys_leerlingen.csv"]
    leaving = parnassys["Datum uitschrijving"]
    current = [b for b, left in zip(parnassys["BRIN"], leaving, strict=True) if not left]
    assert {s["brin"]: s["pupils"] for s in schools} == Counter(current)
    assert [s["file"] for s in register["sources"]] == [
        "parnassys_leerlingen.csv",
        "esis_leerlingen.xlsx",
    ]
    vendors = register["vendors"]
    assert [v["id"] for v in vendors] == [
        "leeslijn",
        "rekenplein",
        "toetsmonitor",
        "ouderapp",
        "bibliotheek",
        "cloudsuite",
    ]
    keys = [
        "id",
        "name",
        "role",
        "purpose",
        "legal_basis",
        "agreement",
        "feed",
        "schools",
        "allowed",
        "date_of_birth",
        "k_anonymity",
        "retention",
        "retention_after_leaving",
        "feed_date",
        "location",
        "transfer_mechanism",
        "sub_processors",
        "measures",
    ]
    for v in vendors:
        # Only a vendor whose legal basis is consent names the consent.
        assert list(v) == [*keys[:13], *(["consent"] if "consent" in v else []), *keys[13:]]
        assert re.fullmatch(r"[a-z0-9-]+", v["id"])
        assert (default_set / v["feed"]).is_file()
        assert isinstance(v["agreement"]["date"], dt.date)
        assert set(v["allowed"]) <= set(ENTITY_NAMES)
        assert v["date_of_birth"] in {"none", "year", "age_band", "full"}
        assert v["location"]["eea"] == (v["transfer_mechanism"] is None)
        # Every feed holds the current pupils of the schools it serves, the pupils who left within
        # its retention, and the planted rows (labels.json): the 6 pupils of other schools in
        # ouderapp show their own school.
        labels = json.loads((default_set / "labels.json").read_text("utf-8"))
        planted = labels["promises"][v["id"]]["by_school"]["school"]
        feed_brins = set(tables[v["feed"]]["brin"])
        assert feed_brins == set(v["schools"]) | set(planted)
        served = sum(1 for b in current if b in v["schools"])
        assert len(tables[v["feed"]]["brin"]) >= served
    formats = {Path(v["feed"]).suffix for v in vendors}
    assert formats == {".csv", ".txt", ".xlsx", ".parquet"}


def test_planted_issues(
    tables: dict[str, dict[str, list[str]]], labels: dict[str, Any], register: dict[str, Any]
) -> None:
    vendors = {v["id"]: v for v in register["vendors"]}

    def excess(vendor: str) -> set[str]:
        columns = labels["files"][vendors[vendor]["feed"]]["columns"].values()
        return {c["entity"] for c in columns if c["entity"]} - set(vendors[vendor]["allowed"])

    assert excess("leeslijn") == excess("rekenplein") == excess("cloudsuite") == set()
    assert excess("toetsmonitor") == {"NL_BSN"}  # plus a full date where only the year may go
    assert vendors["toetsmonitor"]["date_of_birth"] == "year"
    assert all(
        re.fullmatch(r"\d{2}-\d{2}-\d{4}", v)
        for v in tables["feeds/toetsmonitor.csv"]["geboortedatum"]
    )
    assert excess("ouderapp") == {"FREE_TEXT"}
    assert excess("bibliotheek") == {"DATE_OF_BIRTH", "NL_POSTCODE", "GENDER"}
    library = tables["feeds/bibliotheek.xlsx"]
    classes = Counter(
        zip(library["geboortedatum"], library["postcode"], library["geslacht"], strict=True)
    )
    assert sum(1 for n in classes.values() if n == 1) / len(library["postcode"]) > 0.9
    assert vendors["cloudsuite"]["location"] == {"country": "US", "eea": False}
    assert vendors["cloudsuite"]["transfer_mechanism"] == "EU-US Data Privacy Framework"
    for table in tables.values():
        assert len({len(col) for col in table.values()}) == 1


def test_parquet_has_no_pandas_index(default_set: Path) -> None:
    schema = pq.read_schema(default_set / "feeds" / "rekenplein.parquet")
    assert b"pandas" not in (schema.metadata or {})
    assert "__index_level_0__" not in schema.names
    assert str(schema.field("aantal_oefeningen").type) == "int64"


def test_defaults() -> None:
    assert (DEFAULT_PUPILS, DEFAULT_SEED) == (2000, 2026)
