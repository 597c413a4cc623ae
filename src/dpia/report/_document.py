"""The DPIA as a document: the 17 points of the Model DPIA Rijksdienst, filled from the report
context (the register and the pipeline's findings), as a ``Document`` of blocks.

Each point states what the workbench knows. Where only a person can judge (interests, necessity
and proportionality, data subjects' rights, ...), the point ends with an open question, marked as
such, unless the register holds an answer (``assessment.answers`` for the whole board,
``vendors[].answers`` for one processing): then the answer is shown instead. Nothing here computes
a figure: every number comes from the context, as the pipeline computed it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dpia.messages import Language, entity_label, number, percent, render
from dpia.register import Point, Register
from dpia.report._model import (
    Answer,
    Block,
    Document,
    Heading,
    Image,
    Items,
    Para,
    Question,
    Table,
    code,
)

# Parts of the model and their points, in order.
PARTS: tuple[tuple[str, tuple[Point, ...]], ...] = (
    ("a", tuple(Point)[0:10]),
    ("b", tuple(Point)[10:15]),
    ("c", (Point.RISKS,)),
    ("d", (Point.MEASURES,)),
)
# Points only a person can judge: without an answer in the register, each processing gets an
# open question.
JUDGED = frozenset(
    {
        Point.INTERESTS,
        Point.TECHNIQUES,
        Point.FRAMEWORK,
        Point.PURPOSE_LIMITATION,
        Point.NECESSITY,
        Point.RIGHTS,
    }
)


def point_title(point: Point, lang: Language) -> str:
    """``"14. Noodzaak en proportionaliteit"``: the number and the model's name of a point."""
    return f"{tuple(Point).index(point) + 1}. {render(f'report.point.{point.value}', lang)}"


def build_document(context: Mapping[str, Any]) -> Document:
    lang: Language = context["lang"]
    register: Register = context["register"]
    blocks: list[Block] = [
        Para(f"{render('report.subtitle', lang)}. {render('report.synthetic', lang)}"),
        *_status(context),
        *_changes(context),
    ]
    for part, points in PARTS:
        blocks.append(Heading(1, render(f"report.part.{part}", lang)))
        for point in points:
            blocks.append(Heading(2, point_title(point, lang)))
            blocks.extend(_POINTS[point](context))
            blocks.extend(_answers(point, register, lang))
    blocks.extend(_manifest(context))
    title = f"{render('report.title', lang)}: {context['board']}"
    return Document(lang=lang, title=title, blocks=tuple(blocks))


# --- status, sign-off, changes -----------------------------------------------------------------


def is_concept(register: Register) -> bool:
    """A DPIA is final only with a decision and its date in the register's sign-off."""
    sign = register.assessment.sign_off
    return not (sign.decision and sign.date)


def _status(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    register: Register = context["register"]
    sign = register.assessment.sign_off
    open_ = render("report.signoff.open", lang)
    if is_concept(register):
        status = render("report.status.concept", lang)
    else:
        status = render("report.status.final", lang, date=str(sign.date))
    rows = (
        (render("report.signoff.author", lang), sign.author or open_),
        (render("report.signoff.dpo_advice", lang), sign.dpo_advice or open_),
        (render("report.signoff.decision", lang), sign.decision or open_),
        (render("report.signoff.date", lang), str(sign.date) if sign.date else open_),
    )
    blocks: list[Block] = [
        Heading(1, render("report.signoff", lang)),
        Para(status),
        Table((render("report.item", lang), render("report.value", lang)), rows),
    ]
    if is_concept(register):
        blocks.append(_question(lang, render("report.q.signoff", lang)))
    return blocks


def _changes(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    changes = context.get("changes")
    blocks: list[Block] = [Heading(1, render("report.changes", lang))]
    if not changes or changes.get("previous") is None:
        blocks.append(Para(render("report.changes.first", lang)))
        return blocks
    blocks.append(Para(render("report.changes.since", lang, started=changes["previous"])))
    items = [change[lang] for change in changes["changes"]]
    blocks.append(Items(tuple(items)) if items else Para(render("report.changes.none", lang)))
    return blocks


def _answers(point: Point, register: Register, lang: Language) -> list[Block]:
    """The register's answers to ``point``: the board's, then each processing's. A judged point
    without a board answer asks its open question once, naming the processings still without
    an answer."""
    blocks: list[Block] = []
    board = register.assessment.answers.get(point)
    if board:
        blocks.append(Answer(render("report.answer", lang), board))
    open_for = []
    for vendor in register.vendors:
        own = vendor.answers.get(point)
        if own:
            blocks.append(Answer(render("report.answer_for", lang, vendor=vendor.name), own))
        else:
            open_for.append(vendor.name)
    if point in JUDGED and not board and open_for:
        scope = (
            render("report.q.for_all", lang)
            if len(open_for) == len(register.vendors)
            else render("report.q.for", lang, vendors=tuple(open_for))
        )
        blocks.append(_question(lang, f"{render(f'report.q.{point.value}', lang)} {scope}"))
    return blocks


def _question(lang: Language, text: str) -> Question:
    return Question(render("report.open_question", lang), text)


# --- the points --------------------------------------------------------------------------------


def _vendor_names(context: Mapping[str, Any]) -> dict[str, str]:
    return {v.id: v.name for v in context["register"].vendors}


def _proposal(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    register: Register = context["register"]
    schools = register.board.schools
    pupils = sum(s.pupils or 0 for s in schools)
    rows = tuple(
        (v.name, render(f"report.role.{v.role.value}", lang), v.agreement.reference)
        for v in register.vendors
    )
    return [
        Para(
            render(
                "report.p1.facts",
                lang,
                board=register.board.name,
                schools=len(schools),
                pupils=pupils,
                vendors=len(register.vendors),
            )
        ),
        Table(
            (
                render("report.vendor", lang),
                render("report.role", lang),
                render("report.agreement", lang),
            ),
            rows,
        ),
    ]


def _personal_data(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    blocks: list[Block] = [
        Para(render("report.a_intro", lang)),
        Table(
            (
                render("report.file", lang),
                render("report.rows", lang),
                render("report.pupils", lang),
                render("report.personal", lang),
                render("report.categories", lang),
                render("report.special", lang),
            ),
            tuple(
                (
                    code(f["path"]),
                    number(f["rows"], lang),
                    number(f["pupils"], lang),
                    number(f["personal"], lang),
                    ", ".join(render(f"category.{c}", lang) for c in f["categories"]) or "-",
                    ", ".join(entity_label(s, lang) for s in f["special"]) or "-",
                )
                for f in context["files"]
            ),
            (False, True, True, True, False, False),
        ),
    ]
    for f in context["files"]:
        personal = [c for c in f["columns"] if c["personal"]]
        if not personal:
            continue
        blocks.append(Heading(3, code(f["path"])))
        blocks.append(
            Table(
                (
                    render("report.column", lang),
                    render("report.entity", lang),
                    render("report.category", lang),
                    render("report.confidence", lang),
                    render("report.evidence", lang),
                    render("report.decision", lang),
                ),
                tuple(
                    (
                        code(c["name"]),
                        entity_label(c["special"] or c["entity"], lang),
                        render(f"category.{c['category']}", lang),
                        percent(c["confidence"], lang),
                        _evidence(c, lang),
                        c["reasons"][-1][lang] if c.get("reasons") else "-",
                    )
                    for c in personal
                ),
                (False, False, False, True, False, False),
            )
        )
    return blocks


def _evidence(column: Mapping[str, Any], lang: Language) -> str:
    if column["mentions"]:
        return ", ".join(
            f"{entity_label(e, lang)} {number(n, lang)}" for e, n in column["mentions"].items()
        )
    return ", ".join(code(v) for v in column["evidence"]["values"]) or "-"


def _processing(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    register: Register = context["register"]
    sources = ", ".join(f"{s.system} ({code(s.file)})" for s in register.sources) or "-"
    schools = {s.brin: s.name for s in register.board.schools}
    rows = []
    for vendor in context["vendors"]:
        entry = register.vendor(vendor["vendor"])
        served = ", ".join(schools.get(b, b) for b in entry.schools) or "-"
        rows.append(
            (
                vendor["name"],
                code(vendor["feed"]),
                number(vendor["rows"], lang),
                number(vendor["subjects"], lang),
                served,
            )
        )
    return [
        Para(render("report.p3.facts", lang, sources=sources)),
        Table(
            (
                render("report.vendor", lang),
                render("report.feed", lang),
                render("report.rows", lang),
                render("report.subjects", lang),
                render("report.schools", lang),
            ),
            tuple(rows),
            (False, False, True, True, False),
        ),
    ]


def _purposes(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    return [
        Table(
            (render("report.vendor", lang), render("report.purpose", lang)),
            tuple((v.name, v.purpose) for v in context["register"].vendors),
        )
    ]


def _parties(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    rows = []
    for v in context["register"].vendors:
        subs = "; ".join(f"{s.name} ({s.country}): {s.purpose or '-'}" for s in v.sub_processors)
        rows.append((v.name, render(f"report.role.{v.role.value}", lang), subs or "-"))
    return [
        Para(render("report.p5.facts", lang, board=context["board"])),
        Table(
            (
                render("report.vendor", lang),
                render("report.role", lang),
                render("report.sub_processors", lang),
            ),
            tuple(rows),
        ),
    ]


def _interests(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    return [Para(render("report.p6.facts", lang))]


def _locations(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    rows = []
    for v in context["register"].vendors:
        where = render("report.eea" if v.location.eea else "report.outside_eea", lang)
        subs = ", ".join(sorted({s.country for s in v.sub_processors})) or "-"
        rows.append((v.name, f"{v.location.country} ({where})", v.transfer_mechanism or "-", subs))
    return [
        Table(
            (
                render("report.vendor", lang),
                render("report.location", lang),
                render("report.transfer", lang),
                render("report.sub_processor_countries", lang),
            ),
            tuple(rows),
        )
    ]


def _techniques(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    formats = sorted({i["path"].rsplit(".", 1)[-1] for i in context["manifest"]["inputs"]})
    sample = context["manifest"]["parameters"]["sample"]
    return [
        Para(
            render(
                "report.p8.facts",
                lang,
                formats=", ".join(formats),
                sample=str(sample),
                files=len(context["files"]),
            )
        )
    ]


def _framework(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    return [
        Para(render("report.p9.facts", lang)),
        Table(
            (render("report.vendor", lang), render("report.agreement", lang)),
            tuple(
                (v.name, f"{v.agreement.reference} ({v.agreement.date})")
                for v in context["register"].vendors
            ),
        ),
    ]


def _retention(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    checked = _promises(context, "retention")
    return [
        Para(render("report.p10.facts", lang)),
        Table(
            (
                render("report.vendor", lang),
                render("report.retention", lang),
                render("report.retention_after_leaving", lang),
                render("report.kept_too_long", lang),
            ),
            tuple(
                (
                    v.name,
                    v.retention,
                    v.retention_after_leaving or "-",
                    _promise_count(checked.get(v.id), lang),
                )
                for v in context["register"].vendors
            ),
            (False, False, False, True),
        ),
    ]


def _legal_basis(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    checked = _promises(context, "consent")
    return [
        Para(render("report.p11.facts", lang)),
        Table(
            (
                render("report.vendor", lang),
                render("report.legal_basis", lang),
                render("report.consent", lang),
                render("report.without_consent", lang),
            ),
            tuple(
                (
                    v.name,
                    render(f"report.basis.{v.legal_basis.value}", lang),
                    v.consent or "-",
                    _promise_count(checked.get(v.id), lang) if v.consent else "-",
                )
                for v in context["register"].vendors
            ),
            (False, False, False, True),
        ),
    ]


def _promises(context: Mapping[str, Any], check: str) -> dict[str, Mapping[str, Any]]:
    """Per vendor id, the result of one of the board's promise checks in its validation."""
    return {
        verdict["vendor"]: promise
        for verdict in context["verdicts"]
        for promise in verdict.get("promises", ())
        if promise["check"] == check
    }


def _promise_count(promise: Mapping[str, Any] | None, lang: Language) -> str:
    """The pupils a promise check found, per school, or why it could not be checked."""
    if promise is None:
        return "-"
    if not promise["verifiable"]:
        return render("report.not_verifiable", lang)
    schools = ", ".join(f"{school} {n}" for school, n in sorted(promise["by_school"].items()))
    count = number(promise["count"], lang)
    return f"{count} ({schools})" if schools else count


def _special_data(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    blocks: list[Block] = [Para(render("report.b_special_intro", lang))]
    if context["special"]:
        blocks.append(
            Table(
                (
                    render("report.file", lang),
                    render("report.column", lang),
                    render("report.entity", lang),
                ),
                tuple((code(s["file"]), code(s["column"]), s["label"]) for s in context["special"]),
            )
        )
    else:
        blocks.append(Para(render("report.none_found", lang)))
    for s in context["special"]:
        if not s["examples"]:
            continue
        blocks.append(
            Para(render("report.notes_examples", lang, column=s["column"], file=s["file"]))
        )
        blocks.append(
            Table(
                (
                    render("report.entity", lang),
                    render("report.rows", lang),
                    render("report.rule", lang),
                    render("report.evidence", lang),
                ),
                tuple(
                    (
                        e["label"],
                        number(e["rows"], lang),
                        "; ".join(e["rules"]),
                        " / ".join(e["texts"]),
                    )
                    for e in s["examples"]
                ),
                (False, True, False, False),
            )
        )
    receiving = [
        (
            v["name"],
            ", ".join(entity_label(t, lang) for t in v["special_types"]) or "-",
            number(v["special_units"], lang),
            number(v["national_id_units"], lang),
        )
        for v in context["vendors"]
    ]
    blocks.append(
        Table(
            (
                render("report.vendor", lang),
                render("report.special", lang),
                render("report.special_units", lang),
                render("report.national_id_units", lang),
            ),
            tuple(receiving),
            (False, False, True, True),
        )
    )
    return blocks


def _purpose_limitation(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    rows = []
    for v in context["vendors"]:
        allowed = context["register"].vendor(v["vendor"]).allowed
        rows.append(
            (
                v["name"],
                ", ".join(entity_label(e, lang) for e in allowed) or "-",
                ", ".join(code(c) for c in v["excess_columns"]) or "-",
            )
        )
    return [
        Para(render("report.p13.facts", lang)),
        Table(
            (
                render("report.vendor", lang),
                render("report.allowed", lang),
                render("report.excess", lang),
            ),
            tuple(rows),
        ),
    ]


def _necessity(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    blocks: list[Block] = [
        Para(render("report.b_minimisation_intro", lang)),
        Table(
            (
                render("report.vendor", lang),
                render("report.agreement", lang),
                render("report.verdict", lang),
                render("report.findings", lang),
            ),
            tuple(
                (
                    v["name"],
                    v["agreement"],
                    render("report.passed" if v["passed"] else "report.failed", lang),
                    number(len(findings_of(v)), lang),
                )
                for v in context["verdicts"]
            ),
            (False, False, False, True),
        ),
    ]
    rows = [(v["name"], f) for v in context["verdicts"] for f in findings_of(v)]
    if rows:
        blocks.append(Para(render("report.findings_intro", lang)))
        blocks.append(
            Table(
                (
                    render("report.vendor", lang),
                    render("report.column", lang),
                    render("report.entity", lang),
                    render("report.rules", lang),
                    render("report.values", lang),
                ),
                tuple(
                    (
                        name,
                        ", ".join(code(c) for c in f["columns"])
                        or render("report.whole_feed", lang),
                        ", ".join(entity_label(e, lang) for e in f["entities"]) or "-",
                        "; ".join(render(f"check.{r}", lang) for r in f["rules"]),
                        f"k = {f['k']}" if f["k"] is not None else number(f["count"], lang),
                    )
                    for name, f in rows
                ),
                (False, False, False, False, True),
            )
        )
    blocks.append(
        Table(
            (
                render("report.vendor", lang),
                render("report.quasi_identifiers", lang),
                render("report.k", lang),
                render("report.k_threshold", lang),
                render("report.unique", lang),
            ),
            tuple(
                (
                    v["name"],
                    ", ".join(code(c) for c in v["quasi_identifiers"]) or "-",
                    "-" if v["k_anonymity"] is None else number(v["k_anonymity"], lang),
                    number(v["k_threshold"], lang),
                    "-"
                    if v["sample_uniqueness"] is None
                    else percent(v["sample_uniqueness"], lang),
                )
                for v in context["vendors"]
            ),
            (False, False, True, True, True),
        )
    )
    return blocks


def findings_of(verdict: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One finding per column of a vendor's feed, with every rule the column breaks (expectation
    types, in the order they failed), its entity types and the most values any one rule counted.
    A rule over a combination of columns (k-anonymity) is one finding for that combination, with
    k as its figure; one without a column (the row count) is a finding about the whole feed."""
    found: dict[str, dict[str, Any]] = {}
    for failure in verdict["failures"]:
        combined = failure["expectation"] == "expect_table_quasi_identifiers_to_be_k_anonymous"
        keys = [", ".join(failure["columns"])] if combined or not failure["columns"] else []
        for key in keys or failure["columns"]:
            entry = found.setdefault(
                key,
                {
                    "columns": key.split(", ") if key else [],
                    "entities": [],
                    "rules": [],
                    "count": 0,
                    "k": None,
                },
            )
            if failure["expectation"] not in entry["rules"]:
                entry["rules"].append(failure["expectation"])
            entry["entities"].extend(e for e in failure["entities"] if e not in entry["entities"])
            if combined:
                entry["k"] = failure["count"]  # k-anonymity's count is the observed k
            else:
                entry["count"] = max(entry["count"], failure["count"])
    return list(found.values())


def _rights(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    total = sum(v["subjects"] for v in context["vendors"])
    return [Para(render("report.p15.facts", lang, vendors=len(context["vendors"]), pupils=total))]


def _risks(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    blocks: list[Block] = [
        Para(render("report.c_intro", lang)),
        Table(
            (
                render("report.vendor", lang),
                render("report.subjects", lang),
                render("report.severity", lang),
                render("report.likelihood", lang),
                render("report.level_inherent", lang),
                render("report.level_residual", lang),
            ),
            tuple(
                (
                    v["name"],
                    number(v["subjects"], lang),
                    _gauge(v["severity"]["inherent"], v["severity"]["residual"], lang),
                    _gauge(v["likelihood"]["inherent"], v["likelihood"]["residual"], lang),
                    render(f"level.{v['risk_level']['inherent']}", lang),
                    render(f"level.{v['risk_level']['residual']}", lang),
                )
                for v in context["vendors"]
            ),
            (False, True, False, False, False, False),
        ),
        Items(
            tuple(
                f"{v['name']}: "
                + "; ".join(r[lang] for r in v["reasons"]["severity"] + v["reasons"]["likelihood"])
                for v in context["vendors"]
            )
        ),
    ]
    blocks.extend(Image(name, render(caption, lang)) for name, caption in context["charts"])
    return blocks


def _gauge(inherent: int, residual: int, lang: Language) -> str:
    """``"4 maximaal -> 3 aanzienlijk"``: a CNIL level before and after the measures."""
    before = f"{inherent} {render(f'cnil.{inherent}', lang)}"
    if residual == inherent:
        return before
    return f"{before} → {residual} {render(f'cnil.{residual}', lang)}"


def _measures(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    blocks: list[Block] = [
        Para(render("report.d_register", lang)),
        Table(
            (
                render("report.vendor", lang),
                render("report.measures_counted", lang),
                render("report.measures_not_counted", lang),
            ),
            tuple(
                (
                    v["name"],
                    "; ".join(v["measures"]["counted"]) or "-",
                    "; ".join(v["measures"]["not_counted"]) or "-",
                )
                for v in context["vendors"]
            ),
        ),
        Para(render("report.d_intro", lang)),
    ]
    texts = tuple(m["text"] for m in context["measures"])
    blocks.append(Items(texts, numbered=True) if texts else Para(render("report.none_found", lang)))
    return blocks


def _manifest(context: Mapping[str, Any]) -> list[Block]:
    lang: Language = context["lang"]
    manifest = context["manifest"]
    parameters = ", ".join(f"`{k}={v}`" for k, v in manifest["parameters"].items())
    register = manifest["register"]
    return [
        Heading(1, render("report.manifest", lang)),
        Para(render("report.manifest_intro", lang)),
        Table(
            (render("report.item", lang), render("report.value", lang)),
            (
                (render("report.started", lang), manifest["started"]),
                (render("report.finished", lang), manifest["finished"]),
                (render("report.commit", lang), code(manifest["git_commit"] or "-")),
                (render("report.parameters", lang), parameters),
                (
                    render("report.register", lang),
                    f"{code(register['path'])} {code(register['sha256'])}",
                ),
            ),
        ),
        Table(
            (render("report.inputs", lang), "sha256", render("report.bytes", lang)),
            tuple(
                (code(i["path"]), code(i["sha256"]), number(i["bytes"], lang))
                for i in manifest["inputs"]
            ),
            (False, False, True),
        ),
        Table(
            (render("report.packages", lang), render("report.version", lang)),
            tuple((name, version or "-") for name, version in manifest["packages"].items()),
        ),
    ]


_POINTS: dict[Point, Callable[[Mapping[str, Any]], list[Block]]] = {
    Point.PROPOSAL: _proposal,
    Point.PERSONAL_DATA: _personal_data,
    Point.PROCESSING: _processing,
    Point.PURPOSES: _purposes,
    Point.PARTIES: _parties,
    Point.INTERESTS: _interests,
    Point.LOCATIONS: _locations,
    Point.TECHNIQUES: _techniques,
    Point.FRAMEWORK: _framework,
    Point.RETENTION: _retention,
    Point.LEGAL_BASIS: _legal_basis,
    Point.SPECIAL_DATA: _special_data,
    Point.PURPOSE_LIMITATION: _purpose_limitation,
    Point.NECESSITY: _necessity,
    Point.RIGHTS: _rights,
    Point.RISKS: _risks,
    Point.MEASURES: _measures,
}


def charts_present(document: Document, names: Sequence[str]) -> Document:
    """``document`` without the images whose chart is not among ``names`` (a run without them)."""
    kept = tuple(b for b in document.blocks if not isinstance(b, Image) or b.name in names)
    return Document(document.lang, document.title, kept)
