"""The lexicon matcher of the discourse features against a plain left-to-right scan.

The matcher picks candidate tokens by their codes and skips the rest; the scan below tries every
token, as the matcher did before, so the two must find the same matches."""

from _discourse import corpus_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.discourse._matching import PhraseMatcher, documents

WORDS = [
    "we", "We", "must", "member", "states", "Member", "States", "called", "on", "US", "us",
    "SCO", "Open", "Waters", "open", "waters", "the", "don’t", "do", "n't", ",", ".", "“", "”",
]  # fmt: skip
ENTRIES = [
    ("a", "we", ""), ("a", "we must", ""), ("b", "member", ""), ("b", "member states", "states"),
    ("c", "called on", ""), ("d", "US", "United States"), ("d", "SCO", ""),
    ("e", "Open Waters", ""), ("e", "open", ""), ("f", "do n't", ""), ("f", "don't", ""),
]  # fmt: skip


def scan(matcher: PhraseMatcher, doc) -> list[tuple[int, int, str, str]]:
    """Every token tried in turn, the longest entry starting there taken, never overlapping."""
    found = []
    for lo, hi in doc.sentence_spans():
        i = lo
        while i < hi:
            hit = matcher._at(doc, i, hi)
            if hit:
                found.append((i, i + len(hit[0]), hit[1], hit[2]))
                i += len(hit[0])
            else:
                i += 1
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25), min_size=1, max_size=3))
def test_candidates_by_code_find_what_trying_every_token_finds(texts):
    tokens = corpus_of(*(" ".join(words) + "." for words in texts)).tokens
    matcher = PhraseMatcher(ENTRIES)
    for _, doc in documents(tokens):
        found = [(m.start, m.stop, m.category, m.term) for m in matcher.find(doc)]
        assert found == scan(matcher, doc)


def test_a_document_shares_the_vocabularys_strings_and_keeps_reading_order():
    tokens = corpus_of("We must act. They must wait.", "Open Waters.").tokens
    shuffled = tokens.sample(frac=1.0, random_state=1)
    (first, doc), (second, other) = documents(shuffled)
    assert (first, second) == ("d1", "d2")
    assert doc.norm == ["we", "must", "act", ".", "they", "must", "wait", "."]
    assert doc.norm[1] is doc.norm[5]
    assert list(doc.sentence_spans()) == [(0, 4), (4, 8)]
    assert doc.sentence_of(5) == (4, 8)
    assert other.written == ["Open", "Waters", "."]
