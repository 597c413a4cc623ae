"""The house reads as the pipeline: one package per stage, imports only down the pipeline and
only through each package's public face, no import loop, and public surfaces pinned."""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from dpia.minimise._engine import gx_loaded
from tests.conftest import REPO

SRC = REPO / "src"
# The stages in pipeline order; a module may import its own stage and those before it.
STAGES = ("load", "register", "detect", "rules", "minimise", "exposure", "report", "job")
# Top-level modules every stage may use; they import no stage.
GROUND = ("_offline", "_spark", "_yaml", "errors", "messages", "outputs", "textable")
# Faces over the whole library: they may import every stage, and nothing imports them.
FACES = ("__init__", "__main__", "cli", "show", "warm", "samples")
# Subpackages that are public faces of their own, beside their stage's face.
PUBLIC_SUBPACKAGES = ("dpia.detect.recognizers", "dpia.minimise.expectations")


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted((SRC / "dpia").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


MODULES = dict(_modules())


def _level(module: str) -> float:
    """Ground floor 0, stages 1..8 in order, faces above them all."""
    top = module.split(".")[1] if module.count(".") else "__init__"
    if top in GROUND:
        return 0
    if top in STAGES:
        return 1 + STAGES.index(top)
    assert top in FACES, f"{module}: not in a stage, the ground floor or a face"
    return len(STAGES) + 1


def _imports(path: Path) -> Iterator[tuple[str, int, bool]]:
    """(imported dpia module, line, at module level) for every import in ``path``."""
    tree = ast.parse(path.read_text("utf-8"))
    top_level = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("dpia"):
            yield node.module, node.lineno, id(node) in top_level
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("dpia"):
                    yield alias.name, node.lineno, id(node) in top_level


EDGES = [
    (module, imported, line, top)
    for module, path in MODULES.items()
    for imported, line, top in _imports(path)
]


def test_the_stage_packages_are_there() -> None:
    for stage in STAGES:
        assert (SRC / "dpia" / stage / "__init__.py").is_file(), stage
    flat = sorted(p.stem for p in (SRC / "dpia").glob("*.py"))
    assert set(flat) <= set(GROUND) | set(FACES), (
        f"loose modules: {set(flat) - set(GROUND) - set(FACES)}"
    )


@pytest.mark.parametrize(("module", "imported", "line", "top"), EDGES, ids=lambda v: str(v))
def test_imports_point_down_the_pipeline(module: str, imported: str, line: int, top: bool) -> None:
    if imported == "dpia":  # the package itself: its version
        return
    assert _level(imported) <= _level(module), f"{module} line {line} imports {imported} upward"


@pytest.mark.parametrize(("module", "imported", "line", "top"), EDGES, ids=lambda v: str(v))
def test_other_stages_only_through_their_face(
    module: str, imported: str, line: int, top: bool
) -> None:
    own, other = module.split(".")[:2], imported.split(".")[:2]
    if len(other) < 2 or own == other or not (SRC / "dpia" / other[1]).is_dir():
        return
    assert imported in {f"dpia.{other[1]}", *PUBLIC_SUBPACKAGES}, (
        f"{module} line {line} imports {imported}: import from the face dpia.{other[1]}"
    )


def test_no_import_loop() -> None:
    """Module-level imports between the project's modules form no cycle."""
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for module, imported, _, top in EDGES:
        if top and imported in MODULES and imported != module:
            graph[module].add(imported)
    done: set[str] = set()

    def visit(node: str, path: tuple[str, ...]) -> None:
        if node in path:
            cycle = (*path[path.index(node) :], node)
            pytest.fail("import loop: " + " -> ".join(cycle))
        if node in done:
            return
        for target in sorted(graph[node]):
            # A package's face imports its own modules; they import siblings, not the face.
            visit(target, (*path, node))
        done.add(node)

    for name in sorted(graph):
        visit(name, ())


# The public surface of each face, pinned: a change to it is a change to the API and shows here.
PUBLIC = {
    "dpia.load": [
        "Export",
        "ExportError",
        "ExportStream",
        "Provenance",
        "Reason",
        "SparkExport",
        "data_files",
        "file_sha256",
        "is_parquet_dir",
        "load_export",
        "open_stream",
        "read_spark",
        "to_spark",
    ],
    "dpia.register": [
        "Assessment",
        "BirthDateForm",
        "Category",
        "Duration",
        "ENTITY_NAMES",
        "ENTITY_TYPES",
        "EntityType",
        "Group",
        "LegalBasis",
        "NATIONAL_IDS",
        "Point",
        "QUASI_IDENTIFIERS",
        "Register",
        "RegisterError",
        "Role",
        "SPECIAL_TYPES",
        "SignOff",
        "Vendor",
        "entity",
        "load_register",
        "parse_duration",
    ],
    "dpia.detect": [
        "ColumnFinding",
        "DEFAULT_SAMPLE",
        "DEFAULT_SEED",
        "GROUP_AND_SCHOOL_HEADERS",
        "MONTHS",
        "NATIONAL_ID_FORMS",
        "PATTERNS",
        "REPORT_THRESHOLD",
        "SPECIAL_VOCABULARIES",
        "ScanResult",
        "Vocabulary",
        "YEAR",
        "about_people",
        "any_term",
        "classify_column",
        "context_words",
        "entity_headers",
        "header_matches",
        "is_age_band",
        "is_coarse",
        "is_first_name",
        "is_surname",
        "load_vocabulary",
        "mask",
        "national_id",
        "national_id_counts",
        "non_personal_headers",
        "normalise",
        "parse_date",
        "scan",
        "scan_csv",
        "scan_dict",
        "scan_frame",
        "scan_json",
        "scan_spark",
        "scan_stream",
        "scan_table",
        "warm",
    ],
    "dpia.rules": [
        "BoardPupils",
        "CHECKS",
        "Codes",
        "FillRate",
        "Finding",
        "LINK_KEYS",
        "LINK_REASONS",
        "Link",
        "Linkage",
        "Mask",
        "PromiseCheck",
        "QUESTION_SHARE",
        "SUBJECT_IDENTIFIERS",
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
    ],
    "dpia.minimise": [
        "ALLOWED_ENTITIES",
        "BIRTH_DATE_COARSENED",
        "Failure",
        "NO_NATIONAL_ID",
        "NO_SPECIAL_CATEGORY",
        "PROMISES",
        "SuiteError",
        "VendorVerdict",
        "build_suites",
        "cli_table",
        "load_suite",
        "promise_link",
        "promise_name",
        "promise_reason",
        "validate_all",
        "validate_vendor",
        "with_board",
        "with_findings",
        "write_results",
        "write_suites",
    ],
    "dpia.exposure": [
        "Attribute",
        "COMMON_K",
        "CategoryExposure",
        "DEFAULT_SETTINGS",
        "EXPOSURE_COLUMNS",
        "EXPOSURE_JSON",
        "ExposureTable",
        "Level",
        "MEASURE_RULES",
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
    ],
    "dpia.report": [
        "Document",
        "Measure",
        "build_document",
        "compare_runs",
        "findings_of",
        "is_concept",
        "measures_for",
        "pia_exports",
        "render_docx",
        "render_report",
        "report_context",
        "snapshot",
    ],
    "dpia.job": [
        "BrowserError",
        "Inputs",
        "LeakCheckError",
        "LeakError",
        "NotebookError",
        "Origin",
        "Parameters",
        "RESULT_FILE",
        "RunResult",
        "TIME_FIELDS",
        "build_manifest",
        "check_outputs",
        "format_leaks",
        "load_or_run",
        "open_inputs",
        "read_result",
        "run_job",
        "run_pipeline",
        "save_result",
    ],
    "dpia.messages": [
        "LANGUAGES",
        "Language",
        "Message",
        "MessageError",
        "Param",
        "check_language",
        "entity_label",
        "exists",
        "number",
        "percent",
        "render",
    ],
    "dpia.detect.recognizers": [
        "SPECIAL_VOCABULARIES",
        "SUPPORTED_LANGUAGES",
        "VocabularyRecognizer",
        "load_vocabulary",
        "parse_date",
        "recognizers_for",
        "supported_entities",
        "vocabulary_of",
    ],
    "dpia.minimise.expectations": [
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
    ],
}


@pytest.mark.parametrize("package", sorted(PUBLIC))
def test_public_surface_is_pinned(package: str) -> None:
    gx_loaded()  # Great Expectations first, imported as the workbench imports it
    loaded = importlib.import_module(package)
    assert sorted(loaded.__all__) == PUBLIC[package]
    for name in loaded.__all__:
        assert getattr(loaded, name) is not None, f"{package}.{name}"


def test_every_package_has_a_pinned_face() -> None:
    packages = {
        ".".join(p.relative_to(SRC).parts[:-1])
        for p in (SRC / "dpia").rglob("__init__.py")
        if p.parent.name != "samples" and p.parent != SRC / "dpia"
    }
    assert packages == set(PUBLIC)


# Imports of the project's own modules left inside a function, each for a measured start-up cost
# or an optional dependency; every other one belongs at the top of its file.
LAZY = {
    ("dpia.minimise._engine", "dpia.minimise.expectations"): "imports Great Expectations (~5 s)",
    ("dpia.exposure._output", "dpia.exposure._charts"): "matplotlib, 0.3 s of start-up",
    ("dpia.cli", "dpia.job"): "the pipeline and its report, 0.1-0.2 s of every `dpia scan`",
    ("dpia.samples", "dpia.samples"): "Faker, an optional extra",
    ("dpia.samples.__main__", "dpia.samples.build"): "Faker, an optional extra",
}


def test_project_imports_at_the_top() -> None:
    inside = {
        (module, imported)
        for module, imported, line, top in EDGES
        if not top and not _type_checking_only(MODULES[module], imported, line)
    }
    assert inside == set(LAZY)


def _type_checking_only(path: Path, imported: str, line: int) -> bool:
    """Whether the import of ``imported`` on ``line`` is inside ``if TYPE_CHECKING:`` (the same
    module may import it again inside a function, which ``LAZY`` must list)."""
    tree = ast.parse(path.read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.ImportFrom)
                    and inner.module == imported
                    and inner.lineno == line
                ):
                    return True
    return False
