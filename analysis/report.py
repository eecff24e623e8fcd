"""Run the teaching notebooks end to end and publish them as an HTML report.

The report is the project's reproducibility check made visible: every numbered notebook
(``notebooks/NN_*.ipynb``) is executed in teaching order, each on a fresh kernel so no state leaks
from one notebook into the next, with the corpus folder passed in as the papermill parameter
``CORPUS``. Each executed notebook is saved beside an HTML rendering (nbconvert's ``lab``
template, figures embedded), and ``index.html`` lists them with their run times, the corpus used
and when they ran. A notebook that fails stops the run with a :class:`ReportError` that names
the notebook, the failing cell and the exception, and the partly executed notebook is kept for
inspection.

The HTML reads offline. nbconvert's template would fetch MathJax and require.js from a CDN, so a
reader without network saw raw ``$...$``; here the formulas of the Markdown cells are turned into
MathML when the report is built (latex2mathml [3]_; browsers draw MathML themselves) and the
page loads no script, style sheet or font from anywhere.

References
----------
.. [1] papermill: parameterizing and executing Jupyter notebooks,
   https://papermill.readthedocs.io/
.. [2] nbconvert: HTMLExporter, https://nbconvert.readthedocs.io/
.. [3] latex2mathml, https://github.com/roniemartinez/latex2mathml; MathML Core,
   https://www.w3.org/TR/mathml-core/
"""

from __future__ import annotations

import html
import os
import queue
import re
import threading
import time
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import jinja2
import nbformat
import papermill
from jupyter_client import AsyncKernelManager
from latex2mathml.converter import convert as latex_to_mathml
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from papermill.exceptions import PapermillExecutionError

from analysis import paths
from analysis._checks import check_number
from analysis.errors import ReportError
from analysis.progress import ENV_VAR, watched

__all__ = [
    "ReportError",
    "build_report",
    "find_notebooks",
    "html_exporter",
    "notebook_title",
    "run_notebook",
    "tex_to_mathml",
]

NOTEBOOK_PATTERN = "[0-9][0-9]_*.ipynb"
KERNEL_NAME = "python3"
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)

# nbconvert's `lab` template with every remote script left out: require.js and MathJax (the
# formulas are MathML, see _MathMLRenderer), the widget and Mermaid loaders (the notebooks use
# neither). The CSS, the theme and the figures are already inlined by the template.
_OFFLINE_TEMPLATE = "offline_lab.html.j2"
_OFFLINE_TEMPLATE_SOURCE = """\
{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_js_mathjax -%}
<style type="text/css">
/* Formulas are MathML, made when the report was built: no script typesets them. */
math { font-family: math; font-size: 1.15em; }
math[display="block"] { margin: 0.6em 0; }
code.tex-source { color: var(--jp-error-color1, #d32f2f); }
</style>
{%- endblock html_head_js_mathjax -%}
{% block data_latex scoped %}
<div class="jp-RenderedLatex jp-OutputArea-output {{ extra_class }}" data-mime-type="text/latex">
{{ output.data['text/latex'] | markdown2html }}
</div>
{%- endblock data_latex %}
"""
# latex2mathml copies the argument of \text{...} as it is; undo the escapes TeX needs there.
_MTEXT = re.compile(r"(<mtext>)(.*?)(</mtext>)", re.DOTALL)
_TEXT_ESCAPE = re.compile(r"\\([_%&#$])")


def tex_to_mathml(tex: str, *, display: str = "inline") -> str:
    r"""Turn a TeX formula into MathML, which browsers draw without any script.

    Parameters
    ----------
    tex : str
        The formula without its delimiters (what stands between ``$...$`` or ``$$...$$``).
    display : {"inline", "block"}
        Inline formula or displayed on a line of its own.

    Returns
    -------
    str
        A ``<math>`` element. A formula latex2mathml cannot read is returned as its TeX source in
        ``<code class="tex-source">``, with a warning naming it, so the report still builds and
        the reader still sees the formula.

    Examples
    --------
    >>> tex_to_mathml(r"\chi^2")  # doctest: +ELLIPSIS
    '<math xmlns=... display="inline"><mrow><msup><mi>&#x003C7;</mi><mn>2</mn></msup></mrow></math>'
    >>> "per_10k" in tex_to_mathml(r"\text{per\_10k}")
    True
    """
    try:
        mathml = latex_to_mathml(tex, display=display)
    except Exception as exc:  # latex2mathml raises its own exception for every kind of bad input
        delimiter = "$" if display == "inline" else "$$"
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        warnings.warn(
            f"formula {tex!r} could not be turned into MathML ({reason}); "
            "the report shows its TeX source",
            stacklevel=2,
        )
        return f'<code class="tex-source">{html.escape(delimiter + tex + delimiter)}</code>'
    return _MTEXT.sub(_unescape_text, mathml)


def _unescape_text(match: re.Match) -> str:
    text = _TEXT_ESCAPE.sub(r"\1", html.unescape(match.group(2)))
    return match.group(1) + html.escape(text, quote=False) + match.group(3)


class _MathMLRenderer(IPythonRenderer):
    """nbconvert's Markdown renderer, writing formulas as MathML instead of for MathJax."""

    def inline_math(self, body: str) -> str:
        return tex_to_mathml(body, display="inline")

    def block_math(self, body: str) -> str:
        return tex_to_mathml(body, display="block")

    def latex_environment(self, name: str, body: str) -> str:
        return tex_to_mathml(f"\\begin{{{name}}}{body}\\end{{{name}}}", display="block")


class _OfflineHTMLExporter(HTMLExporter):
    """HTMLExporter whose pages need no network: MathML formulas, no remote script."""

    @jinja2.pass_context
    def markdown2html(self, context, source):
        # HTMLExporter.markdown2html (nbconvert 7.17) with the renderer swapped.
        cell = context.get("cell", {})
        renderer = _MathMLRenderer(
            escape=False,
            attachments=cell.get("attachments", {}),
            embed_images=self.embed_images,
            path=context.get("resources", {}).get("metadata", {}).get("path", ""),
            anchor_link_text=self.anchor_link_text,
            exclude_anchor_links=self.exclude_anchor_links,
            **self.lexer_options,
        )
        return MarkdownWithMath(renderer=renderer).render(source)


def html_exporter() -> HTMLExporter:
    """The exporter the report uses: nbconvert's ``lab`` template, readable offline.

    Returns
    -------
    nbconvert.HTMLExporter
        Call ``from_notebook_node(nb)`` on it. Figures are embedded as data URLs and formulas
        are MathML; the page loads no script, style sheet or font from anywhere.
    """
    return _OfflineHTMLExporter(
        template_name="lab",
        template_file=_OFFLINE_TEMPLATE,
        extra_loaders=[jinja2.DictLoader({_OFFLINE_TEMPLATE: _OFFLINE_TEMPLATE_SOURCE})],
    )


class _FinishedKernelManager(AsyncKernelManager):
    """A kernel manager that shuts a finished kernel down without interrupting it first.

    jupyter_client sends SIGINT before every ``shutdown_request``, to stop a cell that may still
    be running. papermill shuts the kernel down once every cell has run, as soon as the reply
    to its last ``kernel_info_request`` arrives; but ipykernel sends that reply from inside its
    message handler, where SIGINT raises, so when the signal overtakes the handler's last
    statements the kernel prints "KeyboardInterrupt caught in kernel." (49 times in 2,000
    replies, in a loop that signals right after each reply). The shutdown request goes over
    the control channel, which ipykernel serves on its own thread, so it needs no interrupt;
    a kernel that does not stop within jupyter_client's ``shutdown_wait_time`` is still sent
    SIGTERM, then SIGKILL.
    """

    async def _async_interrupt_kernel(self) -> None:
        if self.shutting_down:
            return
        await super()._async_interrupt_kernel()


@dataclass(frozen=True)
class _Entry:
    name: str
    title: str
    seconds: float
    finished: datetime


def find_notebooks(notebooks_dir: str | Path) -> list[Path]:
    """List the numbered notebooks of a folder in teaching order.

    Parameters
    ----------
    notebooks_dir : str or Path
        Folder holding ``NN_topic.ipynb`` files.

    Returns
    -------
    list of Path
        The files matching ``[0-9][0-9]_*.ipynb``, sorted by name (and so by number).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ["02_b.ipynb", "01_a.ipynb", "scratch.ipynb"]:
    ...     _ = (folder / name).write_text("{}")
    >>> [path.name for path in find_notebooks(folder)]
    ['01_a.ipynb', '02_b.ipynb']
    """
    return sorted(Path(notebooks_dir).glob(NOTEBOOK_PATTERN))


def notebook_title(nb: nbformat.NotebookNode, *, default: str = "") -> str:
    """Return the text of the first Markdown heading of a notebook.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A notebook as read by :func:`nbformat.read`.
    default : str
        Returned when no Markdown cell has a heading.

    Returns
    -------
    str
        The heading without its ``#`` marks.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_code_cell("x = 1"),
    ...     nbformat.v4.new_markdown_cell("Intro\\n\\n# Key terms in a speech"),
    ... ])
    >>> notebook_title(nb)
    'Key terms in a speech'
    >>> notebook_title(nbformat.v4.new_notebook(), default="01_intro")
    '01_intro'
    """
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = _HEADING.search(cell.source)
            if match:
                return match.group(1)
    return default


def run_notebook(
    path: str | Path,
    *,
    out_path: str | Path,
    corpus: str | Path | None = None,
    position: int = 0,
) -> nbformat.NotebookNode:
    """Execute one notebook on a fresh kernel with papermill.

    Parameters
    ----------
    path : str or Path
        The notebook to run; it runs with its own folder as working directory.
    out_path : str or Path
        Where the executed notebook is written (also when it fails, for inspection).
    corpus : str, Path or None
        Passed to the notebook as the parameter ``CORPUS`` (an absolute folder path, or None
        for the shipped corpus).
    position : int
        The line of the terminal its progress bar takes, when several notebooks run at once.

    Returns
    -------
    nbformat.NotebookNode
        The executed notebook.

    Raises
    ------
    ReportError
        When a cell raises or the kernel cannot run the notebook. The message names the
        notebook, the cell's index in the committed notebook (counting from 0), the cell's first
        source line and the exception.
    """
    path = Path(path).resolve()
    out_path = Path(out_path).resolve()
    corpus = None if corpus is None else str(Path(corpus).resolve())
    # While a notebook runs, a bar names it with the cell running (n of N) and the time spent,
    # when someone watches (analysis.progress); the kernel draws no bars of its own into the
    # notebook's outputs, which become the report.
    bar = (
        {"desc": path.name, "unit": "cell", "leave": False, "position": position}
        if watched()
        else False
    )
    try:
        with _kernel_environment({ENV_VAR: "0"}):
            return papermill.execute_notebook(
                str(path),
                str(out_path),
                parameters={"CORPUS": corpus},
                kernel_name=KERNEL_NAME,
                cwd=str(path.parent),
                progress_bar=bar,
                # ipykernel warns on every start that its loopback TCP is unencrypted; in a batch
                # run that is noise between the progress lines. Kernel errors still show.
                extra_arguments=["--IPKernelApp.log_level=ERROR"],
                kernel_manager_class=_FinishedKernelManager,
            )
    except PapermillExecutionError as exc:
        raise ReportError(_describe_failure(path, exc, out_path)) from exc
    except Exception as exc:  # a dead kernel or missing kernelspec: still name the notebook
        raise ReportError(
            f"{path.name} could not be run: {type(exc).__name__}: {exc}".rstrip(": ")
        ) from exc


@contextmanager
def _kernel_environment(variables: dict[str, str]):
    """Set environment variables for the kernels started inside the block (they inherit them)."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_report(
    *,
    out_dir: str | Path,
    corpus: str | Path | None = None,
    notebooks_dir: str | Path | None = None,
    log: Callable[[str], object] = print,
    jobs: int = 1,
) -> Path:
    """Execute every numbered notebook in order and write an HTML report.

    Parameters
    ----------
    out_dir : str or Path
        Folder for the executed notebooks, their HTML renderings and ``index.html``; created if
        missing, files of the same name are replaced.
    corpus : str, Path or None
        Corpus folder handed to every notebook as ``CORPUS``; None runs them on the shipped
        corpus. A relative path is taken from the current directory.
    notebooks_dir : str, Path or None
        Where the notebooks are; None means the project's ``notebooks/`` folder.
    log : callable
        Receives one progress line at a time (default: :func:`print`).
    jobs : int
        How many notebooks run at once, each on its own kernel (a kernel computes on one core).
        With more than one, the corpus is loaded once first, so that its store is built before
        the notebooks read it; they start in teaching order, and after a failure no other
        starts.

    Returns
    -------
    Path
        The path of ``index.html``.

    Raises
    ------
    ReportError
        When the notebooks folder or the corpus folder does not exist, no notebook matches
        ``NN_*.ipynb``, or a notebook fails (see :func:`run_notebook`).
    """
    notebooks_dir = Path(paths.NOTEBOOKS_DIR if notebooks_dir is None else notebooks_dir).resolve()
    if not notebooks_dir.is_dir():
        raise ReportError(f"notebooks folder not found: {notebooks_dir}")
    if corpus is not None:
        corpus = Path(corpus).resolve()
        if not corpus.is_dir():
            raise ReportError(f"corpus folder not found: {corpus}")
    check_number("jobs", jobs, minimum=1, integer=True)
    notebooks = find_notebooks(notebooks_dir)
    if not notebooks:
        raise ReportError(f"no notebooks matching {NOTEBOOK_PATTERN} in {notebooks_dir}")

    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    exporter = html_exporter()
    started = datetime.now(UTC)
    workers = min(jobs, len(notebooks))
    if workers > 1:
        from analysis.corpus import load_corpus

        log("loading the corpus once, so that the notebooks read its store ...")
        load_corpus(corpus)
    executed = _run_all(notebooks, out_dir=out_dir, corpus=corpus, log=log, workers=workers)
    entries = []
    for path, (notebook, seconds, finished) in zip(notebooks, executed, strict=True):
        body, _ = exporter.from_notebook_node(notebook)
        (out_dir / path.with_suffix(".html").name).write_text(body, encoding="utf-8")
        title = notebook_title(notebook, default=path.stem)
        entries.append(_Entry(path.name, title, seconds, finished))

    index = out_dir / "index.html"
    index.write_text(_index_html(entries, corpus=corpus, started=started), encoding="utf-8")
    log(f"report written: {index}")
    return index


def _run_all(notebooks: list[Path], *, out_dir: Path, corpus, log, workers: int) -> list[tuple]:
    """Run the notebooks on ``workers`` kernels at once: (notebook, seconds, finished) each.

    They start in teaching order; once one fails, none starts, the running ones finish, and the
    error of the first failing notebook (in teaching order) is raised.
    """
    total = len(notebooks)
    failed = threading.Event()
    positions = queue.SimpleQueue()
    for position in range(workers):
        positions.put(position)

    def run(number: int, path: Path):
        if failed.is_set():
            return None
        position = positions.get()
        try:
            log(f"[{number}/{total}] running {path.name} ...")
            tic = time.perf_counter()
            notebook = run_notebook(
                path, out_path=out_dir / path.name, corpus=corpus, position=position
            )
            seconds = time.perf_counter() - tic
            log(f"[{number}/{total}] {path.name} done in {seconds:.1f} s")
            return notebook, seconds, datetime.now(UTC)
        except BaseException:
            failed.set()
            raise
        finally:
            positions.put(position)

    # the kernels compute in their own processes: threads only wait on them
    with _kernel_environment({ENV_VAR: "0"}), ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(run, n, path) for n, path in enumerate(notebooks, start=1)]
        wait(futures)
    for future in futures:
        if future.exception() is not None:
            raise future.exception()
    return [future.result() for future in futures]


def _describe_failure(path: Path, exc: PapermillExecutionError, out_path: Path) -> str:
    original = nbformat.read(path, as_version=4)
    index = _committed_index(original, exc.cell_index)
    where = "the injected parameters cell" if index is None else f"cell {index}"
    first_line = next((line for line in exc.source.splitlines() if line.strip()), "")
    error = f"{exc.ename}: {exc.evalue}" if exc.evalue else exc.ename
    return (
        f"{path.name} failed in {where} ({first_line.strip()!r}): {error}"
        f" (partial output: {out_path})"
    )


def _committed_index(nb: nbformat.NotebookNode, executed_index: int) -> int | None:
    # papermill inserts its "injected-parameters" cell right after the first cell tagged
    # `parameters` (or at the top without one); undo that shift so the index matches the file
    # the reader opens.
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    injected_at = tagged[0] + 1 if tagged else 0
    if executed_index < injected_at:
        return executed_index
    if executed_index == injected_at:
        return None
    return executed_index - 1


def _index_html(entries: list[_Entry], *, corpus: Path | None, started: datetime) -> str:
    shipped = paths.CORPUS_DIR.relative_to(paths.PROJECT_ROOT).as_posix()
    corpus_text = f"shipped corpus ({shipped})" if corpus is None else str(corpus)
    esc = html.escape
    rows = "\n".join(
        "    <tr>"
        f"<td>{esc(entry.title)}</td>"
        f'<td><a href="{quote(Path(entry.name).with_suffix(".html").name)}">HTML</a> · '
        f'<a href="{quote(entry.name)}">{esc(entry.name)}</a></td>'
        f'<td class="num">{entry.seconds:.1f} s</td>'
        f"<td>{esc(corpus_text)}</td>"
        f"<td>{entry.finished.isoformat(timespec='seconds')}</td>"
        "</tr>"
        for entry in entries
    )
    total = sum(entry.seconds for entry in entries)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Discourse analysis: notebook report</title>
  <style>
    body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; }}
    table {{ border-collapse: collapse; width: 100%; }}
    th, td {{ border-bottom: 1px solid #ddd; padding: 0.4rem 0.6rem; text-align: left; }}
    td.num {{ text-align: right; }}
  </style>
</head>
<body>
  <h1>Discourse analysis: notebook report</h1>
  <p>Corpus: <code>{esc(corpus_text)}</code>. Started {started.isoformat(timespec="seconds")};
  {len(entries)} notebooks in {total:.1f} s, each on a fresh kernel.</p>
  <table>
    <tr><th>Notebook</th><th>Files</th><th>Run time</th><th>Corpus</th><th>Finished (UTC)</th></tr>
{rows}
  </table>
</body>
</html>
"""
