"""Language of a piece of text, and how long it takes to read.

Only what a page needs: a BCP-47 tag for the ``lang`` attribute (``en``, ``zh-Hans``,
``zh-Hant``, a few other Latin-script languages by their common words, else ``und``) and
counts of Latin words and CJK characters, which read at different speeds.
"""
from __future__ import annotations

import re
from functools import lru_cache

import hanzidentifier

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
KANA = r"\u3040-\u30ff"
HANGUL = r"\uac00-\ud7af"
CJK_CHAR = re.compile(f"[{HAN}{KANA}{HANGUL}]")
LATIN_WORD = re.compile(r"[^\W\d_" + HAN + KANA + HANGUL + r"]+(?:['\u2019-][^\W_]+)*")
WORD_OR_NUMBER = re.compile(r"[^\W_" + HAN + KANA + HANGUL + r"]+(?:['\u2019.,-][^\W_]+)*")

# Reading speeds (adult silent reading): ~230 English words, ~400 Chinese characters a minute.
LATIN_WPM = 230
CJK_CPM = 400

# Frequent short words that tell Latin-script languages apart; the best score wins.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to in is that for with as on was are by this it from be".split()),
    "fr": frozenset("le la les des et est dans une pour que qui sur pas au du avec".split()),
    "de": frozenset("der die das und ist nicht mit den von zu ein eine auf sich dem für".split()),
    "es": frozenset("el la los las y es en que una por para con del se su al".split()),
    "it": frozenset("il lo la gli le e è di che una per con del della non sono".split()),
    "pt": frozenset("o a os as e é de que um uma para com do da não em".split()),
    "nl": frozenset("de het een en is van dat niet met voor op zijn te".split()),
}


def count_text(text: str) -> tuple[int, int]:
    """(Latin-script words incl. numbers, CJK characters) in ``text``."""
    return len(WORD_OR_NUMBER.findall(text)), len(CJK_CHAR.findall(text))


def reading_minutes(latin_words: int, cjk_chars: int) -> int:
    """Whole minutes to read, at least 1 for any text."""
    minutes = latin_words / LATIN_WPM + cjk_chars / CJK_CPM
    return max(1, round(minutes)) if latin_words or cjk_chars else 0


def detect_language(text: str, default: str = "und") -> str:
    """The main language of ``text``.

    Chinese wins when it has more Han characters than the text has Latin words (a Han
    character carries about as much as a short word), so a Chinese question quoting an
    English headline is still Chinese. Script (Traditional/Simplified) comes from
    ``hanzidentifier``; text written only in characters shared by both inherits ``default``
    if that is a Chinese tag.
    """
    han = "".join(CJK_CHAR.findall(text))
    words = LATIN_WORD.findall(text)
    if han and len(han) > len(words):
        return _chinese_script(han, default)
    if not words:
        return default if default != "und" else "und"
    return _latin_language(words)


def _chinese_script(han: str, default: str) -> str:
    kind = hanzidentifier.identify(han)
    if kind == hanzidentifier.TRADITIONAL:
        return "zh-Hant"
    if kind == hanzidentifier.SIMPLIFIED:
        return "zh-Hans"
    if kind == hanzidentifier.MIXED:
        return _majority_script(han)
    return default if default.startswith("zh") else "zh"


def _majority_script(han: str) -> str:
    trad = sum(1 for ch in han if _is_traditional(ch))
    simp = sum(1 for ch in han if _is_simplified(ch))
    return "zh-Hant" if trad > simp else "zh-Hans"


@lru_cache(maxsize=8192)
def _is_traditional(ch: str) -> bool:
    return hanzidentifier.identify(ch) == hanzidentifier.TRADITIONAL


@lru_cache(maxsize=8192)
def _is_simplified(ch: str) -> bool:
    return hanzidentifier.identify(ch) == hanzidentifier.SIMPLIFIED


def _latin_language(words: list[str]) -> str:
    lowered = [w.lower() for w in words[:400]]
    scores = {lang: sum(1 for w in lowered if w in vocab) for lang, vocab in _FUNCTION_WORDS.items()}
    best = max(sorted(scores), key=lambda lang: scores[lang])
    # Too few function words to tell (a name, a heading): English, the site's own language.
    return best if scores[best] >= 2 else "en"
