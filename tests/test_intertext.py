"""analysis.discourse.intertext: named documents, mentioned documents and anchored events, by
hand."""

from _discourse import corpus_of

from analysis.discourse.features import discourse_features

TEXT = (
    "At the Harbour summit in Port Alvar in 2019, leaders signed the Charter of Open Waters. "
    "Last year’s forum in Velt was calm. The meeting ended. The outcome document was short. "
    "Tam praised the “Declaration of Velt” and the 3rd Assembly of Ports on Nov. 3."
)


def references(text=TEXT):
    matches = discourse_features(corpus_of(text), features="intertextuality").matches
    details = matches["detail"].astype(object).where(matches["detail"].notna(), None)
    return list(zip(matches["text"], matches["category"], details, strict=True))


def test_references_by_hand():
    assert references() == [
        ("Harbour summit in Port Alvar in 2019", "event", "place=Port Alvar; time=2019"),
        ("Charter of Open Waters", "named_document", None),
        ("Last year’s forum in Velt", "event", "place=Velt; time=Last year’s"),
        ("outcome document", "document", None),
        ("Declaration of Velt", "named_document", None),
        ("3rd Assembly of Ports on Nov. 3", "event", "time=3rd"),
    ]  # "The meeting ended": an event noun with no place or time is not counted


def test_a_title_never_swallows_the_full_stop_or_a_leading_the():
    assert references("The Global Initiative on Data Security. Our Harbour Charter holds.") == [
        ("Global Initiative on Data Security", "named_document", None),
        ("Harbour Charter", "named_document", None),
    ]


def test_a_single_capitalised_head_word_is_not_a_title():
    # one capitalised word is not a title: both are documents mentioned without a name
    assert references("Declaration is hard. They signed a declaration.") == [
        ("Declaration", "document", None),
        ("declaration", "document", None),
    ]
