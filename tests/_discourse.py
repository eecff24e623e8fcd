"""Hand-written fictional texts made into corpus tables, for the discourse-feature tests."""

from types import SimpleNamespace

from analysis.corpus.tables import build_tables


def corpus_of(*texts: str) -> SimpleNamespace:
    """A corpus-like object (``sentences``, ``tokens``) with documents ``d1``, ``d2`` ..."""
    _, sentences, tokens = build_tables({f"d{i}": text for i, text in enumerate(texts, 1)})
    return SimpleNamespace(sentences=sentences, tokens=tokens)


def found(text: str, feature: str, **options) -> list[tuple[str, str]]:
    """``(text, category)`` of every match of one feature in one text, in reading order."""
    from analysis.discourse.features import discourse_features

    matches = discourse_features(corpus_of(text), features=feature, **options).matches
    return list(zip(matches["text"], matches["category"], strict=True))
