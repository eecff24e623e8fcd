"""The project's own linguistic resources: versioned, and true to the documented policy."""

import nltk
import pytest

from analysis.paths import LEXICONS_DIR, NLTK_DATA_DIR, RESOURCES_DIR
from analysis.resources import (
    abbreviations,
    nltk_data_dir,
    reporting_verbs,
    resource_version,
    stopwords,
    titles,
)


@pytest.mark.parametrize(
    "path",
    [
        RESOURCES_DIR / "stopwords.txt",
        RESOURCES_DIR / "abbreviations.txt",
        RESOURCES_DIR / "titles.txt",
        RESOURCES_DIR / "salutations.txt",
        RESOURCES_DIR / "source_nouns.tsv",
        RESOURCES_DIR / "discourse_markers.txt",
        RESOURCES_DIR / "state_names.tsv",
        RESOURCES_DIR / "family_name_first.txt",
        LEXICONS_DIR / "reporting_verbs.txt",
    ],
    ids=lambda path: path.name,
)
def test_every_resource_file_is_versioned(path):
    assert resource_version(path).startswith("1.0")


@pytest.mark.parametrize(
    "word",
    [
        "we",
        "us",
        "our",
        "they",
        "them",
        "their",
        "i",
        "you",
        "it",
        "must",
        "need",
        "should",
        "will",
        "shall",
        "can",
        "may",
        "might",
        "would",
        "could",
        "not",
        "n't",
        "no",
        "never",
        "all",
    ],
)
def test_stopwords_keep_what_discourse_analysis_studies(word):
    assert word not in stopwords()


@pytest.mark.parametrize("word", ["the", "a", "of", "and", "in", "to", "is", "are", "'s"])
def test_stopwords_hold_function_words(word):
    assert word in stopwords()


def test_stopwords_are_lower_case_single_words():
    assert all(word == word.lower() and " " not in word for word in stopwords())


def test_abbreviations_separate_those_that_need_a_number():
    known = abbreviations()
    assert {"nov.", "mr.", "u.s.", "e.g."} <= known.always
    assert {"no.", "art."} <= known.before_number
    assert not known.always & known.before_number
    assert "nov" in known.punkt_types and "u.s" in known.punkt_types


def test_titles_and_reporting_verbs():
    assert "president" in titles()
    assert reporting_verbs()["emphasized"] == ("emphasize", "speech")
    assert reporting_verbs()["believes"] == ("believe", "cognition")


def test_nltk_data_dir_is_on_nltks_path_without_disabling_its_checks():
    folder = nltk_data_dir()
    assert folder == NLTK_DATA_DIR and folder.is_dir()
    assert str(folder) in nltk.data.path
