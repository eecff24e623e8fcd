"""Committed notebooks are clean teaching material: valid nbformat 4, no outputs, a title, a
`parameters` cell that defines CORPUS (None: the shipped corpus), and the venv's python3 kernel."""

import ast
import re
from pathlib import Path

import nbformat
import papermill
import pytest

from analysis.report import NOTEBOOK_PATTERN

FOLDER = Path(__file__).resolve().parents[1] / "notebooks"
ALL_NOTEBOOKS = sorted(FOLDER.glob("*.ipynb"))


def read(path):
    return nbformat.read(path, as_version=nbformat.NO_CONVERT)


def parameters_cell(path):
    tagged = [c for c in read(path).cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell must be tagged `parameters`"
    return tagged[0]


def assignments(source):
    return {
        target.id: node.value
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def test_every_notebook_is_numbered_so_the_suite_and_the_report_run_it():
    assert [path.name for path in ALL_NOTEBOOKS if not path.match(NOTEBOOK_PATTERN)] == []


notebooks = pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=[p.stem for p in ALL_NOTEBOOKS])


@notebooks
def test_is_valid_nbformat_4(path):
    nb = read(path)
    assert nb.nbformat == 4
    nbformat.validate(nb)


@notebooks
def test_has_no_outputs_or_execution_counts(path):
    dirty = [
        index
        for index, cell in enumerate(read(path).cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert dirty == [], f"clear the outputs of cells {dirty} before committing"


@notebooks
def test_has_a_parameters_cell_defining_corpus(path):
    assigned = assignments(parameters_cell(path).source)
    assert "CORPUS" in assigned, "the parameters cell must define CORPUS"
    default = assigned["CORPUS"]
    assert isinstance(default, ast.Constant) and default.value is None, "CORPUS defaults to None"


@notebooks
def test_papermill_reads_every_parameter(path):
    # papermill skips a line it cannot parse (a comment holding ' = ', for one): the knob then
    # vanishes from `papermill --help-notebook` and `-p NAME` is reported as unknown.
    inferred = papermill.inspect_notebook(str(path))
    unread = [name for name in assignments(parameters_cell(path).source) if name not in inferred]
    assert unread == [], f"papermill cannot parse the lines defining {unread}: no ' = ' in comments"


@notebooks
def test_opens_with_a_markdown_title(path):
    first = read(path).cells[0]
    assert first.cell_type == "markdown"
    assert first.source.startswith("# "), "the first cell starts with a '# ' title"


@notebooks
def test_uses_the_python3_kernel(path):
    assert read(path).metadata.kernelspec.name == "python3"


@notebooks
def test_installs_nothing_and_types_no_parent_paths(path):
    code = [c.source for c in read(path).cells if c.cell_type == "code"]
    assert not [s for s in code if "pip install" in s], "no pip install in notebooks"
    assert not [s for s in code if "../" in s], "no ../ paths: use analysis.paths"


def _analysis_imports(path):
    for cell in read(path).cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Import):
                yield from (("import", alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                yield ("from", node.module)


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=[p.stem for p in ALL_NOTEBOOKS])
def test_notebooks_import_the_package_in_one_style(path):
    """`import analysis` and `from analysis.plots import <family> as ...`, nothing deeper."""
    imports = [
        (kind, name) for kind, name in _analysis_imports(path) if name.startswith("analysis")
    ]
    assert ("import", "analysis") in imports
    for kind, name in imports:
        assert (kind, name) in {("import", "analysis"), ("from", "analysis.plots")}, name


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=[p.stem for p in ALL_NOTEBOOKS])
def test_notebooks_never_reach_into_a_private_module(path):
    code = "\n".join(c.source for c in read(path).cells if c.cell_type == "code")
    assert "analysis._" not in code and "._" not in code.replace("__", "")


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=[p.stem for p in ALL_NOTEBOOKS])
def test_no_word_of_the_test_fixtures_reaches_a_notebook(path, fixture_names):
    """Prose and examples must not be written for the fixture corpus the tests run them on."""
    names = fixture_names
    assert len(names) >= 3  # the check itself still finds the fixture's invented names
    text = "\n".join(cell.source for cell in read(path).cells)
    assert [name for name in names if re.search(rf"\b{name}\b", text)] == []
