"""The voice rules on real speeches: agreement with the speeches gold, and no invented speakers.

The corpus is the 124 benchmark speeches (``speech_corpus``, skipped when the folder is absent).
Their sentences are labelled here with each document's ``speakers`` and ``genre`` passed to
``build_tables`` (``load_corpus`` passes them once load.py threads the metadata through).

Figures on 2026-12-02 (``pytest tests/test_voice_speeches.py -s``), 498 gold sentences (the whole
sample: 398 with quotation marks, 50 with a reporting verb, 50 at random):

    gold      author  quote  reported  All
    rules
    author       288      7        26  321
    quote          3    162         2  167
    reported       0      0        10   10

agreement 460/498 = 92.4% (target 95%: not reached), quote precision 97.0% / recall 95.9%,
reported precision 10/10, recall 10/38 = 26.3%. Before the two rule changes of that day (a
quotation reopened at each line; a complement between the reporting verb and the quotation):
451/498 = 90.6%, reported recall 6/38. Most remaining misses are sentences that frame an
attributed quotation but are mostly outside it with a frame the rules cannot parse (an
appositive between source and verb, an unlisted source noun, no colon: "X said the struggle
“is ...”"), which the guidelines label ``reported``. Distinct speakers on the 124 speeches: 338
with the news rules, 55 before these changes, 60 after, none longer than six words.
"""

import pandas as pd
import pytest

from analysis.corpus.tables import build_tables
from analysis.corpus.voice import SAYING
from analysis.paths import DATA_DIR

GOLD = DATA_DIR / "gold" / "voice_speeches.csv"


@pytest.fixture(scope="module")
def speech_sentences(speech_corpus):
    documents = speech_corpus.documents
    metadata = {
        row.doc_id: {"speakers": row.speakers, "genre": row.genre} for row in documents.itertuples()
    }
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    return build_tables(texts, metadata=metadata)[1]


@pytest.fixture(scope="module")
def compared(speech_sentences):
    gold = pd.read_csv(GOLD, comment="#", dtype={"speaker": str}, keep_default_na=False)
    auto = speech_sentences.assign(
        voice=speech_sentences["voice"].astype(str), speaker=speech_sentences["speaker"].fillna("")
    )
    merged = gold.merge(auto, on=["doc_id", "start", "end"], how="left", suffixes=("", "_auto"))
    return merged


def confusion(compared: pd.DataFrame) -> pd.DataFrame:
    return pd.crosstab(compared["voice_auto"], compared["voice"], margins=True).rename_axis(
        index="rules", columns="gold"
    )


def test_gold_sentences_are_sentences_of_the_corpus(compared):
    missing = compared[compared["voice_auto"].isna()]
    assert missing.empty, f"segmentation changed: re-check gold rows {missing.index.tolist()}"


def test_agreement_and_precision_on_the_speeches_gold(compared):
    agree = compared["voice"] == compared["voice_auto"]
    print(f"\nspeeches: voice agreement {agree.sum()}/{len(agree)} = {agree.mean():.1%}")
    print(confusion(compared).to_string())
    for label in ("quote", "reported"):
        predicted = compared["voice_auto"] == label
        actual = compared["voice"] == label
        precision = (predicted & actual).sum() / max(predicted.sum(), 1)
        recall = (predicted & actual).sum() / max(actual.sum(), 1)
        print(f"{label}: precision {precision:.1%}, recall {recall:.1%}")
    # the target is 95%; measured 460/498 = 92.4% (quote precision 97.0%, reported
    # recall 10/38): this floor keeps the figure from slipping until the rules reach the target
    assert agree.mean() >= 0.92
    assert (compared["voice_auto"] == "quote").sum() == 0 or (
        (compared["voice_auto"] == "quote") & (compared["voice"] == "quote")
    ).sum() / (compared["voice_auto"] == "quote").sum() >= 0.90


def test_no_invented_speaker_in_the_speeches(speech_corpus, speech_sentences):
    speakers = speech_sentences["speaker"].dropna()
    lengths = speakers.str.split().str.len()
    assert lengths.max() <= 6, speakers[lengths > 6].unique().tolist()
    own = speech_sentences.merge(speech_corpus.documents[["doc_id", "speakers"]], on="doc_id")
    own = own[own["speaker"].notna()]
    # a speech's own speaker speaks only in quotations of their own words, never 'reported'
    is_self = own["speaker"] == own["speakers"]
    assert (own.loc[is_self, "voice"] == "quote").all()
    first_words = speakers.str.split().str[0].str.lower()
    assert not first_words.isin(["i", "we", "yet", "so", "and", "but", "then", "tonight"]).any()
    print(f"\n{speakers.nunique()} distinct speakers, {(speakers == SAYING).sum()} '(saying)'")
