"""Discourse features: who speaks, with what certainty and emphasis, about whom, quoting what.

:func:`discourse_features` finds eight features in every sentence, each from a lexicon the
project owns in ``data/lexicons/`` (versioned, with categories and sources) and a few rules
written up where they live:

===============  =============================================  =================================
feature          categories                                     rules
===============  =============================================  =================================
modality         deontic, epistemic, dynamic, prediction        :mod:`analysis.discourse.markers`
person_deixis    first_singular, first_plural, second,          :mod:`analysis.discourse.markers`
                 third_singular, third_plural
stance           booster, intensifier, attitude, hedge          :mod:`analysis.discourse.markers`
nominalisation   tion_sion, ment, ness, ity, ance_ence, other   :mod:`analysis.discourse.markers`
reporting        speech, cognition, stance                      :mod:`analysis.discourse.markers`
actors           country, organisation, group, person           :mod:`analysis.discourse.actors`
agents           country, organisation, group, person, pronoun  :mod:`analysis.discourse.actors`
intertextuality  named_document, document, event                :mod:`analysis.discourse.intertext`
===============  =============================================  =================================

What is counted
---------------
One *match* is one occurrence of an entry, however many tokens it spans ("need to" is one
deontic modal). Within a feature matches never overlap (the longest entry wins); across features
they may ("surely" is an epistemic modal and a booster). A match belongs to the voice and speaker
of its first token: tokens inside a direct quotation are the quoted speaker's, the frame around it
("Xi said") is the author's (``docs/CONTRACT.md``). Rates are matches per 1,000 words of the
group (words are tokens with ``is_word``), the normalisation of Biber et al. (1999: 263), with the
counts beside them so every rate can be checked. Rates on a few hundred words are unstable: a
single match in a 300-word voice is 3.3 per 1,000.

References
----------
Biber, D. et al. (1999). *Longman Grammar of Spoken and Written English*. Longman.
Fairclough, N. (2003). *Analysing Discourse: Textual Analysis for Social Research*. Routledge.
Hyland, K. (2005). Stance and engagement. *Discourse Studies* 7(2), 173-192.
Semino, E. & Short, M. (2004). *Corpus Stylistics*. Routledge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from analysis._checks import check_option
from analysis.discourse import actors as _actors
from analysis.discourse import markers
from analysis.discourse._matching import documents
from analysis.discourse._tables import FEATURES, Found, build
from analysis.discourse._tables import categories as _categories
from analysis.discourse.intertext import find_references
from analysis.discourse.lexicon import load_lexicon
from analysis.distributed.dispatch import distributable
from analysis.keyterms._counting import check_tokens
from analysis.levels import level_columns
from analysis.progress import progress

__all__ = ["FEATURES", "DiscourseFeatures", "Group", "discourse_features"]

#: the levels :meth:`DiscourseFeatures.rates` can group by
Group = Literal["document", "voice", "speaker"]
_FILES = {f: f for f in FEATURES} | {"reporting": "reporting_verbs", "agents": "actors"}
_TOKEN_COLUMNS = ("doc_id", "paragraph_id", "sentence_id", "token_id", "token", "norm", "kind")
_TOKEN_COLUMNS += ("start", "end", "is_word", "voice", "speaker")


@dataclass(frozen=True, repr=False)
class DiscourseFeatures:
    """What :func:`discourse_features` found: matches, a table per sentence, rates per group.

    Attributes
    ----------
    matches : DataFrame
        One row per match, in reading order: ``doc_id, paragraph_id, sentence_id, token_id``
        (its first token), ``n_tokens, feature, category, text`` (as written), ``term`` (the
        lexicon entry, lemma or canonical name), ``detail`` (ISO code of a country, suffix of a
        nominalisation, ``subject``/``by-phrase`` of an agent, place and time of an event),
        ``voice, speaker`` (of its first token), ``sentence_voice, sentence_speaker`` (of its
        sentence: for a reporting verb, the source it reports).
    sentences : DataFrame
        One row per sentence: ``doc_id, paragraph_id, sentence_id, voice, speaker, n_words``,
        one count column per ``<feature>_<category>`` (``modality_deontic`` ...), ``text``.
    categories : DataFrame
        ``feature, category``: every category counted, in display order.
    lexicons : DataFrame
        ``feature, file, version, sources``: the provenance of every count.
    words : DataFrame
        ``doc_id, sentence_id, voice, speaker, n_words``: the words of each sentence by the voice
        and speaker of each token, the denominators of :meth:`rates`.
    """

    matches: pd.DataFrame
    sentences: pd.DataFrame
    categories: pd.DataFrame
    lexicons: pd.DataFrame
    words: pd.DataFrame

    def __repr__(self) -> str:
        return (
            f"<DiscourseFeatures: {len(self.matches)} matches of "
            f"{self.categories['feature'].nunique()} features in {len(self.sentences)} sentences>"
        )

    def rates(self, by: Group | Sequence[Group] = "voice") -> pd.DataFrame:
        """Counts and rates per 1,000 words of every category, for each group.

        Parameters
        ----------
        by : {"voice", "speaker", "document"} or a list of them
            The grouping; a match counts in the group of its first token. The author's words have
            no speaker: their row has ``speaker`` NA.

        Returns
        -------
        DataFrame
            ``<by columns>, feature, category, n, n_words, per_1k``: one row per group and
            category, zeros included; ``per_1k = n / n_words * 1000``. Sorted by group, then
            the order of :attr:`categories`.

        Raises
        ------
        ValueError
            ``by='x' is not one of: 'document', 'voice', 'speaker'``.
        """
        keys = level_columns(by, allowed=Group)
        words = self.words.groupby(keys, dropna=False, observed=True, sort=True)["n_words"].sum()
        words = words[words > 0].reset_index()
        counts = (
            self.matches.groupby([*keys, "feature", "category"], dropna=False, observed=True)
            .size()
            .rename("n")
            .reset_index()
            .astype({"feature": "str", "category": "str"})
        )
        grid = words.merge(self.categories.assign(_order=range(len(self.categories))), how="cross")
        out = grid.merge(counts, on=[*keys, "feature", "category"], how="left")
        out["n"] = out["n"].fillna(0).astype("int64")
        out["per_1k"] = out["n"] / out["n_words"] * 1000
        order = [k for k in keys] + ["_order"]
        out = out.sort_values(order, na_position="last", kind="stable").drop(columns="_order")
        columns = [*keys, "feature", "category", "n", "n_words", "per_1k"]
        return out[columns].reset_index(drop=True)

    @property
    def by_voice(self) -> pd.DataFrame:
        """:meth:`rates` per voice (author, quote, reported)."""
        return self.rates("voice")

    @property
    def by_speaker(self) -> pd.DataFrame:
        """:meth:`rates` per speaker (NA: the author's own voice)."""
        return self.rates("speaker")

    @property
    def by_document(self) -> pd.DataFrame:
        """:meth:`rates` per document."""
        return self.rates("document")

    def of(self, feature: str) -> pd.DataFrame:
        """The matches of one feature (``feature='x' is not one of: ...`` otherwise)."""
        check_option("feature", feature, FEATURES)
        return self.matches[self.matches["feature"] == feature].reset_index(drop=True)


def _tables(corpus_or_tokens) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    tokens = getattr(corpus_or_tokens, "tokens", corpus_or_tokens)
    if not isinstance(tokens, pd.DataFrame):
        raise TypeError(
            "expected a Corpus from analysis.load_corpus() or its token table, "
            f"got {type(corpus_or_tokens).__name__}"
        )
    check_tokens(tokens, _TOKEN_COLUMNS)
    return tokens, getattr(corpus_or_tokens, "sentences", None)


def _sentences_from_tokens(tokens: pd.DataFrame, texts: dict) -> pd.DataFrame:
    """A sentence table for a bare token table: the voice and speaker most of its words have."""
    keys = ["doc_id", "paragraph_id", "sentence_id"]
    words = tokens[tokens["is_word"].to_numpy(dtype=bool)]
    shares = words.groupby([*keys, "voice", "speaker"], dropna=False, observed=True).size()
    top = shares.reset_index(name="n").sort_values([*keys, "n"], ascending=[True] * 3 + [False])
    top = top.drop_duplicates(keys, keep="first").drop(columns="n")
    span = tokens.groupby(keys)[["start", "end"]].agg({"start": "min", "end": "max"}).reset_index()
    # the token table's categoricals stay inside: the sentence table has the contract's str
    out = span.astype({"doc_id": "str"}).merge(
        top.astype({"doc_id": "str", "speaker": "str"}), on=keys, how="left"
    )
    out["text"] = [
        texts[d][s:e] for d, s, e in zip(out["doc_id"], out["start"], out["end"], strict=True)
    ]
    return out


def _check_features(features) -> tuple[str, ...]:
    if features is None:
        return FEATURES
    chosen = [features] if isinstance(features, str) else list(features)
    for feature in chosen:
        check_option("features", feature, FEATURES)
    return tuple(f for f in FEATURES if f in chosen)


@distributable
def discourse_features(
    corpus_or_tokens,
    *,
    features: str | Sequence[str] | None = None,
    lexicons: str | Path | None = None,
) -> DiscourseFeatures:
    """Find modality, deixis, stance, nominalisation, reporting, actors, agents and references.

    Parameters
    ----------
    corpus_or_tokens : Corpus or DataFrame
        A loaded corpus (:func:`analysis.load_corpus`), or its token table. With a bare token
        table a sentence takes the voice and speaker of most of its words, and its text is
        rebuilt from the tokens.
    features : str or list of str, optional
        Which of :data:`FEATURES` to find; None finds all. ``agents`` needs the actors and finds
        them whether or not ``actors`` is asked for.
    lexicons : str or Path, optional
        A folder with your own copies of the lexicon files; None reads ``data/lexicons/``.
        Reporting verbs always come from the project's ``reporting_verbs.txt``, the list the voice
        rules use.

    Returns
    -------
    DiscourseFeatures
        ``matches``, ``sentences``, ``categories``, ``lexicons`` and ``words`` tables, and the
        rates per 1,000 words ``by_voice``, ``by_speaker``, ``by_document`` (or ``rates(by=...)``).

    Raises
    ------
    TypeError, ValueError
        When the input is not a corpus or token table of ``docs/CONTRACT.md``, or
        ``features='x' is not one of: 'modality', ...``.
    analysis.discourse.lexicon.LexiconError
        When a lexicon file is missing or malformed (the message names the file and line).

    References
    ----------
    Biber et al. (1999); Hyland (2005); Fairclough (2003): see the module docstring and those of
    :mod:`analysis.discourse.markers`, :mod:`analysis.discourse.actors` and
    :mod:`analysis.discourse.intertext`.

    Examples
    --------
    >>> import analysis
    >>> found = discourse_features(analysis.load_corpus())
    >>> found
    <DiscourseFeatures: 290 matches of 8 features in 35 sentences>
    >>> found.of("reporting")[["sentence_id", "text", "term", "sentence_speaker"]].head(3)
       sentence_id       text     term sentence_speaker
    0            3       said      say       Xi Jinping
    1            7   believed  believe              NaN
    2           15  called on  call on       Xi Jinping
    >>> rates = found.by_voice
    >>> rates[(rates.feature == "modality") & (rates.category == "deontic")].round(1)
           voice   feature category  n  n_words  per_1k
    0     author  modality  deontic  2      677     3.0
    34     quote  modality  deontic  3      125    24.0
    68  reported  modality  deontic  0      218     0.0
    """
    chosen = _check_features(features)
    tokens, sentences = _tables(corpus_or_tokens)
    return DiscourseFeatures(
        **search(tokens, sentences, chosen=chosen, lexicons=lexicons, speakers=_speakers(tokens))
    )


def search(tokens, sentences, *, chosen, lexicons, speakers) -> dict:
    """The tables of :class:`DiscourseFeatures` for ``tokens`` (whole documents).

    ``speakers`` are the names looked for as actors: the speakers of the whole corpus, which is
    more than ``tokens`` hold when they are one partition of it (:mod:`analysis.distributed`).
    """
    lex = {f: load_lexicon(_FILES[f], folder=lexicons) for f in chosen if f != "reporting"}
    actor_lexicon = lex.get("actors") or lex.get("agents")
    matcher = None
    if actor_lexicon is not None:
        matcher = _actors.actor_matcher(actor_lexicon, _actors.persons_among(speakers))
    categories = _categories(chosen, lex)
    found, texts = Found(categories), {}
    n_documents = tokens["doc_id"].nunique()
    for doc_id, doc in progress(
        documents(tokens), total=n_documents, desc="discourse features", unit="doc"
    ):
        if sentences is None:
            texts[doc_id] = doc.text
        actor_matches = _actors.find_actors(doc, matcher) if matcher is not None else []
        for feature in chosen:
            found.add(doc, feature, _find(feature, doc, lex, actor_matches))
    if sentences is None:
        sentences = _sentences_from_tokens(tokens, texts)
    return build(tokens, sentences, found, categories, chosen, lex)


def _find(feature: str, doc, lex: dict, actor_matches: list) -> list:
    if feature == "actors":
        return actor_matches
    if feature == "agents":
        return _actors.find_agents(doc, actor_matches)
    if feature == "reporting":
        return markers.find_reporting(doc)
    if feature == "intertextuality":
        return find_references(doc, lex[feature])
    finders = {
        "modality": markers.find_modality,
        "person_deixis": markers.find_deixis,
        "stance": markers.find_stance,
        "nominalisation": markers.find_nominalisations,
    }
    return finders[feature](doc, lex[feature])


def _speakers(tokens: pd.DataFrame) -> list[str]:
    return tokens["speaker"].dropna().astype(str).unique().tolist()
