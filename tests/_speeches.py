"""A corpus of real speeches, built from the benchmark folder through the project's own ``add``.

The 124 public-domain presidential speeches in ``../shared/benchmark/`` (inaugural and State of the
Union addresses) are outside text: they are read from there into a temporary corpus and never
copied into the repository. Each file becomes one document:

- ``doc_id``: the folder and the file name, e.g. ``inaugural-1789-washington``,
  ``state-union-1965-johnson-2`` (the file names are unique, the made-up ids would not be);
- ``speakers``: the name in the file name (``YEAR-President.txt``, a suffix ``-1``/``-2`` dropped),
  as the file gives it (``GWBush``); ``genre``: ``speech``;
- ``date``: the date line of a State of the Union file when it has one ("April 16, 1945", or a
  title line that ends with the date); otherwise the year with 20 January for an inaugural (the
  date fixed by the 20th Amendment, used since 1937; earlier inaugurations were in March, and the
  files do not say the day) and 1 January for a State of the Union (the files say only the year);
- ``header_lines``: the title line, and the date line when there is one, are front matter;
- encoding: UTF-8, or cp1252 named explicitly (``add`` then transcodes it and says so in
  ``notes``) for the files that are not valid UTF-8. Nothing is guessed per file beyond that.
"""

import datetime as dt
import re
from pathlib import Path

from analysis.corpus import add_documents, load_corpus
from analysis.corpus.metadata import FIELDS

BENCHMARK_DIR = Path(__file__).resolve().parents[2] / "shared" / "benchmark"
_FILE_RE = re.compile(r"(?P<year>\d{4})-(?P<name>[A-Za-z]+)(?:-(?P<part>\d))?")
_DATE_RE = re.compile(
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+(?P<day>\d{1,2}),\s+(?P<year>\d{4})"
)
_MAX_HEADER_LINE = 200


def _decode(data: bytes) -> tuple[str, str | None]:
    """The text and the encoding to give ``add``: None for UTF-8, ``"cp1252"`` for the rest."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("cp1252"), "cp1252"


def _front_matter(text: str) -> tuple[int, str, str | None]:
    """Header lines, title and ISO date of a State of the Union file (title, blank, date lines)."""
    lines = text.split("\n")
    non_blank = [i for i, line in enumerate(lines) if line.strip()][:3]
    if not non_blank or len(lines[non_blank[0]]) > _MAX_HEADER_LINE:
        return 0, "", None
    title = lines[non_blank[0]].strip()
    for i in non_blank[:2]:
        line = lines[i].strip()
        date = _DATE_RE.search(line) if len(line) <= _MAX_HEADER_LINE else None
        if date:
            day = dt.datetime.strptime(
                f"{date['month']} {date['day']} {date['year']}", "%B %d %Y"
            ).date()
            head = " ".join(lines[j].strip() for j in non_blank if j <= i)
            title = _DATE_RE.sub("", head).strip(" .:") or title
            return i + 1, title, day.isoformat()
    if title == title.upper() and any(c.isalpha() for c in title):
        return non_blank[0] + 1, title, None
    return 0, "", None


def speech_rows(folder: Path = BENCHMARK_DIR) -> tuple[list[Path], list[dict[str, str]]]:
    """The benchmark files in sorted order, and one ``add`` metadata row for each."""
    files, rows = [], []
    for path in sorted(folder.glob("*/*.txt")):
        match = _FILE_RE.fullmatch(path.stem)
        text, encoding = _decode(path.read_bytes())
        genre_folder = path.parent.name
        if genre_folder == "inaugural":
            header_lines, title = 0, f"Inaugural address, {match['year']}"
            date = f"{match['year']}-01-20"
        else:
            header_lines, title, date = _front_matter(text)
            title = title or f"State of the Union address, {match['year']}"
            date = date or f"{match['year']}-01-01"
        row = {
            "id": f"{genre_folder.replace('_', '-')}-{path.stem.lower()}",
            "title": title,
            "speaker": match["name"],
            "date": date,
            "genre": "speech",
            "event": genre_folder.replace("_", " "),
            "source": "NLTK data collection (C-SPAN), via ../shared/benchmark/",
            "licence": "public domain",
            "header_lines": str(header_lines),
        }
        if encoding:
            row["encoding"] = encoding
        files.append(path)
        rows.append(row)
    return files, rows


def build_speech_corpus(target: Path, *, folder: Path = BENCHMARK_DIR, n_jobs: int | None = None):
    """Add every benchmark speech to a new corpus in ``target`` and load it."""
    (target / "texts").mkdir(parents=True)
    (target / "metadata.csv").write_text(",".join(FIELDS) + "\n", encoding="utf-8")
    files, rows = speech_rows(folder)
    add_documents(files, rows, corpus=target)
    return load_corpus(target, n_jobs=n_jobs)
