"""A hand-made corpus of three clearly separated, fictional themes (for topic and cluster tests).

Each theme has eight words of its own; every text takes six of them (a different combination
each time) plus two words shared by all themes, so the right number of groups is obviously 3,
and texts ``i``, ``i + 3``, ``i + 6`` ... belong to the same theme.
"""

from itertools import combinations

THEMES = {
    "harbour": ["lighthouse", "ferry", "anchor", "gull", "tide", "pier", "harbour", "sailor"],
    "orchard": ["apple", "blossom", "ladder", "basket", "cider", "pruning", "orchard", "beehive"],
    "observatory": ["telescope", "comet", "lens", "nebula", "dome", "orbit", "eclipse", "stars"],
}
SHARED = ["village", "morning"]


def theme_texts(per_theme: int = 10) -> tuple[list[str], list[str]]:
    """``per_theme`` texts per theme, interleaved, and the theme of each text."""
    texts, labels = [], []
    picks = list(combinations(range(8), 6))[::2][:per_theme]
    for pick in picks:
        for name, words in THEMES.items():
            texts.append(" ".join([words[i] for i in pick] + SHARED))
            labels.append(name)
    return texts, labels
