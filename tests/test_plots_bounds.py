"""Every figure function: one Axes, titled, drawn into a given ``ax``, refusing a wrong table with
the one message shape, voices in their fixed colours, and no larger than the cap on a 1,000-document
corpus (issue 9, issue 10 §5, issue 12 §5)."""

import matplotlib

matplotlib.use("Agg")

import _plot_tables as t
import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.axes import Axes

from analysis.plots import comparison, corpus, discourse, key_terms, sentiment, topics
from analysis.plots._base import MAX_PIXELS, REPORT_DPI, VOICE_COLOURS

N_DOCS = 1000

# (name, function, the table at 1,000 documents, options)
FIGURES = [
    ("document_sizes", corpus.document_sizes, lambda n: t.summary(n), {}),
    ("vocabulary_growth", corpus.vocabulary_growth, lambda n: t.growth(n), {}),
    ("corpus.voice_shares", corpus.voice_shares, lambda n: t.corpus_shares(n), {}),
    ("voice_by_document", corpus.voice_by_document, lambda n: t.document_shares(n), {}),
    ("top_terms", key_terms.top_terms, lambda n: t.frequencies(n), {}),
    ("top_terms by document", key_terms.top_terms,
     lambda n: t.frequencies(n, by="document"), {"by": "document"}),
    ("term_profile", key_terms.term_profile,
     lambda n: t.frequencies(n, by="document"), {"by": "document", "terms": ["term1", "term2"]}),
    ("keyness_plot", key_terms.keyness_plot, lambda n: t.keyness(2 * n), {}),
    ("collocates_plot", key_terms.collocates_plot, lambda n: t.collocates(n), {}),
    ("dispersion_barcode", key_terms.dispersion_barcode, lambda n: t.tokens(n),
     {"terms": ["security", "we", "absent"]}),
    ("sentiment_arc", sentiment.sentiment_arc, lambda n: t.scored(n), {}),
    ("sentiment_by_group", sentiment.sentiment_by_group, lambda n: t.scored(n),
     {"by": "document"}),
    ("label_shares", sentiment.label_shares, lambda n: t.sentiment_by_document(n),
     {"by": "document"}),
    ("sentiment_drivers", sentiment.sentiment_drivers, lambda n: t.drivers(n),
     {"by": "document"}),
    ("sensitivity", sentiment.sensitivity, lambda n: t.sentiment_by_document(n),
     {"by": "document"}),
    ("method_agreement", sentiment.method_agreement, lambda n: t.method_comparison(20 * n), {}),
    ("sentiment_over_time", sentiment.sentiment_over_time,
     lambda n: t.sentiment_by_document(n), {}),
    ("comparison.voice_shares", comparison.voice_shares, lambda n: t.profile(n), {}),
    ("over_time", comparison.over_time, lambda n: t.over_time(n),
     {"y": "mean_compound", "hue": "voice"}),
    ("keyness_terms", comparison.keyness_terms, lambda n: t.keyness_by(n), {}),
    ("quote_similarity", comparison.quote_similarity, lambda n: t.traced(n), {}),
    ("feature_rates", discourse.feature_rates, lambda n: t.rates(n), {"feature": "modality"}),
    ("feature_profile", discourse.feature_profile, lambda n: t.rates(n), {}),
    ("reporting", discourse.reporting, lambda n: t.matches(n), {}),
    ("actors_and_agents", discourse.actors_and_agents, lambda n: t.matches(n), {}),
    ("feature_map", discourse.feature_map, lambda n: t.feature_sentences(n), {}),
    ("model_selection_plot", topics.model_selection_plot, lambda n: t.selection(n), {}),
    ("topic_terms_plot", topics.topic_terms_plot, lambda n: t.topic_terms(n), {}),
    ("topic_heatmap by document", topics.topic_heatmap, lambda n: t.topic_assignments(n), {}),
    ("topic_heatmap by paragraph", topics.topic_heatmap,
     lambda n: t.topic_assignments(max(1, n // 25), per_doc=6), {}),
    ("topic_heatmap with voices", topics.topic_heatmap, lambda n: t.topic_assignments(n),
     {"voices": t.unit_voices(N_DOCS)}),
    ("cluster_map", topics.cluster_map, lambda n: t.clusters(n), {}),
]  # fmt: skip
IDS = [name for name, *_ in FIGURES]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _pixels(fig) -> tuple[float, float]:
    """The figure's size in pixels at the report's dpi, as saved with bbox_inches="tight"."""
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    width = max(fig.get_figwidth(), box.width + 0.2) * REPORT_DPI
    height = max(fig.get_figheight(), box.height + 0.2) * REPORT_DPI
    return width, height


@pytest.mark.parametrize(("name", "draw", "table", "options"), FIGURES, ids=IDS)
def test_figure_is_capped_on_a_thousand_documents(name, draw, table, options):
    data = table(N_DOCS)
    before = data.copy()
    ax = draw(data, **options)
    assert isinstance(ax, Axes)
    assert ax.get_title()
    width, height = _pixels(ax.figure)
    assert width <= MAX_PIXELS and height <= MAX_PIXELS, (name, width, height)
    pd.testing.assert_frame_equal(data, before)


@pytest.mark.parametrize(("name", "draw", "table", "options"), FIGURES, ids=IDS)
def test_figure_draws_into_the_given_axes_with_the_given_title(name, draw, table, options):
    fig, given = plt.subplots()
    ax = draw(table(3), ax=given, title="Cost: $10 billion or $3 billion", **options)
    assert ax is given
    assert ax.get_title() == r"Cost: \$10 billion or \$3 billion"
    fig.canvas.draw()  # mathtext would fail here on an unescaped pair of dollars
    assert len(fig.axes) <= 2  # the axes, and a heatmap's colour bar


@pytest.mark.parametrize(("name", "draw", "table", "options"), FIGURES, ids=IDS)
def test_figure_refuses_a_wrong_table_with_the_one_message_shape(name, draw, table, options):
    with pytest.raises(ValueError, match=r"^table lacks column\(s\) .+; pass "):
        draw(pd.DataFrame({"unrelated": [1]}), **options)
    with pytest.raises(TypeError, match=r"^expected a pandas DataFrame \(.+\), got list$"):
        draw([1, 2], **options)


def _colours(ax) -> set[str]:
    found = set()
    for artist in [*ax.collections, *ax.patches]:
        colours = artist.get_facecolor()
        rows = colours if getattr(colours, "ndim", 1) == 2 else [colours]
        found |= {mcolors.to_hex(c) for c in rows if len(c)}
    return found


@pytest.mark.parametrize(
    ("draw", "table", "options"),
    [
        (corpus.voice_by_document, t.document_shares, {}),
        (comparison.voice_shares, t.profile, {}),
        (sentiment.sentiment_arc, t.scored, {}),
        (sentiment.method_agreement, t.method_comparison, {}),
        (key_terms.top_terms, t.frequencies, {"by": "voice"}),
    ],
    ids=["voice_by_document", "comparison.voice_shares", "arc", "method_agreement", "top_terms"],
)
def test_voices_keep_their_colours_on_any_corpus(draw, table, options):
    for n in (3, 30):
        assert set(VOICE_COLOURS.values()) <= _colours(draw(table(n), **options))


def test_plain_text_escapes_every_dollar():
    from analysis.plots._base import plain_text

    assert plain_text("$10 billion ... $3 billion") == r"\$10 billion ... \$3 billion"
    fig, ax = plt.subplots()
    ax.set_title(plain_text("$10 billion ... $3 billion"))
    fig.canvas.draw()
