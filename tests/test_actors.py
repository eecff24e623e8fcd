"""analysis.discourse.actors: countries from pycountry (with aliases and adjectives), organisations,
groups, persons from the voice rules' speakers, and the agent heuristic, on fictional sentences."""

from _discourse import corpus_of, found

from analysis.discourse.actors import country_names, persons_among
from analysis.discourse.features import discourse_features


def test_country_names_come_from_iso_3166_with_short_forms():
    names = country_names()
    assert names["Iran"] == ("IRN", "Iran")  # short form of "Iran, Islamic Republic of"
    assert names["Russian Federation"] == ("RUS", "Russian Federation")
    assert names["Viet Nam"] == names["Vietnam"] == ("VNM", "Vietnam")  # common_name
    assert len({code for code, _ in names.values()}) == 249


def test_countries_by_name_alias_and_adjective_as_written():
    text = "Russian officials met Chinese envoys in Russia and Viet Nam. They ate turkey."
    matches = discourse_features(corpus_of(text), features="actors").matches
    assert list(zip(matches["text"], matches["term"], matches["detail"], strict=True)) == [
        ("Russian", "Russian Federation", "RUS"),
        ("Chinese", "China", "CHN"),
        ("Russia", "Russian Federation", "RUS"),
        ("Viet Nam", "Vietnam", "VNM"),
    ]  # "turkey" in lower case is the bird, and "They" is a pronoun, not an actor


def test_organisations_match_as_written_and_groups_on_lower_case():
    text = "The WHO, who knows, and the member states met the United Nations and Terrorists."
    assert found(text, "actors") == [
        ("WHO", "organisation"),
        ("member states", "group"),
        ("United Nations", "organisation"),
        ("Terrorists", "group"),
    ]


def test_persons_are_the_speakers_that_look_like_names():
    speakers = ["Lona Varn", "China", "the outcome document", "Critics", "The Scripture", "So I"]
    assert persons_among([*speakers, None]) == ["Lona Varn"]
    text = "“We act,” said President Lona Varn. Varn left."
    assert found(text, "actors") == [("Lona Varn", "person"), ("Varn", "person")]


def test_an_actors_exception_removes_a_country_name(tmp_path):
    from analysis.paths import LEXICONS_DIR

    (tmp_path / "actors.tsv").write_text(
        (LEXICONS_DIR / "actors.tsv").read_text("utf-8") + "exception\tChad\n", encoding="utf-8"
    )
    assert found("Chad and Mali met.", "actors", lexicons=tmp_path) == [("Mali", "country")]


def agents(text):
    matches = discourse_features(corpus_of(text), features="agents").matches
    details = matches["detail"].astype(object).where(matches["detail"].notna(), None)
    return list(zip(matches["text"], matches["category"], details, strict=True))


def test_agents_are_subjects_before_a_verb_group_and_by_phrases():
    text = (
        "The member states will meet. These plans were approved by the member states. "
        "We need rain. The plans of the member states are old."
    )
    assert agents(text) == [
        ("member states", "group", "subject"),
        ("member states", "group", "by-phrase"),
        ("We", "pronoun", "subject"),
    ]  # "of the member states" is inside a prepositional phrase: not an agent


def test_adjacent_actors_are_one_agent_and_bare_ed_words_need_a_clause_start():
    text = "The SCO members have met. We support countries concerned. Delegates arrived."
    assert agents(text) == [
        ("SCO members", "group", "subject"),
        ("We", "pronoun", "subject"),
        ("Delegates", "group", "subject"),
    ]  # "countries concerned": -ed after a verb, not a clause start


def test_agents_need_the_actors_but_do_not_report_them():
    result = discourse_features(corpus_of("China will act."), features="agents")
    assert result.matches["feature"].astype(str).unique().tolist() == ["agents"]
    assert result.matches["term"].tolist() == ["China"]
