"""What a reader sees: the HTML report and JupyterLab, opened in headless Chromium, offline.

The report must read with the network off (formulas as MathML made at build time, figures
embedded), and the teaching notebooks must run in JupyterLab as `make lab` starts it, with no
error and with their figures drawn. Chromium is Debian's (`.ci/run` installs it) driven by
Playwright for Python; no browser is ever downloaded. Without either, these tests skip.
"""

import contextlib
import hashlib
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis.report import build_report, html_exporter

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# As root Chromium needs --no-sandbox; the rest keep it from calling home (the machine has no
# network, and these would be refused connections at every start).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
MATHML_NS = "http://www.w3.org/1998/Math/MathML"
# What a formula left as source shows: its dollars, or the commands the notebooks use.
TEX_LEFT = re.compile(r"\$|\\(?:[dt]?frac|text|sum|sqrt|log|ln|times|chi|min)\b")


def missing_browser():
    """Why these tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (it is in the dev extra)"
    if not CHROMIUM.is_file():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run does)"
    return None


MISSING = missing_browser()
# Skipped before any fixture runs, so a machine without a browser builds no report for nothing.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.skipif(MISSING is not None, reason=str(MISSING)),
]

# Formulas in the notebooks' own style (notebook 02 holds the real ones; each is checked below).
FORMULAS_MARKDOWN = r"""# Formulas offline

Log-likelihood $G^2 = 2\sum O \ln(O/E)$, log ratio $\log_2 \dfrac{a/c}{b/d}$, a rate
$\text{per\_10k} = 10\,000 \times \frac{n}{N}$, and $DP = \tfrac12 \sum_i |v_i/f - s_i|$ with
$1 - \dfrac{CV}{\sqrt{n-1}}$ and $\chi^2$.

$$E = \frac{W \, f(c)}{N}$$
"""
FIGURE_CODE = """\
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(4, 3))
ax.plot([1, 2, 3], [2, 1, 3])
ax.set_title("A small figure");
"""


@pytest.fixture
def browser():
    """Debian's Chromium under Playwright, started for one test."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def offline_page(browser, *, allowed=("file:", "data:", "blob:")):
    """A page with the network off; returns it and the list of URLs it tried to fetch elsewhere."""
    context = browser.new_context()
    attempted = []

    def record(request):
        if not request.url.startswith(allowed):
            attempted.append(request.url)

    def guard(route):
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    context.on("request", record)
    context.route("**/*", guard)
    return context.new_page(), attempted


# Everything the page check needs, measured in the page: formulas, fractions, images, text.
MEASURE_PAGE = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.width, r.height]; };
  const math = [...document.querySelectorAll("math")];
  const fractions = [...document.querySelectorAll("mfrac")].map((frac) => {
    const [num, den] = [...frac.children].map((el) => el.getBoundingClientRect());
    return {stacked: num.bottom <= den.top + 1, source: frac.outerHTML.slice(0, 120)};
  });
  return {
    math: math.map((el) => ({
      ns: el.namespaceURI,
      display: getComputedStyle(el).display,
      size: box(el),
      text: el.textContent,
    })),
    fractions,
    images: [...document.querySelectorAll("img")].map((img) => ({
      complete: img.complete, width: img.naturalWidth, height: img.naturalHeight,
    })),
    markdown: [...document.querySelectorAll(".jp-RenderedMarkdown")].map((el) => el.innerText),
    text: document.body.innerText,
    scripts: [...document.querySelectorAll("script[src], link[href]")].map(
      (el) => el.src || el.href),
  };
}"""


def open_offline(browser, html_path):
    page, attempted = offline_page(browser)
    page.context.set_offline(True)
    page.goto(html_path.as_uri(), wait_until="load")
    measured = page.evaluate(MEASURE_PAGE)
    page.context.close()
    return measured, attempted


def assert_formulas_rendered(measured, expected):
    math = measured["math"]
    assert len(math) == expected, f"{len(math)} <math> elements, {expected} formulas in the source"
    for formula in math:
        assert formula["ns"] == MATHML_NS, formula
        assert "math" in formula["display"], f"not laid out as MathML: {formula}"
        width, height = formula["size"]
        assert width > 0 and height > 0, f"formula drawn with no size: {formula}"
    flat = [fraction["source"] for fraction in measured["fractions"] if not fraction["stacked"]]
    assert not flat, f"fractions whose numerator is not above the denominator: {flat}"
    assert measured["markdown"], "no rendered Markdown cell in the page"
    raw = [text for text in measured["markdown"] if TEX_LEFT.search(text)]
    assert not raw, f"TeX left as text in the rendered Markdown: {raw}"


def count_formulas(nb):
    """How many formulas nbconvert's Markdown parser finds in a notebook's Markdown cells."""
    found = []

    class Counter(IPythonRenderer):
        def inline_math(self, body):
            found.append(body)
            return ""

        block_math = inline_math

        def latex_environment(self, name, body):
            found.append(body)
            return ""

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            MarkdownWithMath(renderer=Counter(escape=False)).render(cell.source)
    return len(found)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """A report built from one small notebook with formulas and a figure."""
    root = tmp_path_factory.mktemp("browser-report")
    parameters = new_code_cell("CORPUS = None")
    parameters.metadata["tags"] = ["parameters"]
    nb = new_notebook(
        cells=[new_markdown_cell(FORMULAS_MARKDOWN), parameters, new_code_cell(FIGURE_CODE)]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    (root / "notebooks").mkdir()
    nbformat.write(nb, root / "notebooks" / "01_formulas.ipynb")
    build_report(out_dir=root / "out", notebooks_dir=root / "notebooks", log=lambda line: None)
    return root / "out"


def test_report_reads_offline_with_formulas_and_figures(browser, report):
    html_path = report / "01_formulas.html"
    source = html_path.read_text(encoding="utf-8")
    remote = re.findall(
        r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=\"?(?:https?:)?//", source
    )
    assert not remote, f"the report loads from the network: {remote}"

    measured, attempted = open_offline(browser, html_path)

    assert not attempted, f"the report tried the network: {attempted}"
    assert not measured["scripts"]
    nb = nbformat.read(report / "01_formulas.ipynb", as_version=4)
    assert_formulas_rendered(measured, count_formulas(nb))
    assert any(m["text"].startswith("per_10k") for m in measured["math"])  # \_ is a plain _
    assert "$" not in measured["text"]
    images = measured["images"]
    assert len(images) == 1, images
    assert all(img["complete"] and img["width"] > 0 and img["height"] > 0 for img in images)


def test_report_index_reads_offline(browser, report):
    measured, attempted = open_offline(browser, report / "index.html")
    assert not attempted
    assert "Discourse analysis: notebook report" in measured["text"]


@pytest.mark.parametrize(
    "notebook", sorted(PROJECT_ROOT.glob("notebooks/[0-9][0-9]_*.ipynb")), ids=lambda p: p.stem
)
def test_every_formula_of_the_teaching_notebooks_renders(browser, notebook, tmp_path):
    # The Markdown is what carries formulas, so the notebooks are converted without running.
    nb = nbformat.read(notebook, as_version=4)
    body, _ = html_exporter().from_notebook_node(nb)
    html_path = tmp_path / notebook.with_suffix(".html").name
    html_path.write_text(body, encoding="utf-8")

    measured, attempted = open_offline(browser, html_path)

    assert not attempted, f"{notebook.name} tried the network: {attempted}"
    assert_formulas_rendered(measured, count_formulas(nb))


# ---------------------------------------------------------------------------------------------
# JupyterLab, as `make lab` starts it

LAB_NOTEBOOK = "notebooks/01_corpus_overview.ipynb"
LAB_TIMEOUT = 150  # seconds for Run All; the cells take about 15 s on a quiet 2-core machine
# Settings a fresh user would have, plus: no news or update checks (no network), no autosave (the
# committed notebook stays without outputs), every cell in the page (no windowing, so all
# figures can be measured).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lab_command(port, token, checkpoints):
    """The command `make lab` runs, with the options a test server needs (from `make -n`)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    lab_args = [
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={PROJECT_ROOT}",
        # the checkpoint JupyterLab saves on opening a notebook goes to tmp, not notebooks/
        f"--FileCheckpoints.checkpoint_dir={checkpoints}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
    ]
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", "lab", f"LAB_ARGS={shlex.join(lab_args)}"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    command = shlex.split(dry_run.stdout.strip().splitlines()[-1])
    assert command[:2] == [".venv/bin/jupyter", "lab"], dry_run.stdout
    assert command[-len(lab_args) :] == lab_args
    if not (PROJECT_ROOT / command[0]).is_file():
        pytest.skip(f"{command[0]} does not exist (run `make venv`)")
    return [str(PROJECT_ROOT / command[0]), *command[1:]]


def lab_environment(home):
    """Jupyter's folders in a temporary home, so the user's settings neither count nor change."""
    env = dict(os.environ)
    for variable, folder in {
        "JUPYTER_CONFIG_DIR": "config",
        "JUPYTER_DATA_DIR": "data",
        "JUPYTER_RUNTIME_DIR": "runtime",
        "JUPYTERLAB_SETTINGS_DIR": "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": "lab-workspaces",
        "IPYTHONDIR": "ipython",
    }.items():
        (home / folder).mkdir(parents=True, exist_ok=True)
        env[variable] = str(home / folder)
    for name, settings in LAB_SETTINGS.items():
        path = home / "lab-settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings), encoding="utf-8")
    return env


def api(base, token, path):
    request = urllib.request.Request(f"{base}{path}", headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def stop(process, timeout=20):
    """SIGTERM the server (it shuts its kernels down), SIGKILL whatever of its group is left."""
    if process.poll() is None:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=timeout)
    with contextlib.suppress(ProcessLookupError):  # the group is the server's (start_new_session)
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=timeout)


@pytest.fixture
def lab_server(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    command = lab_command(port, token, checkpoints=tmp_path / "checkpoints")
    log_path = tmp_path / "jupyter-lab.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=lab_environment(tmp_path / "jupyter"),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"jupyter lab exited with {process.returncode}:\n{log_path.read_text()}"
                )
            try:
                api(base, token, "/api/status")
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    pytest.fail(f"jupyter lab did not answer in 60 s:\n{log_path.read_text()}")
                time.sleep(0.25)
        yield {"base": base, "token": token, "log": log_path}
    finally:
        stop(process)


# The state of the notebook's cells, read in the page: prompts, errors, figures.
MEASURE_NOTEBOOK = """() => {
  const cells = [...document.querySelectorAll(".jp-Notebook .jp-CodeCell")];
  return {
    prompts: cells.map((cell) => cell.querySelector(".jp-InputPrompt").innerText.trim()),
    errors: [...document.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
    )].map((el) => el.innerText),
    rendered_text: [...document.querySelectorAll(".jp-OutputArea-output.jp-RenderedText")].map(
      (el) => el.innerText),
    images: [...document.querySelectorAll(".jp-OutputArea-output img")].map((img) => ({
      complete: img.complete, width: img.naturalWidth, height: img.naturalHeight,
    })),
  };
}"""


def kernel_states(server):
    sessions = api(server["base"], server["token"], "/api/sessions")
    return [s["kernel"]["execution_state"] for s in sessions if s["path"] == LAB_NOTEBOOK]


def test_notebook_runs_in_jupyterlab_without_errors_and_draws_its_figures(browser, lab_server):
    notebook = PROJECT_ROOT / LAB_NOTEBOOK
    committed = hashlib.sha256(notebook.read_bytes()).hexdigest()
    checkpoints = notebook.parent / ".ipynb_checkpoints"
    had_checkpoints = checkpoints.exists()
    base, token = lab_server["base"], lab_server["token"]
    page, attempted = offline_page(browser, allowed=(base + "/", "data:", "blob:"))
    page.set_viewport_size({"width": 1400, "height": 1000})

    page.goto(f"{base}/lab/tree/{LAB_NOTEBOOK}?token={token}")
    page.locator(".jp-Notebook .jp-CodeCell").first.wait_for(timeout=60_000)
    deadline = time.monotonic() + 60
    while kernel_states(lab_server) != ["idle"]:  # the notebook's kernel has started
        assert time.monotonic() < deadline, f"kernel not ready: {kernel_states(lab_server)}"
        page.wait_for_timeout(250)  # not time.sleep: routed requests wait for it

    # Run → Run All Cells, as a reader does.
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()

    deadline = time.monotonic() + LAB_TIMEOUT
    while True:
        state = page.evaluate(MEASURE_NOTEBOOK)
        prompts = state["prompts"]
        ran = all(re.fullmatch(r"\[\d+\]:", prompt) for prompt in prompts)
        stopped = state["errors"] and "[*]:" not in prompts
        if (ran or stopped) and kernel_states(lab_server) == ["idle"]:
            break
        assert time.monotonic() < deadline, f"not finished in {LAB_TIMEOUT} s: {prompts}"
        page.wait_for_timeout(500)

    # An error output is stderr-typed text; a traceback printed to stdout would be plain text.
    tracebacks = [text for text in state["errors"] if "Traceback" in text or "Error" in text]
    tracebacks += [
        text for text in state["rendered_text"] if "Traceback" in text and text not in tracebacks
    ]
    assert not tracebacks, "\n\n".join(tracebacks)
    assert ran, f"cells that did not run: {prompts}"
    images = state["images"]
    assert len(images) >= 4, f"notebook 01 draws four figures, the page shows {len(images)}"
    assert all(img["complete"] and img["width"] > 0 and img["height"] > 0 for img in images)
    assert not attempted, f"JupyterLab tried the network: {attempted}"
    assert hashlib.sha256(notebook.read_bytes()).hexdigest() == committed, "the notebook was saved"
    assert had_checkpoints or not checkpoints.exists(), f"JupyterLab wrote {checkpoints}"
    page.context.close()
