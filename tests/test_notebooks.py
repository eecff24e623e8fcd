"""Every teaching notebook runs top to bottom on a fresh kernel, on the shipped corpus and on the
multi-document fixture corpus (one kernel per run, the executed copy goes to tmp_path)."""

from pathlib import Path

import pytest

from analysis.report import find_notebooks, run_notebook

NOTEBOOKS = find_notebooks(Path(__file__).resolve().parents[1] / "notebooks")


@pytest.mark.notebook
@pytest.mark.parametrize("corpus", ["shipped", "corpus_multi"])
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(notebook, corpus, request, tmp_path):
    folder = None if corpus == "shipped" else request.getfixturevalue("corpus_multi")
    executed = run_notebook(notebook, out_path=tmp_path / notebook.name, corpus=folder)
    assert executed.metadata.papermill.parameters == {
        "CORPUS": None if folder is None else str(folder)
    }
