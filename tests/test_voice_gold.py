"""Agreement of the automatic voice labels with the hand-annotated gold file of the seed."""

import pandas as pd
import pytest

from analysis.paths import DATA_DIR


@pytest.fixture(scope="module")
def compared(seed_corpus):
    gold = pd.read_csv(DATA_DIR / "gold" / "voice.csv", dtype=str, keep_default_na=False)
    gold["sentence_id"] = gold["sentence_id"].astype("int64")
    auto = seed_corpus.sentences.assign(speaker=seed_corpus.sentences["speaker"].fillna(""))
    merged = gold.merge(
        auto, on=["doc_id", "sentence_id"], how="outer", suffixes=("_gold", "_auto"), indicator=True
    )
    return merged


def test_gold_covers_exactly_the_segmented_sentences_with_the_same_text(compared):
    assert (compared["_merge"] == "both").all(), "gold and corpus sentences differ: re-check gold"
    changed = compared[compared["sentence"] != compared["text"]]
    assert changed.empty, f"segmentation changed at sentences {changed['sentence_id'].tolist()}"


def test_every_direct_quotation_is_labelled_right_with_its_speaker(compared):
    quotes = compared[(compared["voice_gold"] == "quote") | (compared["voice_auto"] == "quote")]
    assert len(quotes) == 4
    assert (quotes["voice_gold"] == quotes["voice_auto"].astype(str)).all()
    assert (quotes["speaker_gold"] == quotes["speaker_auto"]).all()


def test_overall_agreement_is_at_least_ninety_four_percent(compared):
    agree = compared["voice_gold"] == compared["voice_auto"].astype(str)
    agreement = agree.mean()
    print(f"voice agreement with gold: {agree.sum()}/{len(agree)} = {agreement:.1%}")
    assert agreement >= 0.94  # the target; 33/35 = 94.3% measured
    # the known disagreements are the free indirect continuations the rules cannot see
    assert compared.loc[~agree, "sentence_id"].tolist() == [27, 28]


def test_speakers_agree_wherever_voices_agree(compared):
    agree = compared[compared["voice_gold"] == compared["voice_auto"].astype(str)]
    assert (agree["speaker_gold"] == agree["speaker_auto"]).all()


@pytest.mark.parametrize("voice", ["quote", "reported"])
def test_precision_of_quote_and_reported_is_at_least_ninety_percent(compared, voice):
    # the target; measured 4/4 quote and 6/6 reported (recall 6/8: the two free
    # indirect continuations)
    predicted = compared["voice_auto"].astype(str) == voice
    correct = predicted & (compared["voice_gold"] == voice)
    assert predicted.any()
    assert correct.sum() / predicted.sum() >= 0.90
