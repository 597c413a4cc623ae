"""What the notebooks show: tables (pandas DataFrames), one small chart and prose, in Dutch or
English, built from the library's own results.

Plain functions over plain data, no computation of their own: every figure comes from a stage
(scan, validation, exposure, report, manifest) and is only arranged here for a reader. Nothing
shows a raw value: scan evidence is already masked by ``dpia.detect._masking``, everything else is column
names, entity types, counts and verdicts.

Words live in ``dpia.messages`` (``prose.*``: Markdown paragraphs; ``heading.*``: table
headings; ``check.*``: names of the suite's expectations; ``word.*``; ``file.*``).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from dpia.detect import ScanResult
from dpia.exposure import EXPOSURE_COLUMNS, category_label, exposure_rows
from dpia.job import TIME_FIELDS, Parameters, RunResult, build_manifest, load_or_run
from dpia.messages import (
    Message,
    check_language,
    entity_label,
    exists,
    number,
    percent,
    render,
)
from dpia.minimise import promise_link, promise_name, promise_reason
from dpia.register import Category, Register
from dpia.rules import QUESTION_SHARE

if TYPE_CHECKING:
    from IPython.display import Markdown

    from dpia.exposure import ExposureTable
    from dpia.minimise import VendorVerdict

# Colours of the scan chart: Okabe-Ito, as in ``dpia.exposure._charts``, each doubled by a hatch.
_SERIES = (
    ("personal", "#0072B2", ""),
    ("special", "#D55E00", "//"),
    ("national_id", "#E69F00", ".."),
    ("free_text", "#009E73", "\\\\"),
)
# What ``dpia run`` writes, in the order ``report_files_frame`` lists it, with the code of its
# description.
_OUTPUT_FILES = (
    ("report.html", "file.report_html"),
    ("report.md", "file.report_md"),
    ("report.docx", "file.report_docx"),
    ("pia/", "file.pia"),
    ("changes.json", "file.changes_json"),
    ("manifest.json", "file.manifest_json"),
    ("scan.json", "file.scan_json"),
    ("expectations/", "file.expectations"),
    ("validation/", "file.validation"),
    ("datadocs/", "file.datadocs"),
    ("exposure.json", "file.exposure_json"),
    ("charts/", "file.charts"),
    ("notebooks/", "file.notebooks"),
    ("run.json", "file.run_json"),
)
# Characters Markdown or HTML would read as markup.
_MARKUP = re.compile(r"([\\`*_{}\[\]()#+!|<>&~-])")


# --- set-up and prose ----------------------------------------------------------------------


def setup() -> None:
    """Make a notebook's output stable and readable: figures as PNG without the software tag
    (the same bytes every run), DataFrames shown whole. Call once, in the first code cell."""
    pd.set_option("display.max_rows", 500)
    pd.set_option("display.max_columns", 50)
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.width", 200)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with every kernel
        return
    if get_ipython() is None:
        return
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats(  # type: ignore[no-untyped-call]
        "png", metadata={"Software": None}, bbox_inches="tight"
    )
    get_ipython().display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)


# A cell that is a number as the notebooks write one: 1.955, 1,955, 93,6%, -.
_NUMBER = re.compile(r"-?[\d.,]+%?|-")


def table_html(frame: pd.DataFrame) -> str:
    """A table as a reader sees it: no pandas row index, text left-aligned, numbers
    right-aligned. Cells are HTML-escaped (a header from an export is never markup). The same
    frame gives the same HTML: its id is a hash of its content, not pandas' random one, and two
    tables on one page never share one."""
    numeric = [
        column
        for column in frame.columns
        if len(frame)
        and all(
            (isinstance(v, int | float | np.number) and not isinstance(v, bool))
            or (isinstance(v, str) and _NUMBER.fullmatch(v) is not None)
            for v in frame[column]
        )
        and not all(v == "-" for v in frame[column])
    ]
    text = [column for column in frame.columns if column not in numeric]
    digest = hashlib.sha256(frame.to_json(orient="split", default_handler=str).encode())
    styler = (
        frame.style.hide(axis="index")
        .set_uuid(digest.hexdigest()[:12])
        .format(lambda value: html.escape(str(value)))
        .format_index(lambda value: html.escape(str(value)), axis="columns")
    )
    if numeric:
        styler = styler.set_properties(subset=numeric, **{"text-align": "right"})
    if text:
        styler = styler.set_properties(subset=text, **{"text-align": "left"})
    styler = styler.set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
    return str(styler.to_html())


def prose_text(key: str, lang: str, **values: object) -> str:
    """The Markdown of prose ``key`` in ``lang``, ``{name}`` fields filled with escaped values."""
    escaped = {name: escape(str(value)) for name, value in values.items()}
    return render(f"prose.{key}", check_language(lang), **escaped)


def prose(key: str, lang: str, **values: object) -> Markdown:
    """Prose ``key`` as a Markdown display object (see ``prose_text``)."""
    from IPython.display import Markdown

    return Markdown(prose_text(key, lang, **values))  # type: ignore[no-untyped-call]


def heading(text: str, level: int = 3) -> Markdown:
    """A Markdown heading of ``text`` (a file or vendor name: escaped, never read as markup)."""
    from IPython.display import Markdown

    return Markdown(f"{'#' * level} {escape(text)}")  # type: ignore[no-untyped-call]


def escape(text: str) -> str:
    """``text`` with every Markdown and HTML markup character escaped."""
    return _MARKUP.sub(r"\\\1", text)


def _frame(rows: Sequence[Sequence[object]], keys: Sequence[str], lang: str) -> pd.DataFrame:
    headings = [render(f"heading.{key}", check_language(lang)) for key in keys]
    frame = pd.DataFrame([list(row) for row in rows], columns=headings, dtype=object)
    return frame


def _join(items: Sequence[str]) -> str:
    return ", ".join(items) if items else "-"


# --- inputs --------------------------------------------------------------------------------


def run_result(
    data_dir: str | Path,
    register: str | Path | None,
    out_dir: str | Path,
    *,
    sample: int | None,
    seed: int,
    lang: str,
) -> tuple[RunResult, Markdown]:
    """The run's result, and a line saying where it comes from: read from ``out_dir`` when
    ``dpia run`` wrote it there from these very inputs and parameters, else computed here (the
    notebook then writes nothing)."""
    result, origin = load_or_run(data_dir, register, out_dir, Parameters(sample=sample, seed=seed))
    chosen = result.parameters.to_dict()
    return result, prose(f"source.{origin}", lang, sample=chosen["sample"], seed=chosen["seed"])


# --- 01 scan -------------------------------------------------------------------------------


def inputs_frame(result: RunResult, lang: str) -> pd.DataFrame:
    """One row per file read: path, format, rows, columns, bytes, sha256."""
    language = check_language(lang)
    rows = [
        [
            name,
            p.format,
            number(p.rows, language),
            p.columns,
            number(p.bytes, language),
            p.sha256,
        ]
        for name, p in result.provenance.items()
    ]
    return _frame(rows, ("file", "format", "rows", "columns", "bytes", "sha256"), lang)


def _counts(result: ScanResult) -> dict[str, int]:
    columns = result.columns
    return {
        "personal": sum(c.personal for c in columns),
        "special": sum(c.special is not None for c in columns),
        "national_id": sum(c.category == Category.NATIONAAL_ID.value for c in columns),
        "free_text": sum(c.entity == "FREE_TEXT" for c in columns),
    }


def scan_summary(scans: Mapping[str, ScanResult], lang: str) -> pd.DataFrame:
    """Per file: rows, columns, and the columns with personal, special-category (art. 9/10),
    national-id and free-text data."""
    language = check_language(lang)
    rows = []
    for name, result in scans.items():
        counts = _counts(result)
        rows.append(
            [
                name,
                number(result.provenance.rows, language),
                len(result.columns),
                *(counts[key] for key, _, _ in _SERIES),
            ]
        )
    keys = ("file", "rows", "columns", *(key for key, _, _ in _SERIES))
    return _frame(rows, keys, lang)


def scan_chart(scans: Mapping[str, ScanResult], lang: str) -> Figure:
    """Grouped horizontal bars per file: columns with personal, special, national-id and
    free-text data (the counts of ``scan_summary``)."""
    language = check_language(lang)
    names = list(scans)
    counts = [_counts(scans[name]) for name in names]
    figure = Figure(figsize=(8.0, 1.4 + 0.55 * max(len(names), 1)), dpi=100, layout="constrained")
    ax = figure.add_subplot()
    rows = np.arange(len(names))
    height = 0.8 / len(_SERIES)
    for index, (key, colour, hatch) in enumerate(_SERIES):
        values = [c[key] for c in counts]
        offset = (index - (len(_SERIES) - 1) / 2) * height
        bars = ax.barh(
            rows + offset,
            values,
            height=height,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            label=render(f"heading.{key}", language),
        )
        ax.bar_label(bars, labels=[str(v) if v else "" for v in values], padding=2, fontsize=7)
    ax.set_yticks(rows, names)
    ax.invert_yaxis()
    ax.set_xlabel(render("chart.scan_axis", language))
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(render("chart.scan_title", language))
    figure.legend(loc="outside lower center", ncol=len(_SERIES), frameon=False, fontsize=8)
    return figure


def scan_frame(result: ScanResult, lang: str) -> pd.DataFrame:
    """One row per column of one file: entity type, category, art. 9/10 type, confidence, share,
    masked evidence, for free text the mentions per type, and for personal columns the reasons."""
    language = check_language(lang)
    rows = []
    for c in result.columns:
        mentions = sorted(c.mentions.items(), key=lambda item: (-item[1], item[0]))
        rows.append(
            [
                c.name,
                c.entity or "-",
                entity_label(c.entity, language) if c.entity else "-",
                category_label(c.category, language) if c.category else "-",
                c.special or "-",
                f"{c.confidence:.2f}",
                percent(c.share, language) if c.personal else "-",
                _join(c.values),
                _join([f"{entity} {number(count, language)}" for entity, count in mentions]),
                # Why, for the columns that matter to the DPIA: an auditor checks each decision.
                "; ".join(render(r, language) for r in c.reasons) if c.personal else "-",
            ]
        )
    keys = (
        "column",
        "entity",
        "description",
        "category",
        "special",
        "confidence",
        "share",
        "evidence",
        "mentions",
        "reasons",
    )
    return _frame(rows, keys, lang)


def note_snippets(result: ScanResult, lang: str) -> pd.DataFrame:
    """Per free-text column and special or care type: how many rows mention it, the rule that
    matched and masked example snippets (never a name: see ``dpia.detect`` snippets)."""
    language = check_language(lang)
    rows = []
    for c in result.columns:
        for entity in sorted({s.entity for s in c.snippets}):
            shown = [s for s in c.snippets if s.entity == entity]
            rules = sorted({render(Message(f"rule.{s.rule}"), language) for s in shown})
            rows.append(
                [
                    c.name,
                    entity_label(entity, language),
                    number(c.rows_mentioning.get(entity, 0), language),
                    _join(rules),
                    " | ".join(s.text for s in shown),
                ]
            )
    return _frame(rows, ("column", "entity", "rows", "rule", "snippets"), lang)


# --- 02 minimisation -----------------------------------------------------------------------


def register_frame(register: Register, lang: str) -> pd.DataFrame:
    """One row per vendor: agreement, feed, allowed types, date-of-birth form, k, location."""
    language = check_language(lang)
    rows = []
    for v in register.vendors:
        where = v.location.country + (
            f" ({render('word.eea', language)})"
            if v.location.eea
            else f" ({render('word.outside_eea', language)})"
        )
        rows.append(
            [
                v.id,
                v.name,
                v.agreement.reference,
                v.feed,
                _join([entity_label(e, language) for e in v.allowed]),
                render(f"word.dob_{v.date_of_birth.value}", language),
                v.k_anonymity,
                where,
            ]
        )
    keys = ("vendor", "name", "agreement", "feed", "allowed", "date_of_birth", "k", "location")
    return _frame(rows, keys, lang)


def check_name(expectation: str, lang: str) -> str:
    """A suite expectation's short name (its type when the catalogue does not know it)."""
    code = f"check.{expectation}"
    return render(code, check_language(lang)) if exists(code) else expectation


def suites_frame(result: RunResult, lang: str) -> pd.DataFrame:
    """One row per vendor: the number of checks in its suite and their names."""
    rows = []
    for vendor, suite in result.suites.items():
        kinds = Counter(str(e["type"]) for e in suite["expectations"])
        names = [
            check_name(kind, lang) + (f" ({count}\u00d7)" if count > 1 else "")
            for kind, count in kinds.items()
        ]
        rows.append([vendor, kinds.total(), _join(names)])
    return _frame(rows, ("vendor", "checks", "check"), lang)


def verdict_frame(verdicts: Sequence[VendorVerdict], lang: str) -> pd.DataFrame:
    """One row per vendor: agreement, rows, checks evaluated, verdict, number of findings."""
    language = check_language(lang)
    rows = [
        [
            v.vendor,
            v.name,
            v.agreement,
            number(v.rows, language),
            v.evaluated,
            render("word.pass" if v.passed else "word.fail", language),
            len(v.failures),
        ]
        for v in verdicts
    ]
    keys = ("vendor", "name", "agreement", "rows", "checks", "verdict", "findings")
    return _frame(rows, keys, lang)


def failure_frame(verdicts: Sequence[VendorVerdict], lang: str) -> pd.DataFrame:
    """One row per failure: vendor, check, columns and the finding in plain words."""
    language = check_language(lang)
    rows = [
        [
            v.vendor,
            check_name(f.expectation, language),
            _join(f.columns),
            render(f.message, language),
        ]
        for v in verdicts
        for f in v.failures
    ]
    return _frame(rows, ("vendor", "check", "columns", "finding"), lang)


def link_frame(verdicts: Sequence[VendorVerdict], lang: str) -> pd.DataFrame:
    """One row per vendor whose feed was compared with the board's pupils: rows, linked rows, the
    keys they were linked on (each with its column and rows; surname and date of birth said to be
    the last resort), or why no row is linked."""
    language = check_language(lang)
    rows = []
    for v in verdicts:
        link = v.link
        if link is None:
            continue
        on = render(promise_link(link), language) if link["by_key"] else "-"
        why = (
            render(promise_reason({**link, "columns": v.promises[0]["columns"]}), language)
            if link["reason"] is not None
            else "-"
        )
        rows.append(
            [v.vendor, number(link["rows"], language), number(link["linked"], language), on, why]
        )
    return _frame(rows, ("vendor", "rows", "linked", "linked_on", "not_linked"), lang)


def promise_frame(verdicts: Sequence[VendorVerdict], lang: str) -> pd.DataFrame:
    """One row per vendor and check of the board's promises: its verdict (pass, fail, or cannot
    be verified), the pupils (rows, for unmatched) it found, per school, and why it could not be
    made."""
    language = check_language(lang)
    rows = []
    for v in verdicts:
        for check in v.promises:
            if not check["verifiable"]:
                verdict, count = render("word.unverifiable", language), "-"
                why = render(promise_reason(check), language)
            else:
                passed = check["count"] == 0
                verdict = render("word.pass" if passed else "word.fail", language)
                count, why = number(check["count"], language), "-"
            schools = _join(
                [f"{s} {number(n, language)}" for s, n in sorted(check["by_school"].items())]
            )
            rows.append(
                [v.vendor, render(promise_name(check), language), verdict, count, schools, why]
            )
    return _frame(rows, ("vendor", "check", "verdict", "count", "by_school", "reason"), lang)


def optional_fields_prose(lang: str) -> Markdown:
    """What the table of optional fields shows, with the share that raises a question."""
    threshold = percent(QUESTION_SHARE, check_language(lang))
    return prose("minimisation.optional", lang, threshold=threshold)


def optional_fields_frame(result: RunResult, lang: str) -> pd.DataFrame:
    """One row per optional field (the register's ``board.optional``) of each board export: rows,
    rows filled, their share, and whether that share is worth a question."""
    language = check_language(lang)
    rows = [
        [
            f.export,
            f.column,
            entity_label(f.entity, language),
            number(f.rows, language),
            number(f.filled, language),
            percent(f.share, language),
            render("word.ask", language) if f.question else "-",
        ]
        for f in result.optional_fields
    ]
    keys = ("export", "column", "entity", "rows", "filled", "share", "question")
    return _frame(rows, keys, lang)


# --- 03 exposure ---------------------------------------------------------------------------


def exposure_frame(table: ExposureTable, lang: str) -> pd.DataFrame:
    """One row per vendor: pupils, units, excess columns, k, uniqueness, severity, likelihood
    and risk level (inherent → residual), as ``dpia exposure`` prints them."""
    return _frame(
        exposure_rows(table, check_language(lang), arrow="\u2192"), EXPOSURE_COLUMNS, lang
    )


def reasons_frame(table: ExposureTable, lang: str) -> pd.DataFrame:
    """Per vendor three rows: the reasons behind severity, likelihood and residual likelihood."""
    language = check_language(lang)
    rows = []
    for v in table.vendors:
        risk = v.risk
        parts = (
            ("severity", risk.inherent.severity, risk.severity_reasons),
            ("likelihood", risk.inherent.likelihood, risk.likelihood_reasons),
            ("residual", risk.residual.likelihood, risk.residual_reasons),
        )
        for aspect, level, reasons in parts:
            rows.append(
                [
                    v.vendor,
                    render(f"heading.{aspect}", language),
                    level,
                    "; ".join(render(r.message, language) for r in reasons),
                ]
            )
    return _frame(rows, ("vendor", "aspect", "level", "reasons"), lang)


def k_frame(table: ExposureTable, lang: str) -> pd.DataFrame:
    """One row per vendor: the re-identification figures behind k (see
    ``dpia.exposure._reidentification``)."""
    language = check_language(lang)
    rows = []
    for v in table.vendors:
        r = v.reidentification
        rows.append(
            [
                v.vendor,
                _join(r.quasi_identifiers),
                _join(r.context),
                number(r.records, language),
                number(r.classes, language),
                number(r.k, language) + ("" if r.measured else "*"),
                r.threshold,
                percent(r.share_below_threshold, language),
                percent(r.sample_uniqueness, language),
                percent(r.max_risk, language),
                _join(
                    [f"{column}: l = {value}" for column, value in sorted(r.l_diversity.items())]
                ),
            ]
        )
    keys = (
        "vendor",
        "quasi_identifiers",
        "context",
        "records",
        "classes",
        "k",
        "threshold",
        "below_threshold",
        "unique",
        "max_risk",
        "l_diversity",
    )
    return _frame(rows, keys, lang)


# --- 04 report -----------------------------------------------------------------------------


def measures_frame(result: RunResult, lang: str) -> pd.DataFrame:
    """The report's measures (section D), one row each: vendor and measure."""
    language = check_language(lang)
    rows = [[m.vendor, render(m.message, language)] for m in result.measures]
    return _frame(rows, ("vendor", "measure"), lang)


def residual_frame(table: ExposureTable, lang: str) -> pd.DataFrame:
    """One row per vendor: inherent and residual risk, the register's measures counted and not."""
    language = check_language(lang)
    rows = []
    for v in table.vendors:
        risk = v.risk
        rows.append(
            [
                v.vendor,
                f"{risk.inherent.level.label(language)} "
                f"({risk.inherent.severity} \u00d7 {risk.inherent.likelihood})",
                f"{risk.residual.level.label(language)} "
                f"({risk.residual.severity} \u00d7 {risk.residual.likelihood})",
                _join(risk.measures_counted),
                _join(risk.measures_not_counted),
            ]
        )
    keys = ("vendor", "inherent", "residual", "counted", "not_counted")
    return _frame(rows, keys, lang)


def report_files_frame(lang: str) -> pd.DataFrame:
    """What ``dpia run`` writes to the output folder, one row per file or folder."""
    language = check_language(lang)
    rows = [[name, render(code, language)] for name, code in _OUTPUT_FILES]
    return _frame(rows, ("file", "contents"), lang)


# --- manifest ------------------------------------------------------------------------------


def run_manifest(result: RunResult, parameters: Mapping[str, Any]) -> dict[str, Any]:
    """``dpia.job.build_manifest`` of what a notebook shows, without the start and end time: a
    notebook executed twice on the same inputs shows the same manifest."""
    manifest = build_manifest(
        provenance=result.provenance,
        register_path=result.register_path,
        parameters=parameters,
        started="",
        finished="",
    )
    return {key: value for key, value in manifest.items() if key not in TIME_FIELDS}


def manifest_frames(manifest: Mapping[str, Any], lang: str) -> dict[str, pd.DataFrame]:
    """The manifest as three tables, keyed by their title: inputs, run, packages."""
    language = check_language(lang)
    inputs = _frame(
        [
            [
                i["path"],
                i["sha256"],
                number(i["bytes"], language),
                number(i["rows"], language),
                i["columns"],
            ]
            for i in manifest["inputs"]
        ],
        ("file", "sha256", "bytes", "rows", "columns"),
        language,
    )
    register = manifest["register"]
    run: list[list[object]] = [
        [render("word.register", language), register["path"]],
        [render("word.register_sha256", language), register["sha256"]],
        [render("word.git_commit", language), manifest["git_commit"] or "-"],
    ]
    run.extend(
        [f"{render('word.parameter', language)} {name}", "-" if value is None else str(value)]
        for name, value in manifest["parameters"].items()
    )
    packages = _frame(
        [[name, version or "-"] for name, version in manifest["packages"].items()],
        ("package", "version"),
        language,
    )
    return {
        render("word.inputs", language): inputs,
        render("word.run", language): _frame(run, ("item", "value"), language),
        render("word.packages", language): packages,
    }
