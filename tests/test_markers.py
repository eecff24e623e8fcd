"""analysis.discourse.markers on fictional sentences counted by hand: modality, person deixis,
stance, nominalisation and reporting verbs, with the exceptions each rule exists for."""

import pytest
from _discourse import corpus_of, found


# -- modality ---------------------------------------------------------------------------------
def test_modality_by_category():
    text = "We must act. They may agree, you can go and it will rain. Tomorrow we need to talk."
    assert found(text, "modality") == [
        ("must", "deontic"),
        ("may", "epistemic"),
        ("can", "dynamic"),
        ("will", "prediction"),
        ("need to", "deontic"),
    ]


def test_the_noun_will_and_the_noun_need_are_not_modals():
    # "the will of the people", "the political will", "the need to": nouns after a determiner
    # or a not_after word; the modal "will" in the same sentence still counts
    text = "The will of the people is clear, the political will is weak and the need to act grows."
    assert found(text, "modality") == []
    assert found("The will of the people will prevail.", "modality") == [("will", "prediction")]


def test_may_with_a_capital_inside_a_sentence_is_the_month():
    assert found("In May we should meet. May they agree.", "modality") == [
        ("should", "deontic"),
        ("May", "epistemic"),
    ]


def test_contracted_and_negated_modals_count_once():
    assert found("We’ll go, we cannot stay and we must not wait.", "modality") == [
        ("’ll", "prediction"),
        ("cannot", "dynamic"),
        ("must not", "deontic"),
    ]


# -- person deixis ----------------------------------------------------------------------------
def test_pronouns_by_person_and_us_the_country_is_not_us():
    text = "We and our friends told them that US ships and you will help us. I thank her."
    assert found(text, "person_deixis") == [
        ("We", "first_plural"),
        ("our", "first_plural"),
        ("them", "third_plural"),
        ("you", "second"),
        ("us", "first_plural"),
        ("I", "first_singular"),
        ("her", "third_singular"),
    ]


# -- stance -----------------------------------------------------------------------------------
def test_stance_boosters_intensifiers_attitude_and_hedges():
    text = "It is generally believed that this is a major step, and we firmly and surely agree."
    assert found(text, "stance") == [
        ("It is generally believed", "hedge"),
        ("major", "attitude"),
        ("firmly", "intensifier"),
        ("surely", "booster"),
    ]


# -- nominalisation ---------------------------------------------------------------------------
def test_nominalisation_suffixes_and_the_exceptions():
    text = (
        "The nation and the station saw cooperation, development, fairness, stability, "
        "tolerance and a proposal on law-enforcement documents in the city."
    )
    assert found(text, "nominalisation") == [
        ("cooperation", "tion_sion"),
        ("development", "ment"),
        ("fairness", "ness"),
        ("stability", "ity"),
        ("tolerance", "ance_ence"),
        ("proposal", "other"),
        ("law-enforcement", "ment"),
    ]


def test_a_suffix_needs_three_letters_before_it():
    # "mention" has four letters before -tion; "ration" only two; "cement" is an exception
    assert found("A mention of ration and cement.", "nominalisation") == [("mention", "tion_sion")]


# -- reporting verbs --------------------------------------------------------------------------
REPORTING = (
    "“We act,” Kell said. The member states met. Osk called on Varn to wait. "
    "Tam believes that rain helps. Tam supports the plan. Ula agreed with Tam."
)


def test_reporting_verbs_report_and_nouns_and_plain_verbs_do_not():
    # "states" (a noun after "member") and "supports the plan" (no content) are not reporting
    assert found(REPORTING, "reporting") == [
        ("said", "speech"),
        ("called on", "speech"),
        ("believes", "cognition"),
        ("agreed", "stance"),
    ]


def test_a_reporting_verb_carries_the_lemma_and_its_sentences_source():
    from analysis.discourse.features import discourse_features

    matches = discourse_features(corpus_of(REPORTING), features="reporting").matches
    assert matches["term"].tolist() == ["say", "call on", "believe", "agree"]
    # "Kell said" is the author's frame around Kell's words: voice author, source Kell
    assert matches["voice"].astype(str).tolist()[0] == "author"
    assert matches["sentence_speaker"].tolist()[0] == "Kell"


def test_impersonal_reporting_has_no_source():
    from analysis.discourse.features import discourse_features

    text = "It is widely believed that the pact will hold."
    matches = discourse_features(corpus_of(text), features="reporting").matches
    assert matches["text"].tolist() == ["believed"]
    assert matches["sentence_speaker"].isna().all()


@pytest.mark.parametrize(
    "text",
    ["Tam said: “Rain helps.”", "Tam stressed that rain helps.", "Tam urged Osk to wait."],
)
def test_reported_content_after_the_verb(text):
    assert len(found(text, "reporting")) == 1
