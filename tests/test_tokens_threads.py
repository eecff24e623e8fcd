"""Tokenising in several threads at once gives what tokenising one text after another gives."""

import sys
from concurrent.futures import ThreadPoolExecutor

from analysis.corpus.tokens import tokenize


def test_threads_learning_new_types_at_once_get_the_tokens_of_one_thread():
    # every text brings types no one has read yet, so the threads add types at the same time
    texts = [
        " ".join(f"w{n}x{k}y don't U.S. Nov. 10 peoples’ “q{n}” {k}-z{n}" for k in range(300))
        for n in range(8)
    ]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, to meet a race if any
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            threaded = list(pool.map(tokenize, texts))
    finally:
        sys.setswitchinterval(interval)
    assert threaded == [tokenize(text) for text in texts]
    for text, tokens in zip(texts, threaded, strict=True):
        assert all(text[t.start : t.end] == t.token for t in tokens)
