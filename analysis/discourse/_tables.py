"""Tables of the discourse features (private): matches, sentences, denominators, provenance.

:func:`analysis.discourse_features` finds the matches; this module lays them out in the
tables of ``DiscourseFeatures``, with the contract's dtypes and a stable order.
"""

from __future__ import annotations

from importlib.metadata import version

import numpy as np
import pandas as pd

from analysis.discourse import markers
from analysis.paths import LEXICONS_DIR
from analysis.resources import resource_version

FEATURES = (
    "modality",
    "person_deixis",
    "stance",
    "nominalisation",
    "reporting",
    "actors",
    "agents",
    "intertextuality",
)
MATCH_COLUMNS = [
    "doc_id", "paragraph_id", "sentence_id", "token_id", "n_tokens", "feature", "category",
    "text", "term", "detail", "voice", "speaker", "sentence_voice", "sentence_speaker",
]  # fmt: skip


def _categories(chosen, lex) -> pd.DataFrame:
    rows = []
    for feature in chosen:
        if feature == "reporting":
            names = markers.REPORTING_CATEGORIES
        elif feature == "agents":
            names = (*lex["agents"].categories, "pronoun")
        else:
            names = lex[feature].categories
        rows.extend((feature, name) for name in names)
    return pd.DataFrame(rows, columns=["feature", "category"]).astype("str")


def _provenance(chosen, lex) -> pd.DataFrame:
    rows = []
    for feature in chosen:
        if feature == "reporting":
            path = LEXICONS_DIR / "reporting_verbs.txt"
            rows.append((feature, path.name, resource_version(path), "see the file's header"))
        else:
            sources = lex[feature].sources
            if feature in ("actors", "agents"):
                sources = f"{sources} pycountry {version('pycountry')}."
            rows.append((feature, lex[feature].path.name, lex[feature].version, sources))
    return pd.DataFrame(rows, columns=["feature", "file", "version", "sources"]).astype("str")


def build(tokens, sentences, records, chosen, lex) -> dict[str, pd.DataFrame]:
    """The tables of a :class:`analysis.DiscourseFeatures`, from the matches found."""
    table = tokens
    rows, n_tokens, features, categories, texts, terms, details = (
        map(list, zip(*records, strict=True)) if records else ([],) * 7
    )
    at = table.iloc[np.array(rows, dtype=np.int64)]
    matches = pd.DataFrame(
        {
            "doc_id": at["doc_id"].astype("str").to_numpy(),
            "paragraph_id": at["paragraph_id"].to_numpy(dtype=np.int64),
            "sentence_id": at["sentence_id"].to_numpy(dtype=np.int64),
            "token_id": at["token_id"].to_numpy(dtype=np.int64),
            "n_tokens": np.array(n_tokens, dtype=np.int64),
            "feature": features,
            # str even when there is no match: pyarrow's strings cannot be added to floats
            "category": pd.array(categories, dtype="str"),
            "text": pd.array(texts, dtype="str"),
            "term": pd.array(terms, dtype="str"),
            "detail": pd.array(details, dtype="str"),
            "voice": at["voice"].to_numpy(),
            "speaker": pd.array(at["speaker"].to_numpy(), dtype="str"),
        }
    )
    labels = sentences[["doc_id", "sentence_id", "voice", "speaker"]].rename(
        columns={"voice": "sentence_voice", "speaker": "sentence_speaker"}
    )
    matches = matches.merge(labels, on=["doc_id", "sentence_id"], how="left")
    matches["feature"] = pd.Categorical(matches["feature"], categories=list(FEATURES))
    for column in ("voice", "sentence_voice"):
        matches[column] = pd.Categorical(matches[column], categories=_voices(tokens))
    matches = matches.sort_values(
        ["doc_id", "token_id", "feature", "n_tokens"], kind="stable"
    ).reset_index(drop=True)[MATCH_COLUMNS]
    categories = _categories(chosen, lex)
    return {
        "matches": matches,
        "sentences": _per_sentence(tokens, sentences, matches, categories),
        "categories": categories,
        "lexicons": _provenance(chosen, lex),
        "words": _words(tokens),
    }


def _voices(tokens: pd.DataFrame) -> list[str]:
    voice = tokens["voice"]
    return list(voice.cat.categories) if isinstance(voice.dtype, pd.CategoricalDtype) else None


def _words(tokens: pd.DataFrame) -> pd.DataFrame:
    words = tokens[tokens["is_word"].to_numpy(dtype=bool)]
    keys = ["doc_id", "sentence_id", "voice", "speaker"]
    table = (
        words.groupby(keys, dropna=False, observed=True, sort=True)
        .size()
        .rename("n_words")
        .reset_index()
    )
    # the token table's categoricals stay inside: results keep the contract's str columns
    return table.astype({"doc_id": "str", "speaker": "str"})


def _per_sentence(tokens, sentences, matches, categories) -> pd.DataFrame:
    keys = ["doc_id", "sentence_id"]
    base = sentences[["doc_id", "paragraph_id", "sentence_id", "voice", "speaker"]].copy()
    n_words = tokens[tokens["is_word"].to_numpy(dtype=bool)].groupby(keys, observed=True).size()
    n_words = n_words.rename("n_words").reset_index().astype({"doc_id": "str"})
    base = base.astype({"doc_id": "str"}).merge(n_words, on=keys, how="left")
    base["n_words"] = base["n_words"].fillna(0).astype("int64")
    names = [f"{f}_{c}" for f, c in zip(categories["feature"], categories["category"], strict=True)]
    wide = (
        matches.assign(column=matches["feature"].astype(str) + "_" + matches["category"])
        .groupby([*keys, "column"])
        .size()
        .unstack("column")
        .reindex(columns=names)
    )
    out = base.merge(wide.reset_index(), on=keys, how="left")
    out[names] = out[names].fillna(0).astype("int64")
    out = out.assign(text=sentences["text"].to_numpy())
    return out.sort_values(keys, kind="stable").reset_index(drop=True)
