"""Sentence-level sentiment with VADER: scores, summaries, explanations, sensitivity, comparison.

VADER (Hutto & Gilbert 2014) as its authors implement it (vaderSentiment 3.3.2, exactly; NLTK
3.10's port with ``variant="nltk"``) is a sentence-level method: score sentences
(:mod:`.scores`), then aggregate them (:mod:`.summary`). :mod:`.explain` shows each token's
contribution after VADER's rules, :mod:`.sensitivity` how much conclusions depend on topic words
the lexicon treats as evaluative, and :mod:`.comparison` sets VADER beside TextBlob's lexicon.
The scorers and their lexicon are in :mod:`.vader` (which lists where NLTK's port departs from the
reference, with an example each), :mod:`.variants` compares the two on any texts, and the score
cache is in :mod:`.cache`.

What VADER cannot see: irony, diplomatic understatement, who is praised or blamed.

References
----------
Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment analysis
of social media text. *Proceedings of ICWSM-14*, 216-225.
"""

from analysis.sentiment._common import DOMAIN_OVERRIDES, THRESHOLD
from analysis.sentiment.comparison import compare_sentiment_methods
from analysis.sentiment.explain import explain_sentiment
from analysis.sentiment.scores import polarity, sentence_sentiment
from analysis.sentiment.sensitivity import sentiment_sensitivity
from analysis.sentiment.summary import sentiment_summary
from analysis.sentiment.variants import compare_vader_variants

__all__ = [
    "DOMAIN_OVERRIDES",
    "THRESHOLD",
    "compare_sentiment_methods",
    "compare_vader_variants",
    "explain_sentiment",
    "polarity",
    "sentence_sentiment",
    "sentiment_sensitivity",
    "sentiment_summary",
]
