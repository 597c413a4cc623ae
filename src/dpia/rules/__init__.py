"""Stage 4, the rules: each judgement the later stages share, written once.

* ``fits``, ``too_precise``: birth-date precision against the agreed form (the coarsened forms
  themselves are detection's, ``dpia.detect.is_coarse``);
* ``excess_entities``, ``beyond_ordinary``: what in a column the agreement does not allow;
* ``subject_codes``, ``count_subjects``, ``Subjects``: which rows are the same pupil, and how many
  pupils a file holds (the report's and the exposure stage's count);
* ``quasi_identifier_columns``: the columns k-anonymity is measured over;
* ``board_pupils``, ``link_rows``, ``check_*``: the board's promises, row by row: which pupil of
  the board's exports a feed row is (by the strongest shared key), and whether the vendor may have
  that pupil (school served, parents' consent, retention after leaving); ``link_spark`` links a
  feed on Spark by the same rules (``Linkage``: what the checks read of either link);
* ``fill_rates``, ``FillRate``, ``QUESTION_SHARE``: how often the optional fields of the board's
  exports (the register's ``board.optional``) are filled, and whether that is worth a question;
* ``subject_table``, ``spark_*``: the same rules over a Spark DataFrame (``--engine spark``),
  run on batches of rows on the executors;
* ``filled``: a blank or whitespace-only cell holds nothing;
* ``Finding``: what the rules read from a column finding.

Tests that detection also needs live there (``dpia.detect.national_id``, the header vocabulary,
the vocabularies' matcher): imports point down the stages, never up.
"""

from __future__ import annotations

from dpia.rules._allowed import beyond_ordinary, excess_entities
from dpia.rules._birthdates import fits, too_precise
from dpia.rules._blanks import Mask, filled
from dpia.rules._findings import Finding
from dpia.rules._optional import QUESTION_SHARE, FillRate, fill_rates
from dpia.rules._promises import (
    CHECKS,
    LINK_KEYS,
    LINK_REASONS,
    BoardPupils,
    Link,
    Linkage,
    PromiseCheck,
    board_pupils,
    check_consent,
    check_retention,
    check_schools,
    check_unmatched,
    consent_header,
    link_rows,
)
from dpia.rules._quasi import quasi_identifier_columns
from dpia.rules._spark import (
    SubjectTable,
    spark_board_pupils,
    spark_column,
    spark_fill_rates,
    spark_subjects,
    spark_too_precise,
    subject_table,
)
from dpia.rules._spark_link import link_spark
from dpia.rules._subjects import (
    SUBJECT_IDENTIFIERS,
    Codes,
    Subjects,
    count_subjects,
    subject_codes,
)

__all__ = [
    "CHECKS",
    "LINK_KEYS",
    "LINK_REASONS",
    "QUESTION_SHARE",
    "SUBJECT_IDENTIFIERS",
    "BoardPupils",
    "Codes",
    "FillRate",
    "Finding",
    "Link",
    "Linkage",
    "Mask",
    "PromiseCheck",
    "SubjectTable",
    "Subjects",
    "beyond_ordinary",
    "board_pupils",
    "check_consent",
    "check_retention",
    "check_schools",
    "check_unmatched",
    "consent_header",
    "count_subjects",
    "excess_entities",
    "fill_rates",
    "filled",
    "fits",
    "link_rows",
    "link_spark",
    "quasi_identifier_columns",
    "spark_board_pupils",
    "spark_column",
    "spark_fill_rates",
    "spark_subjects",
    "spark_too_precise",
    "subject_codes",
    "subject_table",
    "too_precise",
]
