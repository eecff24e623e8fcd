"""analysis.report: runs tiny hand-written notebooks, so each test pays one kernel per notebook."""

import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis import paths
from analysis.report import (
    ReportError,
    _committed_index,
    build_report,
    html_exporter,
    notebook_title,
    run_notebook,
    tex_to_mathml,
)

# A script, style sheet, image or frame fetched from another host: the report must have none.
REMOTE = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=[\"']?(?:https?:)?//")

# The module shares one built report; under `pytest -n 2 --dist loadgroup` it stays on one worker.
pytestmark = pytest.mark.xdist_group("report")


def parameters_cell(source="CORPUS = None"):
    cell = new_code_cell(source)
    cell.metadata["tags"] = ["parameters"]
    return cell


def write_notebook(folder, name, cells):
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / name)


def trivial(title):
    return [
        new_markdown_cell(f"# {title}\n\nA fictional notebook for the tests."),
        parameters_cell(),
        new_code_cell('print(f"corpus is {CORPUS}")'),
        new_code_cell("import os\nprint(f'cwd is {os.getcwd()}')"),
    ]


def outputs_text(path):
    nb = nbformat.read(path, as_version=4)
    return "".join(
        output.get("text", "") for cell in nb.cells for output in cell.get("outputs", [])
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One report over two notebooks on an explicit corpus (kernels are the slow part)."""
    root = tmp_path_factory.mktemp("report")
    notebooks = root / "notebooks"
    write_notebook(notebooks, "02_second.ipynb", trivial("Second <b>bold</b> & co"))
    write_notebook(notebooks, "01_first.ipynb", trivial("First steps"))
    write_notebook(notebooks, "scratch.ipynb", [new_code_cell("raise SystemError('not run')")])
    corpus = root / "my corpus"
    corpus.mkdir()
    lines = []
    index = build_report(
        out_dir=root / "out", corpus=corpus, notebooks_dir=notebooks, log=lines.append
    )
    return {"root": root, "out": root / "out", "index": index, "lines": lines, "corpus": corpus}


def test_writes_executed_notebook_and_html_for_each_numbered_notebook(built):
    names = sorted(path.name for path in built["out"].iterdir())
    assert names == [
        "01_first.html",
        "01_first.ipynb",
        "02_second.html",
        "02_second.ipynb",
        "index.html",
    ]
    assert built["index"] == built["out"] / "index.html"
    html = (built["out"] / "01_first.html").read_text(encoding="utf-8")
    assert "<!DOCTYPE html>" in html
    assert "corpus is" in html
    assert "jp-Notebook" in html  # the lab template


def test_html_needs_no_network(built):
    html = (built["out"] / "01_first.html").read_text(encoding="utf-8")
    assert "<script" not in html  # nbconvert's template loads require.js and MathJax from a CDN
    assert not REMOTE.findall(html)


def test_formulas_become_mathml_when_the_report_is_built():
    nb = new_notebook(
        cells=[
            new_markdown_cell(
                r"A rate $\text{per\_10k} = 10\,000 \times \frac{n}{N}$ and"
                "\n\n$$G^2 = 2 \\sum O \\ln(O/E)$$\n\n"
                r"\begin{equation}\chi^2\end{equation}"
            ),
            new_code_cell(
                "from IPython.display import Math; Math(r'\\log_2 (O / E)')",
                outputs=[new_output("display_data", data={"text/latex": r"$\log_2 (O / E)$"})],
            ),
        ]
    )
    html, _ = html_exporter().from_notebook_node(nb)
    assert [m.group(1) for m in re.finditer(r'<math[^>]*display="(\w+)"', html)] == [
        "inline",
        "block",
        "block",
        "inline",  # a text/latex output, as IPython's Math() makes
    ]
    assert "<mtext>per_10k</mtext>" in html  # TeX's \_ is a plain underscore in the text
    assert "$" not in html
    assert not REMOTE.findall(html)


def test_a_formula_latex2mathml_cannot_read_is_shown_as_tex_with_a_warning():
    with pytest.warns(UserWarning, match=r"formula 'x\^' could not be turned into MathML"):
        assert tex_to_mathml("x^") == '<code class="tex-source">$x^$</code>'


def test_notebooks_run_in_their_own_folder(built):
    text = outputs_text(built["out"] / "01_first.ipynb")
    assert f"cwd is {built['root'] / 'notebooks'}" in text


def test_corpus_parameter_reaches_the_notebook(built):
    text = outputs_text(built["out"] / "02_second.ipynb")
    assert f"corpus is {built['corpus']}" in text


def test_index_lists_notebooks_in_order_with_escaped_titles(built):
    index = built["index"].read_text(encoding="utf-8")
    first, second = (
        index.index("First steps"),
        index.index("Second &lt;b&gt;bold&lt;/b&gt; &amp; co"),
    )
    assert first < second
    assert "<b>bold</b>" not in index
    for link in ["01_first.html", "01_first.ipynb", "02_second.html", "02_second.ipynb"]:
        assert f'href="{link}"' in index
    assert "my corpus" in index
    assert " s</td>" in index  # run time
    assert "+00:00" in index  # timestamp


def test_progress_lines_name_each_notebook_in_order(built):
    lines = built["lines"]
    assert [line.split(" ", 1)[0] for line in lines[:4]] == ["[1/2]", "[1/2]", "[2/2]", "[2/2]"]
    assert "running 01_first.ipynb" in lines[0]
    assert lines[1].startswith("[1/2] 01_first.ipynb done in ") and lines[1].endswith(" s")
    assert "running 02_second.ipynb" in lines[2]
    assert lines[-1] == f"report written: {built['index']}"
    assert len(lines) == 5


def test_shipped_corpus_is_none_in_the_notebook(tmp_path, monkeypatch):
    write_notebook(tmp_path / "nb", "01_only.ipynb", trivial("Only"))
    monkeypatch.chdir(tmp_path)
    index = build_report(out_dir="out", notebooks_dir="nb", log=lambda line: None)
    assert index == tmp_path / "out" / "index.html"
    assert "corpus is None" in outputs_text(tmp_path / "out" / "01_only.ipynb")
    assert "shipped corpus" in index.read_text(encoding="utf-8")


def test_failing_notebook_stops_the_run_naming_the_cell(tmp_path):
    notebooks = tmp_path / "notebooks"
    write_notebook(notebooks, "01_fine.ipynb", trivial("Fine"))
    failing = [
        parameters_cell(),
        new_code_cell("# divide the speech\nraise ValueError('fictional failure')\nx = 1"),
        new_markdown_cell("# Never reached"),
    ]
    write_notebook(notebooks, "02_broken.ipynb", failing)
    write_notebook(notebooks, "03_after.ipynb", trivial("After"))
    lines = []
    with pytest.raises(ReportError) as raised:
        build_report(out_dir=tmp_path / "out", notebooks_dir=notebooks, log=lines.append)
    message = str(raised.value)
    assert message.startswith("02_broken.ipynb failed in cell 1 ('# divide the speech')")
    assert "ValueError: fictional failure" in message
    assert "\n" not in message
    assert not (tmp_path / "out" / "03_after.ipynb").exists()
    assert not (tmp_path / "out" / "index.html").exists()
    assert (tmp_path / "out" / "02_broken.ipynb").exists()  # kept for inspection
    assert lines[-1] == "[2/3] running 02_broken.ipynb ..."


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"notebooks_dir": "missing"}, "notebooks folder not found"),
        ({"notebooks_dir": ".", "corpus": "missing"}, "corpus folder not found"),
        ({"notebooks_dir": "."}, r"no notebooks matching \[0-9\]\[0-9\]_\*\.ipynb"),
    ],
)
def test_bad_folders_raise_before_running_anything(tmp_path, monkeypatch, kwargs, match):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ReportError, match=match):
        build_report(out_dir="out", log=lambda line: None, **kwargs)
    assert not (tmp_path / "out").exists()


def test_default_notebooks_folder_comes_from_paths(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "NOTEBOOKS_DIR", tmp_path / "nowhere")
    with pytest.raises(ReportError, match="nowhere"):
        build_report(out_dir=tmp_path / "out", log=lambda line: None)


def test_committed_index_undoes_the_injected_parameters_cell():
    tagged = new_notebook(cells=[new_markdown_cell("# T"), parameters_cell(), new_code_cell("")])
    # executed: 0 title, 1 parameters, 2 injected, 3 code
    assert [_committed_index(tagged, i) for i in range(4)] == [0, 1, None, 2]
    untagged = new_notebook(cells=[new_code_cell("")])
    assert [_committed_index(untagged, i) for i in range(2)] == [None, 0]


def test_notebook_title_falls_back_and_strips_closing_hashes():
    nb = new_notebook(cells=[new_markdown_cell("## Sentiment ##")])
    assert notebook_title(nb) == "Sentiment"
    assert notebook_title(new_notebook(cells=[new_markdown_cell("no heading")]), default="x") == "x"


# The last statements of ipykernel's kernel_info handler, slowed down: papermill shuts the kernel
# down as soon as the reply arrives, so this is where a shutdown's SIGINT could land.
SLOW_AFTER_KERNEL_INFO_REPLY = """\
import time

kernel = get_ipython().kernel
send_reply = kernel.kernel_info_request


async def reply_then_linger(*args):
    await send_reply(*args)
    time.sleep(1)


kernel.shell_handlers["kernel_info_request"] = reply_then_linger
"""


def test_finished_kernel_is_shut_down_without_an_interrupt(tmp_path, capfd):
    write_notebook(
        tmp_path, "01_slow.ipynb", [parameters_cell(), new_code_cell(SLOW_AFTER_KERNEL_INFO_REPLY)]
    )
    run_notebook(tmp_path / "01_slow.ipynb", out_path=tmp_path / "out.ipynb")
    # the kernel inherits the test's stderr; jupyter_client's SIGINT before shutdown printed
    # "[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel." here
    assert "KeyboardInterrupt" not in capfd.readouterr().err


def test_two_notebooks_run_at_once_after_the_store_is_built(tmp_path, corpus_multi):
    from analysis.corpus import copy_corpus

    corpus = copy_corpus(corpus_multi, into=tmp_path / "corpus")
    notebooks = tmp_path / "notebooks"
    marker = tmp_path / "second-started"
    store_check = (
        "from pathlib import Path\n"
        "assert any((Path(CORPUS) / '.cache' / 'tables').glob('*.tokens.arrow'))"
    )
    # the first waits for the second to start: it finishes only if both run at once
    waiting = (
        f"import time\nfor _ in range(600):\n    if __import__('os').path.exists({str(marker)!r}):"
        "\n        break\n    time.sleep(0.1)\nelse:\n    raise TimeoutError('ran alone')"
    )
    write_notebook(notebooks, "01_waits.ipynb", [*trivial("Waits"), new_code_cell(waiting)])
    starting = f"open({str(marker)!r}, 'w').close()"
    write_notebook(notebooks, "02_starts.ipynb", [*trivial("Starts"), new_code_cell(starting)])
    write_notebook(notebooks, "03_checks.ipynb", [*trivial("Checks"), new_code_cell(store_check)])
    lines = []
    index = build_report(
        out_dir=tmp_path / "out", corpus=corpus, notebooks_dir=notebooks, log=lines.append, jobs=2
    )
    page = index.read_text(encoding="utf-8")
    assert page.index("Waits") < page.index("Starts") < page.index("Checks")
    assert sorted(line.split(" ", 1)[0] for line in lines if " done in " in line) == [
        "[1/3]",
        "[2/3]",
        "[3/3]",
    ]
    assert lines[0].startswith("loading the corpus once")
    for name in ("01_waits", "02_starts", "03_checks"):
        assert (tmp_path / "out" / f"{name}.html").exists()


def test_after_a_failure_in_parallel_no_other_notebook_starts(tmp_path):
    notebooks = tmp_path / "notebooks"
    slow = new_code_cell("import time\ntime.sleep(4)")
    write_notebook(notebooks, "01_slow.ipynb", [*trivial("Slow"), slow])
    write_notebook(notebooks, "02_broken.ipynb", [parameters_cell(), new_code_cell("1 / 0")])
    write_notebook(notebooks, "03_after.ipynb", trivial("After"))
    lines = []
    with pytest.raises(ReportError, match=r"^02_broken.ipynb failed in cell 1"):
        build_report(out_dir=tmp_path / "out", notebooks_dir=notebooks, log=lines.append, jobs=2)
    assert (tmp_path / "out" / "01_slow.ipynb").exists()  # the running one finished
    assert not (tmp_path / "out" / "03_after.ipynb").exists()
    assert not any("03_after" in line for line in lines)
    assert not (tmp_path / "out" / "index.html").exists()


def test_jobs_must_be_a_positive_whole_number(tmp_path):
    with pytest.raises(ValueError, match="jobs"):
        build_report(out_dir=tmp_path / "out", log=lambda line: None, jobs=0)
