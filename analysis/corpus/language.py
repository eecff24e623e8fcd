"""Which language a text is in, as far as the English-only methods of this suite need to know.

Every method here is built for English: the tokenizer's clitics, the stopword list, Punkt's
abbreviations, VADER's lexicon, the discourse lexicons. On Chinese a clause becomes one "word" and
on Arabic every sentiment score is 0.0, silently. :func:`detect_language` tells English apart from
the rest well enough to warn about it, with no model to download:

1. the script of the letters (Unicode character names: LATIN, CJK, ARABIC, CYRILLIC ...), which
   decides for any text that is mostly not in Latin letters (Han without kana is ``zh``, with kana
   ``ja``; Hangul ``ko``; other scripts ``und-<ISO 15924 code>``, since a script alone does not name
   the language: Arabic script also writes Persian and Urdu);
2. for Latin letters, the share of running words that are among the 100 most frequent English
   words (from the installed ``wordfreq`` package: *the, to, and, of, we, will* ...). They make up
   about half of any English text, even a short one, and only chance homographs (*a, in, on, me*)
   of French, German or Spanish text, so a share of at least :data:`ENGLISH_SHARE` means English.

The tags follow BCP 47 (RFC 5646): ``en``, ``zh``, ``und-Arab`` (undetermined language, Arabic
script), ``und-Latn`` (Latin letters, not English), ``und`` (too few letters to tell).

References
----------
Speer, R. (2022). wordfreq (version 3). Zenodo. https://doi.org/10.5281/zenodo.7199437
Phillips, A. & Davis, M. (2009). Tags for Identifying Languages. IETF BCP 47 (RFC 5646).
Unicode Consortium. Unicode Standard Annex #24: Unicode Script Property.
"""

import re
import unicodedata
from collections import Counter
from functools import cache

from wordfreq import top_n_list

__all__ = ["ENGLISH_SHARE", "detect_language", "english_only_note"]

#: The least share of English function words among the Latin-script words of an English text.
ENGLISH_SHARE = 0.2
#: Texts with fewer letters than this are ``und``: too short to tell.
MIN_LETTERS = 20
#: Latin-script texts with fewer words than this are ``und`` unless they read as English.
MIN_WORDS = 20
#: Only so many characters from the start are read: enough to tell, and fast on a long text.
SAMPLE = 100_000
# First word of the Unicode character name -> ISO 15924 script code.
_SCRIPTS = {
    "LATIN": "Latn",
    "CJK": "Hani",
    "HIRAGANA": "Kana",
    "KATAKANA": "Kana",
    "HANGUL": "Hang",
    "ARABIC": "Arab",
    "CYRILLIC": "Cyrl",
    "GREEK": "Grek",
    "HEBREW": "Hebr",
    "DEVANAGARI": "Deva",
    "THAI": "Thai",
    "ARMENIAN": "Armn",
    "GEORGIAN": "Geor",
    "BENGALI": "Beng",
    "TAMIL": "Taml",
    "ETHIOPIC": "Ethi",
}
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@cache
def _english_words() -> frozenset[str]:
    return frozenset(top_n_list("en", 100))


@cache
def _script(character: str) -> str:
    name = unicodedata.name(character, "")
    return _SCRIPTS.get(name.split(" ", 1)[0], "Zyyy") if name else "Zyyy"


def detect_language(text: str) -> str:
    """The BCP 47 tag of the language a text is mostly in, as far as script and function words tell.

    Parameters
    ----------
    text
        Any text.

    Returns
    -------
    str
        ``en`` for English; ``zh``, ``ja`` or ``ko`` for Chinese, Japanese or Korean script;
        ``und-<script>`` for any other script, or for Latin letters that are not English
        (``und-Latn``); ``und`` when there are fewer than :data:`MIN_LETTERS` letters, or
        fewer than :data:`MIN_WORDS` Latin-script words that do not read as English.

    Examples
    --------
    >>> detect_language("We must act together, and we will keep the peace of the region.")
    'en'
    >>> detect_language("坚持共同、综合、合作、可持续的安全观，维护地区安全稳定。我们要加强合作。")
    'zh'
    >>> detect_language("نحن ملتزمون بالأمن والاستقرار في المنطقة وبالتعاون بين الدول")
    'und-Arab'
    >>> detect_language("Nous devons agir ensemble pour la paix et la sécurité de la région. "
    ...                 "Les pays membres doivent renforcer leur coopération partout.")
    'und-Latn'
    """
    text = text[:SAMPLE]
    scripts = Counter()
    for character, count in Counter(text).items():
        if character.isalpha():
            scripts[_script(character)] += count
    letters = sum(scripts.values())
    if letters < MIN_LETTERS:
        return "und"
    script, count = scripts.most_common(1)[0]
    if scripts["Hani"] + scripts["Kana"] + scripts["Hang"] > letters / 2:
        if scripts["Kana"]:
            return "ja"
        return "ko" if scripts["Hang"] > scripts["Hani"] else "zh"
    if script != "Latn" or count <= letters / 2:
        return f"und-{script}" if script != "Zyyy" else "und"
    words = [word.lower() for word in _WORD_RE.findall(text) if _script(word[0]) == "Latn"]
    english = _english_words()
    share = sum(word.replace("’", "'") in english for word in words) / len(words)
    if share >= ENGLISH_SHARE:
        return "en"
    # A few words may happen to miss every frequent word ("Café diplomacy, naïve hopes.").
    return "und-Latn" if len(words) >= MIN_WORDS else "und"


def english_only_note(languages: dict[str, str]) -> str | None:
    """One line that says which documents are not in English and what that means, or None.

    >>> english_only_note({"a": "en", "b": "zh"}).split(";")[0]
    'b (zh): mostly not English'
    """
    others = [f"{doc_id} ({tag})" for doc_id, tag in sorted(languages.items()) if tag != "en"]
    others = [name for name in others if not name.endswith("(und)")]
    if not others:
        return None
    return (
        f"{', '.join(others)}: mostly not English; the methods here (tokens, stopwords, sentence "
        "splitting, VADER, the discourse lexicons) are English-only, so their counts and scores "
        "for this text are not meaningful"
    )
