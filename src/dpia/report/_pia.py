"""One file per vendor (``pia/<vendor>.json``) that the CNIL's PIA tool (github.com/LINCnil/pia)
imports: its export format, read by ``PiaService.importData`` (``src/app/services/pia.service.ts``;
the fields and types are in docs/report.md).

The tool's structure (``src/assets/files/pia_architecture.json``) has questions by number: 111-123
the context, 211-227 the fundamental principles, 32x/33x/34x the three risks (illegitimate access,
unwanted modification, disappearance of data; x = 1 impacts, 2 threats, 3 sources, 4 measures, 5
severity, 6 likelihood, the last two with a gauge 1-4). Answers hold HTML text. The risks' gauges
are the workbench's CNIL levels: the answer's gauge is the level before measures (inherent); the
evaluation's gauges (``x`` severity, ``y`` likelihood) the level after the register's measures
(residual), left pending for the evaluator. The workbench measures exposure of the data, which is
the risk of illegitimate access; for modification and disappearance it gives the severity (the
same data) and asks the likelihood as an open question (gauge 0: unanswered in the tool).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from dpia.messages import Language, Message, render
from dpia.register import Point, Register, Vendor
from dpia.report._document import findings_of
from dpia.report._model import spans

RISKS = ("3.2", "3.3", "3.4")


def _html(text: str) -> str:
    """Our text as the tool's rich text: escaped, code spans as ``<code>``."""
    return "".join(
        f"<code>{html.escape(part)}</code>" if is_code else html.escape(part)
        for part, is_code in spans(text)
    )


def _paragraphs(texts: Sequence[str]) -> str:
    return "".join(f"<p>{_html(t)}</p>" for t in texts if t)


def pia_exports(context: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Per vendor id, its PIA in the tool's export format, dated by the run's start."""
    register: Register = context["register"]
    verdicts = {v["vendor"]: v for v in context["verdicts"]}
    measures = context["measures"]
    return {
        v["vendor"]: _pia(
            context,
            register.vendor(v["vendor"]),
            v,
            verdicts.get(v["vendor"]),
            [m["text"] for m in measures if m["vendor"] == v["vendor"]],
        )
        for v in context["vendors"]
    }


def _pia(
    context: Mapping[str, Any],
    vendor: Vendor,
    exposure: Mapping[str, Any],
    verdict: Mapping[str, Any] | None,
    proposed: Sequence[str],
) -> dict[str, Any]:
    lang: Language = context["lang"]
    register: Register = context["register"]
    when = context["manifest"]["started"]  # ISO 8601 UTC, as the tool's ``new Date()`` reads it
    sign = register.assessment.sign_off

    def said(point: Point) -> str:
        """The register's answer to ``point`` (this processing's, else the board's), or the open
        question, marked as such."""
        answer = vendor.answers.get(point) or register.assessment.answers.get(point)
        if answer:
            return f"{render('report.answer', lang)} {answer}"
        return f"{render('report.open_question', lang)} " + render(f"report.q.{point.value}", lang)

    columns = [
        render(
            "pia.column",
            lang,
            column=a["column"],
            entity=a["entity"],
            category=Message(f"category.{a['category'].partition(':')[0]}"),
        )
        for a in exposure["attributes"]
    ]
    register_measures = [*exposure["measures"]["counted"], *exposure["measures"]["not_counted"]]
    measure_rows = [
        (title, render("pia.measure_register", lang)) for title in register_measures
    ] + [(render("pia.measure_proposed", lang, n=n), text) for n, text in enumerate(proposed, 1)]
    findings = [
        "; ".join(render(f"check.{rule}", lang) for rule in f["rules"])
        + (f" ({', '.join(f['columns'])})" if f["columns"] else "")
        for f in (findings_of(verdict) if verdict else [])
    ]
    verdict_text = (
        render("pia.verdict_pass", lang, agreement=vendor.agreement.reference)
        if verdict and verdict["passed"]
        else render("pia.verdict_fail", lang, agreement=vendor.agreement.reference)
    )
    severity, likelihood = exposure["severity"], exposure["likelihood"]
    severity_text = "; ".join(r[lang] for r in exposure["reasons"]["severity"])
    likelihood_text = "; ".join(r[lang] for r in exposure["reasons"]["likelihood"])
    residual_text = "; ".join(r[lang] for r in exposure["reasons"]["residual"])
    sub_processors = [f"{s.name} ({s.country})" for s in vendor.sub_processors]
    consent = vendor.legal_basis.value == "toestemming"

    text: dict[int, str] = {
        111: _paragraphs([f"{vendor.name}: {vendor.purpose}"]),
        112: _paragraphs(
            [
                render("report.p5.facts", lang, board=register.board.name),
                f"{vendor.name}: {render(f'report.role.{vendor.role.value}', lang)}",
                render("pia.sub_processors", lang, names=", ".join(sub_processors) or "-"),
            ]
        ),
        113: _paragraphs(
            [
                render("report.p9.facts", lang),
                f"{vendor.agreement.reference} ({vendor.agreement.date})",
                said(Point.FRAMEWORK),
            ]
        ),
        121: _paragraphs(
            [
                render("pia.data", lang, feed=exposure["feed"], subjects=exposure["subjects"]),
                *columns,
            ]
        ),
        122: _paragraphs(
            [
                render(
                    "report.p3.facts",
                    lang,
                    sources=", ".join(s.system for s in register.sources) or "-",
                ),
                said(Point.TECHNIQUES),
            ]
        ),
        123: _paragraphs(
            [
                f"{vendor.location.country} ({render('report.eea' if vendor.location.eea else 'report.outside_eea', lang)})",
                render("pia.sub_processors", lang, names=", ".join(sub_processors) or "-"),
            ]
        ),
        211: _paragraphs([vendor.purpose, said(Point.PURPOSE_LIMITATION)]),
        212: _paragraphs([render(f"report.basis.{vendor.legal_basis.value}", lang)]),
        213: _paragraphs([verdict_text, *findings, said(Point.NECESSITY)]),
        214: _paragraphs([render("pia.accuracy", lang)]),
        215: _paragraphs([vendor.retention]),
        221: _paragraphs([said(Point.RIGHTS)]),
        222: _paragraphs(
            [said(Point.RIGHTS)]
            if consent
            else [
                render(
                    "pia.no_consent",
                    lang,
                    basis=render(f"report.basis.{vendor.legal_basis.value}", lang),
                )
            ]
        ),
        223: _paragraphs([said(Point.RIGHTS)]),
        224: _paragraphs([said(Point.RIGHTS)]),
        225: _paragraphs([said(Point.RIGHTS)]),
        226: _paragraphs(
            [
                render(
                    "pia.contract",
                    lang,
                    agreement=vendor.agreement.reference,
                    date=str(vendor.agreement.date),
                ),
                render("pia.sub_processors", lang, names=", ".join(sub_processors) or "-"),
            ]
        ),
        227: _paragraphs(
            [
                render("pia.transfer", lang, mechanism=vendor.transfer_mechanism)
                if vendor.transfer_mechanism
                else render("pia.no_transfer", lang, country=vendor.location.country)
            ]
        ),
    }
    answers = [_answer(ref, body, None, [], when) for ref, body in text.items()]
    impacts = [r[lang] for r in exposure["reasons"]["severity"]]
    threats = [r[lang] for r in exposure["reasons"]["likelihood"]]
    sources = [vendor.name, *sub_processors]
    counted = list(exposure["measures"]["counted"])
    for risk in (2, 3, 4):
        base = 300 + risk * 10
        answers += [
            _answer(base + 1, None, None, impacts, when),
            _answer(base + 2, None, None, threats if risk == 2 else [], when),
            _answer(base + 3, None, None, sources, when),
            _answer(base + 4, None, None, counted, when),
            _answer(
                base + 5,
                _paragraphs(
                    [render("pia.severity", lang, level=severity["inherent"]), severity_text]
                ),
                severity["inherent"],
                [],
                when,
            ),
        ]
        if risk == 2:
            answers.append(
                _answer(
                    base + 6,
                    _paragraphs(
                        [
                            render("pia.likelihood", lang, level=likelihood["inherent"]),
                            likelihood_text,
                        ]
                    ),
                    likelihood["inherent"],
                    [],
                    when,
                )
            )
        else:
            answers.append(
                _answer(
                    base + 6,
                    _paragraphs([render("pia.likelihood_open", lang)]),
                    0,
                    [],
                    when,
                )
            )
    measures = [
        {
            "id": n,
            "title": title,
            "content": _html(content),
            "placeholder": "",
            "created_at": when,
            "updated_at": when,
        }
        for n, (title, content) in enumerate(measure_rows, 1)
    ]
    evaluations = [
        {
            "reference_to": reference,
            "status": 0,
            "global_status": 0,
            "gauges": {
                "x": severity["residual"],
                "y": likelihood["residual"] if reference == "3.2" else 0,
            },
            "evaluation_comment": _paragraphs([render("pia.residual", lang), residual_text]),
            "action_plan_comment": _paragraphs(proposed),
            "person_in_charge": "",
            "created_at": when,
            "updated_at": when,
        }
        for reference in RISKS
    ]
    return {
        "pia": {
            "name": vendor.name,
            "category": render("pia.category", lang),
            "author_name": sign.author or "",
            "evaluator_name": "",
            "validator_name": "",
            "dpo_status": None,
            "dpo_opinion": sign.dpo_advice or "",
            "dpos_names": "",
            "people_names": "",
            "concerned_people_opinion": "",
            "concerned_people_status": None,
            "concerned_people_searched_opinion": False,
            "concerned_people_searched_content": "",
            "rejection_reason": "",
            "applied_adjustments": "",
            "status": 0,
            "is_example": 0,
            "is_archive": 0,
            "created_at": when,
            "updated_at": when,
        },
        "answers": answers,
        "measures": measures,
        "evaluations": evaluations,
        "comments": [],
    }


def _answer(
    reference: int, text: str | None, gauge: int | None, items: list[str], when: str
) -> dict[str, Any]:
    return {
        "reference_to": reference,
        "data": {"text": text, "gauge": gauge, "list": items},
        "created_at": when,
        "updated_at": when,
    }
