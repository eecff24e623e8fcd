"""Key terms: frequencies, n-grams, collocations, keyness, dispersion, concordance, TF-IDF.

Every function takes ``corpus.tokens`` (keyness also takes terms or a frequency table), counts
words (``is_word``) on ``norm``, returns a tidy table with the raw counts beside each statistic,
and sorts by the chosen measure with ties broken by the term.
"""

from analysis.keyterms.collocations import collocates, collocations
from analysis.keyterms.dispersion import dispersion
from analysis.keyterms.distinctive import distinctive_terms
from analysis.keyterms.frequency import formulas, frequencies, ngrams
from analysis.keyterms.keyness import keyness
from analysis.keyterms.kwic import kwic, kwic_html
from analysis.keyterms.reference import reference_frequencies

__all__ = [
    "collocates",
    "collocations",
    "dispersion",
    "distinctive_terms",
    "formulas",
    "frequencies",
    "keyness",
    "kwic",
    "kwic_html",
    "ngrams",
    "reference_frequencies",
]
