"""The house reads as the pipeline: one package per stage, imports only down the pipeline and
only through each package's public face, no import loop, and public surfaces pinned."""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

SRC = REPO / "src"
# The stages in pipeline order; a module may import its own stage and those before it.
STAGES = ("load", "register", "detect", "rules", "minimise", "exposure", "report", "job")
# Top-level modules every stage may use; they import no stage.
GROUND = ("_offline", "errors", "messages", "outputs", "textable")
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


@pytest.mark.parametrize("package", [f"dpia.{s}" for s in STAGES])
def test_every_face_has_an_all_that_resolves(package: str) -> None:
    loaded = importlib.import_module(package)
    for name in loaded.__all__:
        assert hasattr(loaded, name), f"{package}.{name}"
