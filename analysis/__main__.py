"""The command line: ``python -m analysis validate | add | repair | report``.

Every error a user can meet is printed as one line, ``error: <file>: <field>: <what to fix>``,
with exit status 2; nothing is written when a command fails. Ctrl-C, SIGTERM and SIGHUP stop a
command the same way (an ``add`` is rolled back), with one line instead of a traceback.
"""

import argparse
import os
import signal
import sys
import warnings
from pathlib import Path

from analysis.errors import AnalysisError, CorpusError, ReportError

_ADD_OPTIONS = (
    "title",
    "speaker",
    "date",
    "author",
    "event",
    "genre",
    "source",
    "licence",
    "notes",
    "id",
    "header_lines",
    "language",
)


class _Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, so that ``add`` rolls back as on Ctrl-C."""


def _stop(number, _frame):
    raise _Stopped(signal.Signals(number).name)


def _validate(args) -> int:
    from analysis.corpus import validate_corpus

    result = validate_corpus(args.corpus)
    for warning in result.warnings:
        print(f"warning: {warning}")
    for problem in result.problems:
        print(f"error: {problem}")
    summary = result.summary.assign(date=result.summary["date"].dt.strftime("%Y-%m-%d"))
    if len(summary):
        print(summary.to_string(index=False, na_rep="-", max_colwidth=48))
    verdict = "valid" if result.ok else f"{len(result.problems)} problem(s)"
    print(
        f"{result.path}: {len(summary)} document(s), {int(summary['words'].sum())} words; {verdict}"
    )
    return 0 if result.ok else 1


def _table_rows(table: Path) -> list[tuple[str, dict[str, str]]]:
    """(file or URL, the other fields) for each row of a metadata table, in table order."""
    from analysis.corpus.files import read_table
    from analysis.corpus.ingest import is_url

    records = read_table(table)
    if not records:
        raise CorpusError("has no rows: nothing to add", path=table)
    if not set(records[0][1]) & {"file", "url"}:
        raise CorpusError(
            "needs a 'file' column (files relative to the table) or a 'url' column", path=table
        )
    named = []
    for number, row in records:
        file, url = row.pop("file", "").strip(), row.pop("url", "").strip()
        if file and url:
            raise CorpusError(f"line {number} gives both a file and a url: keep one", path=table)
        if not (file or url):
            raise CorpusError(f"line {number} has no file or url", path=table)
        if url and not is_url(url):
            raise CorpusError(f"line {number}: {url!r} is not an http(s) address", path=table)
        named.append((url or file, row, number))
    seen: dict[str, int] = {}
    rows = []
    for name, row, number in named:
        key = name if is_url(name) else str((table.parent / name).resolve())
        if key in seen:
            raise CorpusError(
                f"lines {seen[key]} and {number} both describe {name}: keep one", path=table
            )
        seen[key] = number
        rows.append((name if is_url(name) else str(table.parent / name), row))
    return rows


def _metadata_rows(table: Path, files: list[str]) -> tuple[list[str], list[dict[str, str]]]:
    """The files (or URLs) to add and their rows; with no ``files``, every row of the table."""
    from analysis.corpus.ingest import is_url

    rows = _table_rows(table)
    if not files:
        return [name for name, _ in rows], [row for _, row in rows]

    def key(name: str) -> str:
        return name if is_url(name) else str(Path(name).resolve())

    by_name = {key(name): row for name, row in rows}
    ordered = []
    for file in files:
        row = by_name.pop(key(file), None)
        if row is None:
            raise CorpusError(
                f"has no row for {file} (its 'file' column names files relative to the table)",
                path=table,
            )
        ordered.append(row)
    if by_name:
        raise CorpusError(
            f"has rows for files not given on the command line: {', '.join(sorted(by_name))}",
            path=table,
        )
    return list(files), ordered


def _add(args) -> int:
    from analysis.corpus import add_documents

    if args.metadata:
        given = [name for name in _ADD_OPTIONS if getattr(args, name)]
        if given:
            raise CorpusError(
                f"--{given[0].replace('_', '-')} cannot be combined with --metadata: "
                "put it in the table"
            )
        args.files, metadata = _metadata_rows(Path(args.metadata), args.files)
    elif not args.files:
        raise CorpusError("give a FILE or URL to add, or --metadata TABLE.csv")
    elif len(args.files) > 1:
        raise CorpusError("several files need --metadata TABLE.csv (one row per file)")
    else:
        metadata = [{name: getattr(args, name) or "" for name in _ADD_OPTIONS}]
    if len(set(map(str, map(Path, args.files)))) < len(args.files):
        raise CorpusError("the same file is given twice on the command line")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        added = add_documents(
            args.files, metadata, corpus=args.corpus, encoding=args.encoding, log=print
        )
    for doc_id in added:
        print(f"added {doc_id}")
    for warning in caught:
        print(f"warning: {warning.message}", file=sys.stderr)
    return 0


def _repair(args) -> int:
    from analysis.corpus.files import corpus_dir
    from analysis.corpus.recovery import locked, repair

    folder = corpus_dir(args.corpus)
    with locked(folder):
        done = repair(folder)
    for line in done:
        print(line)
    print(f"{folder}: {'nothing to repair' if not done else 'repaired'}")
    return 0


def _report(args) -> int:
    from analysis.report import build_report

    build_report(out_dir=Path(args.out), corpus=args.corpus, jobs=args.jobs)
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line's parser: ``validate``, ``add``, ``repair`` and ``report``."""
    main = argparse.ArgumentParser(
        prog="python -m analysis",
        description="The corpus and the report from the command line: validate, add, repair, "
        "report. Errors are one line, with exit status 2.",
    )
    commands = main.add_subparsers(dest="command", required=True)
    corpus_help = "corpus folder (default: the shipped corpus, data/corpus)"

    validate = commands.add_parser("validate", help="check every document and its metadata")
    validate.add_argument("--corpus", help=corpus_help)
    validate.set_defaults(run=_validate)

    add = commands.add_parser("add", help="add speeches to the corpus (all or nothing)")
    add.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="plain-text file, saved web page (.html), PDF or Word (.docx) file, or an "
        "http(s) URL; the kind is read from the content",
    )
    add.add_argument(
        "--metadata",
        metavar="TABLE.csv",
        help="one row per file: columns file (or url), title, speaker, date, ...; with no FILE, "
        "every row of the table is added",
    )
    add.add_argument("--title")
    add.add_argument("--speaker", help="who speaks; several separated by '; '")
    add.add_argument("--date", help="YYYY-MM-DD")
    add.add_argument("--author")
    add.add_argument("--event")
    add.add_argument("--genre", help="speech, commentary, statement, ...")
    add.add_argument("--source")
    add.add_argument("--licence")
    add.add_argument("--notes")
    add.add_argument("--id", help="document id (default: made from date, speaker and title)")
    add.add_argument(
        "--header-lines",
        dest="header_lines",
        help="lines at the top that are title/byline/date, not body (default 0)",
    )
    add.add_argument(
        "--language", help="BCP 47 tag of the text's language, e.g. en (default: detected)"
    )
    add.add_argument(
        "--encoding", help="a plain-text file's encoding if not UTF-8; transcoded to UTF-8"
    )
    add.add_argument("--corpus", help=corpus_help)
    add.set_defaults(run=_add)

    repair = commands.add_parser(
        "repair", help="remove what an interrupted add left behind (validate names it)"
    )
    repair.add_argument("--corpus", help=corpus_help)
    repair.set_defaults(run=_repair)

    report = commands.add_parser("report", help="run every notebook and write HTML reports")
    report.add_argument("--corpus", help=corpus_help)
    report.add_argument("--out", default="reports", help="output folder (default: reports)")
    report.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="notebooks run at once, one kernel each (default: the number of cores)",
    )
    report.set_defaults(run=_report)
    return main


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 invalid corpus, 2 refused input)."""
    args = parser().parse_args(argv)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)
    try:
        return args.run(args)
    except ReportError as error:  # names the notebook and the cell, over several lines
        print(f"error: {error}", file=sys.stderr)
        return 2
    except AnalysisError as error:
        message = str(error)
    except OSError as error:  # a file-system failure the checks did not foresee: still one line
        message = f"{error.filename or 'a file'}: {error.strerror or error}"
    except KeyboardInterrupt as error:
        cause = error.args[0] if error.args else "SIGINT"
        message = f"interrupted ({cause}); nothing was changed (an add is rolled back)"
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
