"""Exposure and risk per vendor: what each vendor receives, about how many pupils, how much of it
goes beyond the agreement, how re-identifiable the feed is, and the risk level that follows.

* ``compute(register, feeds, scans, validations)`` -> ``ExposureTable`` (``table.py``: attributes,
  data subjects, exposure units per category);
* ``reidentification(frame, quasi_identifiers, ...)`` (``reidentification.py``: k-anonymity,
  prosecutor risk, l-diversity);
* ``assess`` and ``rijksmodel`` (``risk.py``: CNIL severity x likelihood, inherent and residual,
  mapped to laag/midden/hoog);
* ``exposure_table`` renders the terminal table and ``write_exposure`` writes ``exposure.json``
  and the charts (``output.py``, the only function here that writes).

Everything else is pure over plain data: frozen dataclasses with ``to_dict()``.

A feed may be a ``SparkExport`` (``--engine spark``): ``compute`` then reads its rows on Spark
(``_rows.py`` defines what is read, ``PandasRows`` and ``_spark.SparkRows`` read it), with the
same figures.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from dpia.exposure._output import (
    EXPOSURE_COLUMNS,
    EXPOSURE_JSON,
    exposure_rows,
    exposure_table,
    write_exposure,
)
from dpia.exposure._reidentification import COMMON_K, Reidentification, reidentification
from dpia.exposure._risk import (
    DEFAULT_SETTINGS,
    MEASURE_RULES,
    Level,
    MeasureRule,
    Rating,
    RiskAssessment,
    RiskSettings,
    assess,
    rijksmodel,
)
from dpia.exposure._table import (
    Attribute,
    CategoryExposure,
    ExposureTable,
    VendorExposure,
    compute,
)
from dpia.exposure._texts import Reason, category_label
from dpia.rules import Subjects  # the type of VendorExposure.subjects

if TYPE_CHECKING:
    from dpia.exposure._charts import exposure_charts


def __getattr__(name: str) -> Any:
    # The charts bring matplotlib, about 0.3 s of start-up (python -X importtime): loaded when a
    # chart is drawn, not by every ``dpia`` command.
    if name == "exposure_charts":
        return importlib.import_module("dpia.exposure._charts").exposure_charts
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "COMMON_K",
    "DEFAULT_SETTINGS",
    "EXPOSURE_COLUMNS",
    "EXPOSURE_JSON",
    "MEASURE_RULES",
    "Attribute",
    "CategoryExposure",
    "ExposureTable",
    "Level",
    "MeasureRule",
    "Rating",
    "Reason",
    "Reidentification",
    "RiskAssessment",
    "RiskSettings",
    "Subjects",
    "VendorExposure",
    "assess",
    "category_label",
    "compute",
    "exposure_charts",
    "exposure_rows",
    "exposure_table",
    "reidentification",
    "rijksmodel",
    "write_exposure",
]
