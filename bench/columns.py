"""Benchmark: the column classifier on labelled columns written by others.

    .venv/bin/python bench/columns.py LABELLED_COLUMNS [--fakenamegenerator CSV]

``LABELLED_COLUMNS`` is the labelled columns file: JSON lines with a header (``column``), some
values (``records``) and a label (``label``, ``None`` when not personal), as in
trl-lab/sensitive-data-detection. Each column is classified alone with
``dpia.detect.classify_column`` (every value examined) and our type mapped onto the file's labels
by ``MAPPING`` (docs/detection.md, "Measured on tables written by others"). Prints JSON: the
support-weighted precision, recall and F1 over the personal labels (every label but ``None``),
as scikit-learn's ``classification_report`` computes them, per label, and the columns missed.

A column classified alone is read as a column of a table about people: ``classify_column`` does
not apply the table rule for identifiers (``about_people``), which needs the other columns. The
figure "alone_as_table" applies it to one-column tables instead (an id column without a person
header is then never personal).

``--fakenamegenerator CSV``: FakeNameGenerator's table (presidio-evaluator's
``FakeNameGenerator.com_3000.csv``) scanned as one table, each column against ``FNG_EXPECTED``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

# Our entity type -> the label of the labelled columns. Types without a counterpart keep their
# own name: they never count as a hit, and a None column given one counts as flagged.
MAPPING: dict[str, str] = {
    "PERSON": "PERSON_NAME",
    "STREET_ADDRESS": "STREET_ADDRESS",
    "ETHNIC_ORIGIN": "ETHNIC_GROUP",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "DATE_OF_BIRTH": "DATE_OF_BIRTH",
    "GEO_COORDINATES": "GEO_COORDINATES",
    "NL_POSTCODE": "ZIPCODE",
    "POSTCODE": "ZIPCODE",
    "GENDER": "GENDER",
    "AGE": "AGE",
    "URL": "URL",
    "MARITAL_STATUS": "MARITAL_STATUS",
    "OCCUPATION": "OCCUPATION",
    "LANGUAGE": "SPOKEN_LANGUAGE",
    "DEVICE_ID": "IMEI_HARDWARE_ID",
    "IDENTIFIER": "GENERIC_ID",
    "STUDENT_NUMBER": "GENERIC_ID",
    "NATIONAL_ID": "GENERIC_ID",
    "NL_BSN": "GENERIC_ID",
    "NL_ONDERWIJSNUMMER": "GENERIC_ID",
    "ECK_ID": "GENERIC_ID",
    "ONLINE_ID": "GENERIC_ID",
}
NONE = "None"
# The GDPR reading of the labels: an organisation's name is not personal data.
NOT_PERSONAL_UNDER_GDPR = frozenset({"ORGANIZATION_NAME"})

# FakeNameGenerator's columns: our expected type, None for a column that is not personal data
# (docs/detection.md gives the reasons for the debatable ones).
FNG_EXPECTED: dict[str, str | None] = {
    "Number": None,
    "Gender": "GENDER",
    "NameSet": None,
    "Title": "GENDER",
    "GivenName": "PERSON",
    "MiddleInitial": "PERSON",
    "Surname": "PERSON",
    "StreetAddress": "STREET_ADDRESS",
    "City": "LOCATION",
    "State": "LOCATION",
    "StateFull": "LOCATION",
    "ZipCode": "POSTCODE",
    "Country": "LOCATION",
    "CountryFull": "LOCATION",
    "EmailAddress": "EMAIL_ADDRESS",
    "Username": "ONLINE_ID",
    "Password": "CREDENTIAL",
    "TelephoneNumber": "PHONE_NUMBER",
    "TelephoneCountryCode": None,
    "MothersMaiden": "PERSON",
    "Birthday": "DATE_OF_BIRTH",
    "Age": "AGE",
    "CCType": None,
    "CCNumber": "CREDIT_CARD",
    "CVV2": "CREDENTIAL",
    "CCExpires": None,
    "NationalID": "NATIONAL_ID",
    "Occupation": "OCCUPATION",
    "Company": None,
    "Domain": "URL",
}


def mapped(entity: str | None, special: str | None) -> str:
    kind = special or entity
    return NONE if kind is None else MAPPING.get(kind, kind)


def weighted_report(truth: list[str], predicted: list[str]) -> dict[str, Any]:
    """Per label and support-weighted precision, recall and F1 over the labels of ``truth`` but
    ``None``, as scikit-learn's ``classification_report(labels=...)`` defines them (0 where a
    denominator is 0)."""
    labels = sorted({t for t in truth if t != NONE})
    per_label: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(t == p == label for t, p in zip(truth, predicted, strict=True))
        predicted_n = sum(p == label for p in predicted)
        support = sum(t == label for t in truth)
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": support,
        }
    total = sum(v["support"] for v in per_label.values())
    weighted = {
        key: round(sum(v[key] * v["support"] for v in per_label.values()) / total, 4)
        for key in ("precision", "recall", "f1")
    }
    return {"weighted": weighted, "support": total, "per_label": per_label}


def grade_columns(path: Path) -> dict[str, Any]:
    import pandas as pd

    from dpia.detect import classify_column, scan_frame

    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    truth: list[str] = []
    alone: list[str] = []
    as_table: list[str] = []
    missed: Counter[str] = Counter()
    for row in rows:
        values = pd.Series([str(v) for v in row["records"]], dtype=object)
        finding = classify_column(row["column"], values, sample=None)
        table = scan_frame(pd.DataFrame({row["column"]: values}), sample=None)[0]
        label = str(row["label"])
        truth.append(label)
        alone.append(mapped(finding.entity, finding.special))
        as_table.append(mapped(table.entity, table.special))
        if alone[-1] != label:
            missed[f"{row['column']}: {label} -> {alone[-1]}"] += 1
    elapsed = time.perf_counter() - started
    gdpr_truth = [NONE if t in NOT_PERSONAL_UNDER_GDPR else t for t in truth]
    special = [i for i, t in enumerate(truth) if t == "ETHNIC_GROUP"]
    return {
        "columns": len(rows),
        "seconds": round(elapsed, 1),
        "column_in_table_about_people": weighted_report(truth, alone),
        "alone_as_table": weighted_report(truth, as_table)["weighted"],
        "gdpr_labels": weighted_report(gdpr_truth, alone)["weighted"],
        "special_category_columns_found": f"{sum(alone[i] == truth[i] for i in special)}"
        f" of {len(special)}",
        "none_flagged_personal": sum(
            t == NONE and p != NONE for t, p in zip(truth, alone, strict=True)
        ),
        "mistakes": dict(missed.most_common()),
    }


def grade_fakenamegenerator(path: Path) -> dict[str, Any]:
    import pandas as pd

    from dpia.detect import scan_frame

    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    started = time.perf_counter()
    findings = scan_frame(frame, sample=None)
    elapsed = time.perf_counter() - started
    columns = {}
    for finding in findings:
        expected = FNG_EXPECTED.get(finding.name)
        got = finding.special or finding.entity
        columns[finding.name] = {
            "expected": expected,
            "got": got,
            "right": got == expected,
            "share": finding.share,
        }
    personal = [c for c in columns.values() if c["expected"] is not None]
    other = [c for c in columns.values() if c["expected"] is None]
    return {
        "rows": len(frame),
        "seconds": round(elapsed, 1),
        "personal_columns_right": f"{sum(c['right'] for c in personal)} of {len(personal)}",
        "non_personal_columns_flagged": sum(c["got"] is not None for c in other),
        "columns": columns,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("labelled", type=Path, help="the labelled columns file (JSON lines)")
    parser.add_argument("--fakenamegenerator", type=Path, help="FakeNameGenerator.com_3000.csv")
    args = parser.parse_args(argv)
    result: dict[str, Any] = {"labelled_columns": grade_columns(args.labelled)}
    if args.fakenamegenerator is not None:
        result["fakenamegenerator"] = grade_fakenamegenerator(args.fakenamegenerator)
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
