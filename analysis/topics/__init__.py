"""Topics and clusters: which themes the texts move between, and how far to trust the grouping.

:mod:`.units` chooses what to model (documents or paragraphs), :mod:`.models` fits NMF and LDA
topic models, :mod:`.clusters` hard clusterings, and :mod:`.selection` compares numbers of topics
or clusters by coherence and stability. Only content words are counted (:mod:`._vectorize`).
"""

from analysis.topics.clusters import ClusterResult, cluster_texts
from analysis.topics.models import TopicModel, fit_topics
from analysis.topics.selection import model_selection
from analysis.topics.units import modelling_units, short_units, voice_by_unit

__all__ = [
    "ClusterResult",
    "TopicModel",
    "cluster_texts",
    "fit_topics",
    "model_selection",
    "modelling_units",
    "short_units",
    "voice_by_unit",
]
