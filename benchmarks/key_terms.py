"""Key-term speed: time each key-term step on one token table, beside scikit-learn's counts.

The last two steps count the same word norms with scikit-learn's ``CountVectorizer`` (words, and
2-3-grams, per document), the usual way to get a document-term matrix, in the same run.

The lead's benchmark runner calls :func:`run` with the token tables of the benchmark corpora
(0.5M and 5M words). Run this file directly to time it on synthetic token tables of those sizes
(Zipf-distributed vocabulary, so no corpus is needed)::

    .venv/bin/python benchmarks/key_terms.py [n_tokens ...]
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd

from analysis.keyterms import keyness, reference_frequencies
from analysis.keyterms.collocations import collocates, collocations
from analysis.keyterms.dispersion import dispersion
from analysis.keyterms.distinctive import distinctive_terms
from analysis.keyterms.frequency import formulas, frequencies, ngrams
from analysis.keyterms.kwic import kwic


def run(tokens: pd.DataFrame) -> list[dict]:
    """Time every key-term step on ``tokens`` (a contract token table).

    The node word for collocates and the concordance is the most frequent non-stopword; the
    keyness target is the first half of the documents (by ``doc_id``) against the rest.

    Returns
    -------
    list of dict
        One record per step: ``task, step, n_tokens, n_words, seconds, cpu_seconds, rows``
        (wall-clock and process CPU time; the CPU figure is the steadier one on a busy machine).
    """
    words = tokens[tokens["is_word"].to_numpy(dtype=bool)]
    content = words[~words["is_stop"].to_numpy(dtype=bool)]
    node = str(content["norm"].value_counts().index[0])
    docs = np.sort(tokens["doc_id"].unique())
    first = tokens["doc_id"].isin(docs[: max(len(docs) // 2, 1)]).to_numpy()
    target, rest = tokens[first], tokens[~first]
    if len(rest) == 0 or not rest["is_word"].any():  # one document: split it in two
        half = len(tokens) // 2
        target, rest = tokens.iloc[:half], tokens.iloc[half:]
    steps = {
        "frequencies": lambda: frequencies(tokens),
        "frequencies by document": lambda: frequencies(tokens, by="document"),
        "ngrams 2-3": lambda: ngrams(tokens, n=(2, 3), min_count=2),
        "formulas 2-6": lambda: formulas(tokens, n=(2, 6), min_count=3),
        "collocations": lambda: collocations(tokens, min_count=3),
        f"collocates of {node!r}": lambda: collocates(tokens, node, window=4),
        "keyness half vs half": lambda: keyness(target, rest),
        "keyness vs general English": lambda: keyness(tokens, reference_frequencies(tokens)),
        "dispersion by paragraph": lambda: dispersion(tokens),
        f"kwic {node!r}": lambda: kwic(tokens, node),
    }
    if len(docs) > 1:
        steps["distinctive_terms by doc_id"] = lambda: distinctive_terms(tokens)
    # the same counts by scikit-learn, side by side: each document's word norms (the list
    # built inside the timing, as a user would) counted by CountVectorizer; its n-grams cross
    # sentence ends, which ours do not, so it has slightly more distinct 2-3-grams
    steps["CountVectorizer: words by document"] = lambda: _count_vectorizer(words, (1, 1))
    steps["CountVectorizer: 2-3-grams by document"] = lambda: _count_vectorizer(words, (2, 3))
    records = []
    for step, call in steps.items():
        start, cpu = time.perf_counter(), time.process_time()
        result = call()
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        records.append(
            {
                "task": "key_terms",
                "step": step,
                "n_tokens": len(tokens),
                "n_words": len(words),
                "seconds": round(seconds, 3),
                "cpu_seconds": round(cpu, 3),
                "rows": len(result),
            }
        )
    return records


def _count_vectorizer(words: pd.DataFrame, ngram_range: tuple[int, int]):
    """scikit-learn's document-term counts of the word norms (one row per document)."""
    from sklearn.feature_extraction.text import CountVectorizer

    norms = words["norm"].astype(str).to_numpy()
    starts = np.flatnonzero(
        np.r_[True, words["doc_id"].to_numpy()[1:] != words["doc_id"].to_numpy()[:-1]]
    )
    documents = [
        norms[a:b].tolist() for a, b in zip(starts, [*starts[1:], len(norms)], strict=True)
    ]
    vectorizer = CountVectorizer(
        analyzer="word",
        tokenizer=list,
        preprocessor=None,
        lowercase=False,
        token_pattern=None,
        ngram_range=ngram_range,
    )
    matrix = vectorizer.fit_transform(documents)
    return pd.DataFrame({"n": np.asarray(matrix.sum(axis=0)).ravel()})


def synthetic_tokens(n_tokens: int, *, vocabulary: int = 20_000, seed: int = 0) -> pd.DataFrame:
    """A contract token table of ``n_tokens`` rows of Zipf-distributed pseudo-words.

    A period every ~20 tokens, a comma now and then, five sentences a paragraph, 10,000 tokens a
    document, every third document quoted.
    """
    rng = np.random.default_rng(seed)
    ranks = np.arange(1, vocabulary + 1)
    p = 1 / ranks
    words = np.array([_letters(i) for i in ranks], dtype=object)
    norm = words[rng.choice(vocabulary, size=n_tokens, p=p / p.sum())]
    punct = rng.random(n_tokens)
    norm[punct < 0.05] = "."
    norm[(punct >= 0.05) & (punct < 0.08)] = ","
    is_word = (norm != ".") & (norm != ",")
    doc = np.arange(n_tokens) // 10_000
    new_doc = np.r_[True, doc[1:] != doc[:-1]]
    # a sentence starts at a document start or after a period
    new_sentence = new_doc | np.r_[True, norm[:-1] == "."]
    sentence = np.cumsum(new_sentence) - np.maximum.accumulate(
        np.where(new_doc, np.cumsum(new_sentence) - 1, 0)
    )
    offset = np.arange(n_tokens) * 4
    return pd.DataFrame(
        {
            "doc_id": pd.Series(np.char.add("doc", doc.astype(str)), dtype="str"),
            "paragraph_id": (sentence - 1) // 5 + 1,
            "sentence_id": sentence,
            "token_id": np.arange(n_tokens) - np.flatnonzero(new_doc)[doc] + 1,
            "token": pd.Series(norm, dtype="str"),
            "norm": pd.Series(norm, dtype="str"),
            "kind": pd.Categorical(np.where(is_word, "word", "punct")),
            "start": offset,
            "end": offset + 3,
            "is_word": is_word,
            "is_stop": np.isin(norm, words[:50]),
            "voice": pd.Categorical(np.where(doc % 3 == 0, "quote", "author")),
            "speaker": pd.Series([pd.NA] * n_tokens, dtype="str"),
        }
    )


def _letters(i: int) -> str:
    """A lower-case pseudo-word for rank ``i`` (plain letters, like most real words)."""
    word = ""
    while i:
        i, r = divmod(i - 1, 26)
        word = chr(97 + r) + word
    return "q" + word


if __name__ == "__main__":
    sizes = [int(x) for x in sys.argv[1:]] or [500_000, 5_000_000]
    for size in sizes:
        table = synthetic_tokens(size)
        for record in run(table):
            print(record)
