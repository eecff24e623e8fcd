"""Synthetic result tables of any size for the figure tests: every column a plot function reads.

The values are deterministic functions of the row number, so a failure reproduces exactly.
"""

import numpy as np
import pandas as pd

VOICES = pd.CategoricalDtype(["author", "quote", "reported"])


def _ids(n_docs):
    return [f"d{i:04d}" for i in range(n_docs)]


def _voices(n):
    return pd.Categorical(np.array(["author", "quote", "reported"])[np.arange(n) % 3], dtype=VOICES)


def summary(n_docs):
    words = 100 + np.arange(n_docs) * 7 % 900
    table = pd.DataFrame({"doc_id": _ids(n_docs), "n_words": words, "n_types": words // 2})
    total = pd.DataFrame({"doc_id": ["(all)"], "n_words": [words.sum()], "n_types": [999]})
    table = pd.concat([table, total], ignore_index=True)
    return table.assign(ttr=table["n_types"] / table["n_words"])


def growth(n_docs):
    rows = [(d, k * 10, k * 10 - k) for d in _ids(n_docs) for k in range(1, 6)]
    table = pd.DataFrame(rows, columns=["doc_id", "n_words", "n_types"])
    return table.assign(ttr=table["n_types"] / table["n_words"])


def corpus_shares(n_speakers):
    n = n_speakers + 1
    share = np.full(n, 1 / n)
    return pd.DataFrame(
        {
            "voice": pd.Categorical(["author"] + ["quote"] * n_speakers, dtype=VOICES),
            "speaker": pd.Series([None] + [f"Speaker {i}" for i in range(n_speakers)], dtype="str"),
            "n_sentences": 1,
            "share_sentences": share,
            "n_words": 1,
            "share_words": share,
        }
    )


def document_shares(n_docs):
    ids = np.repeat(_ids(n_docs), 3)
    return pd.DataFrame(
        {"doc_id": ids, "voice": _voices(len(ids)), "speaker": None, "share_words": 1 / 3}
    )


def frequencies(n_docs, *, by="voice"):
    groups = {"voice": ["author", "quote", "reported"], "document": _ids(n_docs)}[by]
    column = {"voice": "voice", "document": "doc_id"}[by]
    rows = [(g, f"term{k}", 50 - k, 1000 + i) for i, g in enumerate(groups) for k in range(30)]
    table = pd.DataFrame(rows, columns=[column, "term", "n", "n_words"])
    return table.assign(per_10k=table["n"] / table["n_words"] * 1e4, n_docs=1)


def keyness(n_terms):
    half = n_terms // 2
    return pd.DataFrame(
        {
            "term": [f"t{i}" for i in range(n_terms)],
            "log_ratio": np.r_[np.linspace(3, 0.1, half), np.linspace(-0.1, -3, n_terms - half)],
            "p_adjusted": np.linspace(0, 0.2, n_terms),
            "n_target": np.arange(n_terms) + 1,
            "n_reference": np.arange(n_terms) * 2 + 1,
            "more_in": ["target"] * half + ["reference"] * (n_terms - half),
        }
    )


def collocates(n_terms):
    return pd.DataFrame(
        {
            "term": [f"c{i}" for i in range(n_terms)],
            "n": np.arange(n_terms) % 9 + 1,
            "log_dice": 11 + np.linspace(0, 1.5, n_terms),
        }
    )


def tokens(n_docs, per_doc=40):
    n = n_docs * per_doc
    words = np.array(["security", "we", "the", "cooperation", "peace"])
    return pd.DataFrame(
        {
            "doc_id": np.repeat(_ids(n_docs), per_doc),
            "token_id": np.tile(np.arange(1, per_doc + 1), n_docs),
            "norm": words[np.arange(n) % 5],
            "is_word": True,
        }
    )


def scored(n_docs, per_doc=20):
    n = n_docs * per_doc
    compound = np.sin(np.arange(n))
    return pd.DataFrame(
        {
            "doc_id": np.repeat(_ids(n_docs), per_doc),
            "sentence_id": np.tile(np.arange(1, per_doc + 1), n_docs),
            "voice": _voices(n),
            "speaker": pd.Series(np.where(np.arange(n) % 3 == 0, None, "Ana Vale"), dtype="str"),
            "compound": compound,
            "label": np.where(
                compound >= 0.05, "positive", np.where(compound <= -0.05, "negative", "neutral")
            ),
        }
    )


def sentiment_by_document(n_docs):
    return pd.DataFrame(
        {
            "doc_id": _ids(n_docs),
            "n_sentences": np.arange(n_docs) % 40 + 1,
            "share_negative": 0.2,
            "share_neutral": 0.3,
            "share_positive": 0.5,
            "mean_compound": np.cos(np.arange(n_docs)),
            "mean_compound_base": np.cos(np.arange(n_docs)),
            "mean_compound_override": np.cos(np.arange(n_docs)) / 2,
            "date": pd.to_datetime("2000-01-01") + pd.to_timedelta(np.arange(n_docs) // 2, "D"),
        }
    )


def drivers(n_docs):
    rows = [(d, f"w{k}", k + 1, (-1) ** k * (k + 1)) for d in _ids(n_docs) for k in range(12)]
    return pd.DataFrame(rows, columns=["doc_id", "term", "n", "total"])


def method_comparison(n):
    return pd.DataFrame(
        {
            "vader_compound": np.sin(np.arange(n)),
            "textblob_polarity": np.cos(np.arange(n)),
            "voice": _voices(n),
        }
    )


def profile(n_docs):
    return pd.DataFrame(
        {
            "doc_id": _ids(n_docs),
            "date": pd.to_datetime("2000-01-01") + pd.to_timedelta(np.arange(n_docs), "D"),
            "share_author": 0.5,
            "share_quote": 0.3,
            "share_reported": 0.2,
            "mean_compound": np.sin(np.arange(n_docs)),
        }
    )


def over_time(n_docs):
    table = profile(n_docs)
    return pd.concat([table.assign(voice=v) for v in ("author", "quote", "reported")])


def keyness_by(n_docs):
    rows = [
        ("document", d, k + 1, f"k{k}", 3.0 - k / 10, "target", 10 - k % 10, 500 + i)
        for i, d in enumerate(_ids(n_docs))
        for k in range(12)
    ]
    columns = ["by", "group", "rank", "term", "log_ratio", "more_in", "n_target", "n_target_words"]
    return pd.DataFrame(rows, columns=columns)


def traced(n_quotes):
    match = np.array(["exact", "near", "not found", "too short"])[np.arange(n_quotes) % 4]
    return pd.DataFrame(
        {
            "doc_id": [f"d{i // 3:04d}" for i in range(n_quotes)],
            "quote_id": np.arange(n_quotes) % 3 + 1,
            "quote": [f"“From $10 billion to ${i} billion,” he said" for i in range(n_quotes)],
            "match": match,
            "similarity": np.where(
                np.isin(match, ["exact", "near"]), 80 + np.arange(n_quotes) % 20, np.nan
            ),
        }
    )


def rates(n_docs):
    rows = [
        (d, f, c, (i + j) % 5, 1000 + i)
        for i, d in enumerate(_ids(n_docs))
        for f, cats in (("modality", ("deontic", "epistemic")), ("stance", ("hedge", "booster")))
        for j, c in enumerate(cats)
    ]
    table = pd.DataFrame(rows, columns=["doc_id", "feature", "category", "n", "n_words"])
    return table.assign(per_1k=table["n"] / table["n_words"] * 1000)


def matches(n_docs):
    n = n_docs * 3
    return pd.DataFrame(
        {
            "feature": np.array(["reporting", "actors", "agents"])[np.arange(n) % 3],
            "term": [f"x{i % 97}" for i in range(n)],
            "category": "speech",
            "sentence_speaker": pd.Series([f"S{i % 89}" for i in range(n)], dtype="str"),
        }
    )


def feature_sentences(n_sentences):
    return pd.DataFrame(
        {
            "doc_id": "d0000",
            "sentence_id": np.arange(1, n_sentences + 1),
            "voice": _voices(n_sentences),
            "modality_deontic": np.arange(n_sentences) % 3,
            "stance_hedge": np.arange(n_sentences) % 2,
        }
    )


def selection(n_docs):
    ks = np.arange(2, 2 + min(n_docs, 40))
    wave = np.sin(ks)
    return pd.DataFrame(
        {
            "method": pd.Series("nmf", index=range(len(ks)), dtype="str"),
            "k": ks,
            **{m: 0.5 + wave / 4 for m in ("coherence", "stability_terms", "stability_ari")},
            **{f"{m}_se": 0.05 for m in ("coherence", "stability_terms", "stability_ari")},
            "silhouette": np.nan,
            "worst_coherence": ks == ks[np.argmin(wave)],
            "selected": ks == ks[np.argmax(wave)],
            "clearly_supported": False,
        }
    )


def topic_terms(n_docs, *, per_topic=10):
    k = n_docs // 10 + 2  # 102 topics at 1,000 documents: more than one figure can name
    rows = [(t, r, f"term{t}_{r}", 1 / (r + 1), r % 7 + 1)
            for t in range(1, k + 1) for r in range(1, per_topic + 1)]  # fmt: skip
    return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight", "n_texts"])


def topic_assignments(n_docs, *, per_doc=1, k=5):
    n = n_docs * per_doc
    shares = np.abs(np.sin(np.outer(np.arange(1, n + 1), np.arange(1, k + 1))))
    shares /= shares.sum(axis=1, keepdims=True)
    table = pd.DataFrame({"doc_id": np.repeat(_ids(n_docs), per_doc)})
    if per_doc > 1:
        table["paragraph_id"] = np.tile(np.arange(1, per_doc + 1), n_docs)
    return table.assign(
        topic=pd.array(shares.argmax(axis=1) + 1, dtype="Int64"), weight=shares.max(axis=1)
    ).join(pd.DataFrame(shares, columns=[f"topic_{t}" for t in range(1, k + 1)]))


def unit_voices(n_docs, *, per_doc=1):
    table = topic_assignments(n_docs, per_doc=per_doc)
    ids = [c for c in table.columns if c.endswith("_id")]
    n = len(table)
    return table[ids].assign(
        n_words=np.arange(n) % 50 + 10,
        share_author=0.5,
        share_quote=np.arange(n) % 3 / 6,
        share_reported=0.5 - np.arange(n) % 3 / 6,
    )


def clusters(n_docs):
    n_clusters = 15
    return pd.DataFrame(
        {
            "doc_id": _ids(n_docs),
            "cluster": pd.array(np.arange(n_docs) % n_clusters + 1, dtype="Int64"),
            "similarity": 0.5,
            "x": np.cos(np.arange(n_docs)),
            "y": np.sin(np.arange(n_docs) * 1.3),
        }
    )
