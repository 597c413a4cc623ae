"""dpia's custom Great Expectations expectations, one per file named after it.

``import dpia.minimise.expectations`` registers every one of them, with the table metrics they
judge, in Great Expectations: after it, a plain GX user can load the committed suites
(``expectations/<vendor-id>.json``) with ``gx.ExpectationSuite(**json)`` and validate a DataFrame
of the vendor's feed (every cell text), as ``dpia validate`` does. Every metric also runs on GX's
Spark execution engine (``dpia validate --engine spark``), where the findings and the board are
handed over by ``dpia.minimise.validate_vendor``. The columns are classified by
the project's scanner unless findings are attached first (``dpia.minimise.with_findings``). The
checks of the board's promises need the board's pupils handed over with the frame
(``dpia.minimise.with_board``); without them they fail as "cannot be verified".
Importing this package imports Great Expectations (seconds); ``import dpia.minimise`` does not.
"""

from __future__ import annotations

from dpia.minimise.expectations.expect_table_birth_dates_to_be_coarsened import (
    ExpectTableBirthDatesToBeCoarsened,
)
from dpia.minimise.expectations.expect_table_columns_to_hold_only_allowed_entities import (
    ExpectTableColumnsToHoldOnlyAllowedEntities,
)
from dpia.minimise.expectations.expect_table_identifiers_to_be_well_formed import (
    ExpectTableIdentifiersToBeWellFormed,
)
from dpia.minimise.expectations.expect_table_pupils_to_be_of_served_schools import (
    ExpectTablePupilsToBeOfServedSchools,
)
from dpia.minimise.expectations.expect_table_pupils_to_be_within_retention import (
    ExpectTablePupilsToBeWithinRetention,
)
from dpia.minimise.expectations.expect_table_pupils_to_have_consent import (
    ExpectTablePupilsToHaveConsent,
)
from dpia.minimise.expectations.expect_table_quasi_identifiers_to_be_k_anonymous import (
    ExpectTableQuasiIdentifiersToBeKAnonymous,
)
from dpia.minimise.expectations.expect_table_rows_to_match_board_pupils import (
    ExpectTableRowsToMatchBoardPupils,
)
from dpia.minimise.expectations.expect_table_values_to_hold_no_national_id import (
    ExpectTableValuesToHoldNoNationalId,
)
from dpia.minimise.expectations.expect_table_values_to_hold_no_special_category_data import (
    ExpectTableValuesToHoldNoSpecialCategoryData,
)

__all__ = [
    "ExpectTableBirthDatesToBeCoarsened",
    "ExpectTableColumnsToHoldOnlyAllowedEntities",
    "ExpectTableIdentifiersToBeWellFormed",
    "ExpectTablePupilsToBeOfServedSchools",
    "ExpectTablePupilsToBeWithinRetention",
    "ExpectTablePupilsToHaveConsent",
    "ExpectTableQuasiIdentifiersToBeKAnonymous",
    "ExpectTableRowsToMatchBoardPupils",
    "ExpectTableValuesToHoldNoNationalId",
    "ExpectTableValuesToHoldNoSpecialCategoryData",
]
