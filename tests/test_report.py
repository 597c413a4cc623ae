"""The DPIA document: the 17 points of the Model DPIA in Markdown, HTML, Word and (through
LibreOffice) PDF; open questions and answers from the register; the sign-off; one finding and one
measure per column; the changes since a previous run; the CNIL PIA exports.

Everything reads the session's ``baseline_run`` (``dpia run --no-notebooks`` on the samples); one
more run on a changed copy of the samples checks the changes section.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from pypdf import PdfReader

from dpia.cli import main
from dpia.job import check_outputs
from dpia.job._leaks import LeakCheckError, check_file
from dpia.register import load_register
from dpia.report import build_document, findings_of, report_context
from dpia.report._model import Heading, Question
from tests.conftest import SAMPLES, raw_sample_values

REGISTER = load_register(SAMPLES / "register.yaml")
POINTS_NL = (
    "1. Voorstel",
    "2. Persoonsgegevens",
    "3. Gegevensverwerking",
    "4. Verwerkingsdoeleinden",
    "5. Betrokken partijen",
    "6. Belangen bij de gegevensverwerking",
    "7. Verwerkingslocaties",
    "8. Technieken en methoden van de gegevensverwerking",
    "9. Juridisch en beleidsmatig kader",
    "10. Bewaartermijnen",
    "11. Rechtsgrond",
    "12. Bijzondere persoonsgegevens, strafrechtelijke gegevens en nationale identificatienummers",
    "13. Doelbinding",
    "14. Noodzaak en evenredigheid",
    "15. Rechten van de betrokkenen",
    "16. Risico's voor de rechten en vrijheden van betrokkenen",
    "17. Maatregelen",
)
PARTS_NL = (
    "Deel A. Beschrijving kenmerken gegevensverwerkingen",
    "Deel B. Beoordeling rechtmatigheid gegevensverwerkingen",
    "Deel C. Beschrijving en beoordeling risico's voor de betrokkenen",
    "Deel D. Beschrijving voorgenomen maatregelen",
)
# LibreOffice's page count of report.docx on the samples (measured: 17 pages, LibreOffice 7.4); a
# range, so that a font's metrics do not break the test, but a lost table or chart does.
LIBREOFFICE_PAGES = range(13, 23)


def _context(out: Path, register: Any = REGISTER, lang: str = "nl") -> dict[str, Any]:
    """The report context of a run, rebuilt from what it wrote."""
    scans = json.loads((out / "scan.json").read_text("utf-8"))
    saved = json.loads((out / "run.json").read_text("utf-8"))["result"]
    verdicts = [
        json.loads((out / "validation" / f"{v.id}.json").read_text("utf-8"))
        for v in REGISTER.vendors
    ]
    from dpia.report import measures_for

    exposure = json.loads((out / "exposure.json").read_text("utf-8"))
    return report_context(
        board=REGISTER.board.name,
        scans=scans,
        pupils=saved["pupils"],
        verdicts=verdicts,
        exposure=exposure,
        measures=measures_for(verdicts, exposure),
        manifest=json.loads((out / "manifest.json").read_text("utf-8")),
        lang=lang,  # type: ignore[arg-type]
        register=register,
        changes=json.loads((out / "changes.json").read_text("utf-8")),
    )


# --- the 17 points ------------------------------------------------------------------------------


def _between(text: str, titles: tuple[str, ...]) -> list[str]:
    """The text under each title up to the next one (the last: up to the next part heading)."""
    positions = [text.index(title) for title in titles]
    assert positions == sorted(positions), "the points are out of order"
    ends = [*positions[1:], len(text)]
    return [
        text[start + len(title) : end]
        for title, start, end in zip(titles, positions, ends, strict=True)
    ]


def test_markdown_lists_the_17_points_in_order_each_with_content(baseline_run: Path) -> None:
    markdown = (baseline_run / "report.md").read_text("utf-8")
    assert [line[4:] for line in markdown.splitlines() if line.startswith("### ")] == list(
        POINTS_NL
    )
    assert [line[3:] for line in markdown.splitlines() if line.startswith("## ")][2:6] == list(
        PARTS_NL
    )
    for title, body in zip(POINTS_NL, _between(markdown, POINTS_NL), strict=True):
        # Each point says something beyond its heading: a table, a sentence or a question.
        assert len(re.sub(r"[#\s]", "", body.split("\n## ")[0])) > 40, title


def test_html_lists_the_17_points_as_third_level_headings(baseline_run: Path) -> None:
    html = (baseline_run / "report.html").read_text("utf-8")
    assert re.findall(r"<h3>(.*?)</h3>", html) == list(POINTS_NL)


def test_every_point_has_content_or_an_open_question(samples_context: dict[str, Any]) -> None:
    document = build_document(samples_context)
    blocks = list(document.blocks)
    starts = [i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 2]
    assert len(starts) == 17
    for start, end in zip(starts, [*starts[1:], len(blocks)], strict=True):
        body = [b for b in blocks[start + 1 : end] if not isinstance(b, Heading) or b.level == 3]
        assert body, blocks[start]


@pytest.fixture(scope="module")
def samples_context(baseline_run: Path) -> dict[str, Any]:
    return _context(baseline_run)


def test_judged_points_ask_an_open_question_per_vendor_and_the_report_is_a_concept(
    samples_context: dict[str, Any],
) -> None:
    document = build_document(samples_context)
    questions = [b for b in document.blocks if isinstance(b, Question)]
    # One per judged point (six), for every vendor, and the sign-off.
    assert len(questions) == 6 + 1
    assert all(q.label == "Open vraag:" for q in questions)
    necessity = next(q.text for q in questions if "subsidiariteit" in q.text)
    assert necessity.endswith("Te beantwoorden voor elke leverancier.")
    texts = [getattr(b, "text", "") for b in document.blocks]
    assert any(t.startswith("Status: concept") for t in texts)


def test_answers_and_sign_off_in_the_register_flow_into_the_document(
    tmp_path: Path, samples_context: dict[str, Any]
) -> None:
    raw = yaml.safe_load((SAMPLES / "register.yaml").read_text("utf-8"))
    raw["assessment"] = {
        "sign_off": {
            "author": "M. de Vries, privacyadviseur",
            "dpo_advice": "Positief, mits de maatregelen in punt 17 vóór 1 maart zijn uitgevoerd.",
            "decision": "Vastgesteld door het college van bestuur",
            "date": "2026-12-15",
        },
        "answers": {"rights": "Ouders krijgen de privacyverklaring bij inschrijving."},
    }
    raw["vendors"][2]["answers"] = {"necessity": "De toets is wettelijk verplicht (WPO art. 9b)."}
    shutil.copytree(SAMPLES, tmp_path / "data", ignore=shutil.ignore_patterns("register.yaml"))
    (tmp_path / "data" / "register.yaml").write_text(yaml.safe_dump(raw), "utf-8")
    register = load_register(tmp_path / "data" / "register.yaml")
    context = {**samples_context, "register": register}
    document = build_document(context)
    texts = [getattr(b, "text", "") for b in document.blocks]
    assert "Status: vastgesteld op 2026-12-15." in texts
    assert "Ouders krijgen de privacyverklaring bij inschrijving." in texts
    assert "De toets is wettelijk verplicht (WPO art. 9b)." in texts
    questions = [b.text for b in document.blocks if isinstance(b, Question)]
    # Rights are answered for the whole board; necessity for Toetsmonitor; sign-off is complete.
    assert len(questions) == 5
    necessity = next(q for q in questions if "subsidiariteit" in q)
    assert necessity.endswith(
        "Nog te beantwoorden voor: Uitgeverij Leeslijn, Rekenplein Leerplatform B.V., "
        "Schoolbericht Ouderapp B.V., Stichting Schoolbibliotheek Voorbeeldregio en "
        "CloudSuite Education Inc."
    )
    rows = [b for b in document.blocks if getattr(b, "header", None) == ("Onderdeel", "Waarde")]
    assert ("Datum van het besluit", "2026-12-15") in rows[0].rows  # type: ignore[attr-defined]


def test_english_document_has_the_points_in_english(samples_context: dict[str, Any]) -> None:
    document = build_document({**samples_context, "lang": "en"})
    points = document.headings(2)
    assert points[0] == "1. Proposal"
    assert points[13] == "14. Necessity and proportionality"
    assert any(getattr(b, "label", "") == "Open question:" for b in document.blocks)


def test_one_finding_and_one_measure_per_column_and_vendor(samples_context: dict[str, Any]) -> None:
    toetsmonitor = next(v for v in samples_context["verdicts"] if v["vendor"] == "toetsmonitor")
    findings = findings_of(toetsmonitor)
    columns = [tuple(f["columns"]) for f in findings]
    assert len(columns) == len(set(columns))
    bsn = next(f for f in findings if f["columns"] == ["bsn"])
    assert bsn["rules"] == [
        "expect_table_columns_to_hold_only_allowed_entities",
        "expect_table_values_to_hold_no_national_id",
    ]
    markdown = to_text(samples_context)
    assert markdown.count("| Toetsmonitor Leerlingvolgsystemen B.V. | `bsn` |") == 1
    measures = [m["text"] for m in samples_context["measures"]]
    about_bsn = [m for m in measures if "`bsn`" in m]
    assert len(about_bsn) == 1
    assert about_bsn[0].startswith("Stop met het verstrekken van het BSN")
    birth = [m for m in measures if "Schoolbibliotheek" in m and "`geboortedatum`" in m]
    # Removed (the agreement allows no birth date), not coarsened; k-anonymity is its own measure.
    assert [m.split(" ")[0] for m in birth] == ["Verwijder", "Maak"]


def test_consent_and_retention_under_their_points_equal_the_planted_pupils(
    samples_context: dict[str, Any],
) -> None:
    """Point 10 (retention) and point 11 (legal basis) show, per vendor, the pupils the board's
    promise checks found, per school: the counts planted in the samples (labels.json)."""
    planted = json.loads((SAMPLES / "labels.json").read_text("utf-8"))["promises"]
    markdown = to_text(samples_context)
    retention = markdown.split("### 10. ")[1].split("### 11. ")[0]
    basis = markdown.split("### 11. ")[1].split("### 12. ")[0]
    names = {v.id: v.name for v in samples_context["register"].vendors}
    for vendor, truth in planted.items():
        for check, section in (("retention", retention), ("consent", basis)):
            count = truth["counts"][check]
            row = next(
                line for line in section.splitlines() if line.startswith(f"| {names[vendor]} |")
            )
            if not truth["linkable"] or (check == "consent" and not truth["consent"]):
                continue
            schools = ", ".join(f"{s} {n}" for s, n in sorted(truth["by_school"][check].items()))
            assert row.endswith(f"| {count} ({schools}) |" if schools else f"| {count} |"), row


def to_text(context: dict[str, Any]) -> str:
    from dpia.report._render import render_report

    return render_report(context, Path("/nonexistent"))[1]


def test_entity_types_are_words_in_the_readers_language(baseline_run: Path) -> None:
    markdown = (baseline_run / "report.md").read_text("utf-8")
    for code in ("PERSON", "NL_BSN", "ECK_ID", "DATE_OF_BIRTH"):
        assert code not in markdown.split("## Verantwoording")[0], code
    assert "| `bsn` | BSN |" in markdown
    assert "| `roepnaam` | naam |" in markdown


# --- Word -----------------------------------------------------------------------------------------


def test_docx_has_heading_styles_tables_images_and_a4(baseline_run: Path) -> None:
    document = docx.Document(str(baseline_run / "report.docx"))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert [t for s, t in headings if s == "Heading 2"] == list(POINTS_NL)
    assert [t for s, t in headings if s == "Heading 1"][2:6] == list(PARTS_NL)
    assert document.paragraphs[0].style.name == "Title"
    assert len(document.inline_shapes) == 4  # the four charts
    assert len(document.tables) >= 25
    first = document.tables[0]
    assert [c.text for c in first.rows[0].cells] == ["Onderdeel", "Waarde"]
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    manifest = json.loads((baseline_run / "manifest.json").read_text("utf-8"))
    started = dt.datetime.fromisoformat(manifest["started"].replace("Z", "+00:00"))
    core = document.core_properties
    assert core.created == core.modified == started
    assert core.language == "nl-NL"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Open vraag:" in text
    for vendor in REGISTER.vendors:
        assert vendor.name in text or any(
            vendor.name in c.text for t in document.tables for r in t.rows for c in r.cells
        )
    # Numbers right-aligned, text left-aligned: the file inventory's rows column.
    inventory = next(t for t in document.tables if t.rows[0].cells[0].text == "Bestand")
    assert inventory.rows[1].cells[1].paragraphs[0].alignment == 2  # RIGHT
    assert inventory.rows[1].cells[0].paragraphs[0].alignment == 0  # LEFT


def test_leak_gate_reads_docx(tmp_path: Path) -> None:
    made = docx.Document()
    paragraph = made.add_paragraph("Leerling met BSN ")
    paragraph.add_run("1234")  # the number split over two runs, as Word may store it
    paragraph.add_run("56782")
    made.save(str(tmp_path / "x.docx"))
    leaks = check_outputs([tmp_path])
    assert [(leak.entity, leak.value) for leak in leaks] == [("NL_BSN", "1234*****")]
    (tmp_path / "x.docx").write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(LeakCheckError, match="not a readable Word file"):
        check_file(tmp_path / "x.docx")


# --- LibreOffice -------------------------------------------------------------------------------


def _soffice() -> str | None:
    given = os.environ.get("DPIA_SOFFICE")
    return given if given else shutil.which("soffice")


@pytest.fixture(scope="module")
def libreoffice_pdf(baseline_run: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """report.docx converted once by LibreOffice headless, with a profile of its own."""
    soffice = _soffice()
    if soffice is None:
        pytest.skip(
            "LibreOffice (soffice) not found: `make test` installs Debian's "
            "libreoffice-writer-nogui (tools/system-deps), or set DPIA_SOFFICE"
        )
    folder = tmp_path_factory.mktemp("libreoffice")
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/profile",
         "--convert-to", "pdf", "--outdir", str(folder), str(baseline_run / "report.docx")],
        check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(folder)},
    )  # fmt: skip
    return folder / "report.pdf"


@pytest.mark.slow
def test_libreoffice_opens_the_docx_as_a4_with_every_point(libreoffice_pdf: Path) -> None:
    reader = PdfReader(libreoffice_pdf)
    print(f"report.docx through LibreOffice: {len(reader.pages)} pages")
    assert len(reader.pages) in LIBREOFFICE_PAGES
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            (595.3, 841.9), abs=1.0
        )
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    _between(text, POINTS_NL)  # all 17, in order
    for vendor in REGISTER.vendors:
        assert vendor.name in text
    assert "Stop met het verstrekken van het BSN" in text
    assert not [v for v in raw_sample_values() if v in text]
    assert check_outputs([libreoffice_pdf]) == []


# --- changes since the previous run -------------------------------------------------------------


@pytest.fixture(scope="module")
def changed_run(baseline_run: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples with one new column in Leeslijn's feed (a health note), run ``--since`` the
    baseline."""
    data = tmp_path_factory.mktemp("changed") / "data"
    shutil.copytree(SAMPLES, data)
    feed = data / "feeds" / "leeslijn.csv"
    lines = feed.read_text("utf-8-sig").splitlines()
    notes = ("ADHD", "dyslexie", "astma", "diabetes", "epilepsie")
    rows = [lines[0] + ",diagnose"] + [f"{line},{notes[i % 5]}" for i, line in enumerate(lines[1:])]
    feed.write_text("\n".join(rows) + "\n", "utf-8")
    out = data.parent / "out"
    arguments = ["--out", str(out), "--since", str(baseline_run), "--no-notebooks", "--quiet"]
    assert main(["run", "--data", str(data), *arguments]) == 0
    return out


@pytest.mark.slow
def test_changes_name_the_new_column_and_the_vendors_new_verdict_and_risk(
    changed_run: Path, baseline_run: Path
) -> None:
    changes = json.loads((changed_run / "changes.json").read_text("utf-8"))
    before = json.loads((baseline_run / "manifest.json").read_text("utf-8"))
    assert changes["previous"] == before["started"]
    assert changes["vendors_added"] == changes["vendors_gone"] == []
    assert list(changes["vendors"]) == ["leeslijn"]
    leeslijn = changes["vendors"]["leeslijn"]
    assert leeslijn["columns_added"] == [{"column": "diagnose", "entity": "HEALTH"}]
    assert leeslijn["special_added"] == ["HEALTH"]
    assert leeslijn["passed"] == {"before": True, "after": False}
    assert leeslijn["risk_inherent"]["before"] != leeslijn["risk_inherent"]["after"]
    sentences = [c["nl"] for c in changes["changes"]]
    assert "Uitgeverij Leeslijn: nieuwe kolom `diagnose` (gezondheid)" in sentences
    assert "Uitgeverij Leeslijn: oordeel van voldoet naar voldoet niet" in sentences
    markdown = (changed_run / "report.md").read_text("utf-8")
    section = markdown.split("## Wijzigingen sinds de vorige beoordeling")[1].split("\n## ")[0]
    assert "nieuwe kolom `diagnose` (gezondheid)" in section
    assert "oordeel van voldoet naar voldoet niet" in section
    assert "Schoolbericht" not in section  # no other vendor moved


def test_first_run_has_nothing_to_compare_with(baseline_run: Path) -> None:
    changes = json.loads((baseline_run / "changes.json").read_text("utf-8"))
    assert changes == {"changes": [], "previous": None, "vendors": {}, "vendors_added": [],
                       "vendors_gone": []}  # fmt: skip
    markdown = (baseline_run / "report.md").read_text("utf-8")
    assert "er is niets om mee te vergelijken" in markdown


def test_since_a_folder_without_a_run_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    arguments = ["--out", str(out), "--since", str(tmp_path), "--no-notebooks", "--quiet"]
    assert main(["run", "--data", str(SAMPLES), *arguments]) == 2
    assert capsys.readouterr().err == (
        f"dpia: error: {tmp_path}: no previous run here (scan.json and exposure.json)\n"
    )
    assert not out.exists()


# --- the CNIL PIA exports -----------------------------------------------------------------------

# What the CNIL PIA tool's importer reads (LINCnil/pia at 44dd3138cde72251fba29e3b6bfd7bac3fa9fbe1,
# src/app/services/pia.service.ts: importData, importAnswers, importMeasures, importEvaluations,
# importComments), and the question ids of its structure (src/assets/files/pia_architecture.json).
QUESTIONS = frozenset(
    {111, 112, 113, 121, 122, 123, 211, 212, 213, 214, 215, 221, 222, 223, 224, 225, 226, 227}
    | {300 + risk * 10 + q for risk in (2, 3, 4) for q in range(1, 7)}
)
GAUGES = frozenset({325, 326, 335, 336, 345, 346})
LISTS = frozenset({300 + risk * 10 + q for risk in (2, 3, 4) for q in range(1, 5)})
PIA_FIELDS: dict[str, type | tuple[type, ...]] = {
    "name": str, "category": str, "author_name": str, "evaluator_name": str,
    "validator_name": str, "dpo_status": (int, type(None)), "dpo_opinion": str,
    "concerned_people_opinion": str, "concerned_people_status": (int, type(None)),
    "concerned_people_searched_opinion": bool, "concerned_people_searched_content": str,
    "rejection_reason": str, "applied_adjustments": str, "dpos_names": str, "people_names": str,
    "status": int, "created_at": str, "updated_at": str,
}  # fmt: skip


def _date(text: str) -> dt.datetime:
    # JavaScript's ``new Date(...)`` of the tool reads ISO 8601 in UTC ("...T06:40:50Z").
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", text), text
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_pia_exports_hold_what_the_cnil_importer_reads(baseline_run: Path) -> None:
    exposure = {
        v["vendor"]: v
        for v in json.loads((baseline_run / "exposure.json").read_text("utf-8"))["vendors"]
    }
    for vendor in REGISTER.vendors:
        pia = json.loads((baseline_run / "pia" / f"{vendor.id}.json").read_text("utf-8"))
        assert set(pia) == {"pia", "answers", "measures", "evaluations", "comments"}
        for field, kind in PIA_FIELDS.items():
            assert isinstance(pia["pia"][field], kind), field
        assert pia["pia"]["name"] == vendor.name
        assert pia["pia"]["status"] == 0  # in progress: a person still judges it
        _date(pia["pia"]["created_at"])
        assert pia["comments"] == []
        references = [a["reference_to"] for a in pia["answers"]]
        assert sorted(references) == sorted(QUESTIONS)
        for answer in pia["answers"]:
            data = answer["data"]
            assert set(data) == {"text", "gauge", "list"}
            _date(answer["created_at"])
            assert isinstance(data["list"], list)
            if answer["reference_to"] in GAUGES:
                assert data["gauge"] in {0, 1, 2, 3, 4}
                assert data["text"]
            elif answer["reference_to"] in LISTS:
                assert all(isinstance(item, str) and item for item in data["list"])
            else:
                assert data["text"].startswith("<p>"), answer
        gauges = {a["reference_to"]: a["data"]["gauge"] for a in pia["answers"]}
        risk = exposure[vendor.id]
        assert gauges[325] == gauges[335] == gauges[345] == risk["severity"]["inherent"]
        assert gauges[326] == risk["likelihood"]["inherent"]
        assert gauges[336] == gauges[346] == 0  # not measured: an open question
        ids = [m["id"] for m in pia["measures"]]
        assert ids == list(range(1, len(ids) + 1))
        for measure in pia["measures"]:
            assert isinstance(measure["title"], str)
            assert measure["title"]
            assert isinstance(measure["content"], str)
            assert isinstance(measure["placeholder"], str)
            _date(measure["created_at"])
        titles = {m["title"] for m in pia["measures"]}
        planned = next(a for a in pia["answers"] if a["reference_to"] == 324)["data"]["list"]
        assert planned
        assert set(planned) <= titles
        assert [e["reference_to"] for e in pia["evaluations"]] == ["3.2", "3.3", "3.4"]
        for evaluation in pia["evaluations"]:
            assert evaluation["status"] == 0
            assert evaluation["global_status"] == 0
            assert set(evaluation["gauges"]) == {"x", "y"}
            assert evaluation["gauges"]["x"] == risk["severity"]["residual"]
            _date(evaluation["created_at"])
        assert pia["evaluations"][0]["gauges"]["y"] == risk["likelihood"]["residual"]
    toets = json.loads((baseline_run / "pia" / "toetsmonitor.json").read_text("utf-8"))
    data = next(a for a in toets["answers"] if a["reference_to"] == 121)["data"]["text"]
    assert "<code>bsn</code>: BSN" in data
