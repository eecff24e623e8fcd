"""Voice, stance and intertextuality: features of critical discourse analysis, quote tracing.

:func:`discourse_features` (:mod:`.features`) finds modality, person deixis, stance,
nominalisation and reporting (:mod:`.markers`), actors and agents (:mod:`.actors`) and references
to other texts (:mod:`.intertext`), each from a versioned lexicon (:mod:`.lexicon`);
:func:`trace_quotes` (:mod:`.quotes`) finds the sources of direct quotations in the corpus.
"""

from analysis.discourse.features import DiscourseFeatures, discourse_features
from analysis.discourse.lexicon import Lexicon, load_lexicon
from analysis.discourse.quotes import trace_quotes

__all__ = ["DiscourseFeatures", "Lexicon", "discourse_features", "load_lexicon", "trace_quotes"]
