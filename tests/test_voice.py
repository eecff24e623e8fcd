"""Voice and speaker rules on crafted sentences (see data/annotation_guidelines.md)."""

import pytest

from analysis.corpus.segment import split_paragraphs, split_sentences
from analysis.corpus.voice import SAYING, find_quotations, label_sentences


def labels(text):
    paragraphs = split_paragraphs(text)
    return label_sentences(text, paragraphs, split_sentences(text, paragraphs))[0]


def quotations(text):
    paragraphs = split_paragraphs(text)
    found = find_quotations(text, paragraphs, split_sentences(text, paragraphs))
    return [(text[q.start : q.end], q.speaker) for q in found]


INTRO = "Chinese President Xi Jinping spoke at the summit. "


def test_quote_attributed_after_resolves_short_name_to_full_name():
    assert labels(INTRO + "“We need trust,” Xi said.")[1] == ("quote", "Xi Jinping")


def test_inverted_attribution_and_straight_quotes():
    assert labels(INTRO + '"We need trust," said Xi.')[1] == ("quote", "Xi Jinping")


def test_attribution_before_the_quotation():
    assert labels(INTRO + "Xi said: “We need trust.”")[1] == ("quote", "Xi Jinping")


def test_pronoun_attribution_takes_the_last_named_person():
    text = INTRO + "“We act,” Xi said. “We also wait,” he added."
    assert [label for label in labels(text)[1:]] == [("quote", "Xi Jinping")] * 2


def test_every_sentence_of_a_multi_sentence_quotation_is_a_quote():
    text = INTRO + "“Security comes first. We need trust. We act,” Xi said."
    assert labels(text)[1:] == [("quote", "Xi Jinping")] * 3


def test_quotation_over_two_paragraphs_is_one_quotation():
    text = INTRO + "“Security comes first.\n\n“We act together,” Xi said."
    assert labels(text)[1:] == [("quote", "Xi Jinping")] * 2
    assert [q[1] for q in quotations(text)] == ["Xi Jinping", "Xi Jinping"]


def test_title_in_quotation_marks_is_not_a_quotation():
    text = "The summit adopted the “Moscow Declaration of the Council of Heads of State”."
    assert quotations(text) == []
    assert labels(text) == [("author", None)]


def test_scare_quotes_are_not_a_quotation():
    assert quotations("They call it a “community of security for all” now.") == []


def test_unattributed_quotation_takes_the_previous_speaker():
    text = INTRO + "“We act,” Xi said.\n\n“We never wait.”"
    assert labels(text)[-1] == ("quote", "Xi Jinping")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Xi called on countries to work closely.", ("reported", "Xi Jinping")),
        (
            "At last year’s summit in Bishkek, Xi called for making the SCO an example.",
            ("reported", "Xi Jinping"),
        ),
        ("China has called on the member states to act.", ("reported", "China")),
        (
            "The international community believes that these propositions are right.",
            ("reported", "international community"),
        ),
        (
            "Russian President Vladimir Putin fully agreed with the proposals, saying that Russia "
            "supports them.",
            ("reported", "Vladimir Putin"),
        ),
        (
            "Foreign Minister Ines Dapo of Kestria agreed with the proposal, saying that she "
            "supports it.",
            ("reported", "Ines Dapo"),
        ),
        ("According to the ministry, trade grew.", ("reported", "ministry")),
        ("It is generally believed that the stance is important.", ("author", None)),
        ("These proposals were warmly received by all sides.", ("author", None)),
        ("Xi put forward a major initiative.", ("author", None)),
        ("Let us keep faith with the promises we made.", ("author", None)),
        ("I say that cooperation works.", ("author", None)),
        ("Some say that cooperation is slow.", ("author", None)),
    ],
)
def test_reported_speech_needs_a_source_a_reporting_verb_and_content(sentence, expected):
    assert labels(INTRO + sentence)[1] == expected


def test_mostly_author_sentence_with_a_short_quotation_is_reported_by_the_quoted_speaker():
    text = INTRO + "Xi said “yes” to the plan and then turned to trade and the economy at length."
    assert labels(text)[1] == ("reported", "Xi Jinping")


def test_text_without_quotations_is_all_author():
    assert labels("Peace matters. Trade grows.") == [("author", None), ("author", None)]


def test_unclosed_quotation_closes_at_the_paragraph_end():
    text = INTRO + "“We act now, Xi said.\n\nTrade grows."
    assert labels(text)[-1] == ("author", None)


def test_quotation_reopened_at_each_line_of_one_paragraph_is_one_quotation():
    # lines inside one paragraph, each reopened with a straight mark, the last one closed
    text = INTRO + 'Xi said:\n"Trade will grow.\n"Peace will last.\n"We will act together."'
    assert labels(text)[1:] == [("quote", "Xi Jinping")] * 3


def test_mark_alone_at_a_line_start_closes_the_quotation():
    text = INTRO + 'Xi said: "We will act.\n" \nTrade grew in the year that followed it.'
    assert labels(text)[-1] == ("author", None)


@pytest.mark.parametrize(
    "frame",
    ["Xi said to the delegates:", "Xi told the summit,", "Xi declared this:", "Xi said, in 2019:"],
)
def test_attribution_with_a_complement_before_the_quotation(frame):
    text = INTRO + f"At the opening session of the summit in the capital, {frame} “We act.”"
    assert labels(text)[1] == ("reported", "Xi Jinping")
    assert quotations(text) == [("“We act.”", "Xi Jinping")]


def test_a_naming_verb_with_a_complement_is_not_an_attribution():
    text = INTRO + "Xi described the plan as a “community of security for all”, once more."
    assert labels(text)[1] == ("author", None)


def test_words_joined_by_a_dash_count_as_two_words():
    # 11 words outside the marks, 11 inside once "struggle--no" counts as two words
    text = (
        "In the year after the war on poverty began, I warned, "
        '"It is a long struggle--no one weapon will win it."'
    )
    paragraphs = split_paragraphs(text)
    sentences = split_sentences(text, paragraphs)
    labelled = label_sentences(text, paragraphs, sentences, speakers=["Roe"], genre="speech")[0]
    assert labelled == [("quote", "Roe")]


def test_a_quotation_that_ends_inside_a_nested_quotation_is_speech():
    text = INTRO + "“We act,” Xi said.\n\n“Please tell them, ‘We believe in you.’”"
    assert labels(text)[-1] == ("quote", "Xi Jinping")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ideas like the free market as an engine of progress and, as an ancient philosopher, "
            "Lao-tzu, said, “Govern a great nation gently.”",
            ("reported", "Lao-tzu"),
        ),
        (
            "President Dwight Eisenhower, who fought in the war, said the struggle is long.",
            ("reported", "Dwight Eisenhower"),
        ),
        ("Kathy Blackwell, of Massachusetts, wrote me, saying that times were hard.", None),
        ("We, the people, declare today that all of us are equal.", ("author", None)),
        ("One official said many of them were confident.", ("reported", "official")),
        ("Our task, to use the words of Senator Humphrey, is reconciliation.", None),
        ("A free nation--as Abraham Lincoln once said--must respect its laws.", None),
        ("President Truman could say in surveying the troubles that they were small.", None),
        ("Truman said that. Later he took me by the arm and he said that he was proud.", None),
    ],
)
def test_a_source_separated_from_its_verb(sentence, expected):
    # the source is found past an appositive, a relative clause, a place, a dash or a modal
    text = "President Harry S. Truman and Senator Hubert Humphrey spoke. " + sentence
    paragraphs = split_paragraphs(text)
    labelled = label_sentences(
        text, paragraphs, split_sentences(text, paragraphs), speakers=["Roe"], genre="speech"
    )[0]
    if expected is None:
        assert labelled[-1][0] == "reported"
    else:
        assert labelled[1] == expected


def test_quoted_phrases_of_one_series_are_one_quotation():
    text = INTRO + "We must be both “sure we are right” and “make haste slowly.”"
    assert labels(text)[1] == ("quote", SAYING)
    text = INTRO + "Two phrases still sound: “all men are equal”--“give me liberty or death.”"
    assert [q for q, _ in quotations(text)] == [
        "“all men are equal”",
        "“give me liberty or death.”",
    ]


def test_a_word_or_two_with_a_comma_inside_the_marks_is_a_term_not_speech():
    text = "They are words like “justice,” “equality,” “unity,” “truth,” and “love.”"
    assert quotations(text) == []
    assert labels(text) == [("author", None)]


@pytest.mark.parametrize(
    ("frame", "speaker"),
    [
        ("After the war, Virginia statesman John Page wrote to Thomas Jefferson:", "John Page"),
        ("Long ago the poet Henry Longfellow wrote to a friend:", "Henry Longfellow"),
        ("As the oldest American saying puts it:", None),
    ],
)
def test_a_descriptive_noun_before_a_name_leaves_the_name_as_source(frame, speaker):
    text = f"The growing nation was young. {frame} “We know the race is not to the swift.”"
    found = quotations(text)
    assert [q[1] for q in found] == [speaker or SAYING]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Steven and Josefina tell me they pay too much tax.", ("reported", "Steven and Josefina")),
        ("Steven and Josefina told them the whole story.", ("author", None)),
    ],
)
def test_that_may_be_left_out_after_an_indirect_object(sentence, expected):
    assert labels(INTRO + sentence)[1] == expected


def test_a_quotation_inside_reported_speech_has_the_reported_source():
    text = INTRO + "At the summit last year, Xi said the struggle “is not merely man against man.”"
    assert quotations(text) == [("“is not merely man against man.”", "Xi Jinping")]
    assert labels(text)[1] == ("reported", "Xi Jinping")
