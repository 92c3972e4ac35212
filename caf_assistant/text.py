"""Text normalisation shared by the lexical index, sentence selection and detection helpers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# Short French function words; content words (aide, place, crèche...) are kept.
STOPWORDS = frozenset(
    """
    a au aux avec ce ces cet cette dans de des du elle elles en est et etre eux il ils je la le les leur
    leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son
    sur ta te tes toi ton tu un une vos votre vous y d l j m n s t c qu est-ce quoi quel quelle quels
    quelles comment combien peut peux pouvez puis-je faut il-y sont ete fait faire avoir ai as avez ont
    bonjour svp merci stp cela ca ceci tout tous toute toutes tres plus moins si alors donc car
    """.split()
)

_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)?")
_stemmer = snowballstemmer.stemmer("french")


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower case without accents; typographic apostrophes become spaces. The sheets' sentences are folded
    again for each question: each text is folded once (bounded cache)."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("\u2019", " ").replace("'", " ").replace("\u00a0", " ").replace("\u202f", " ")


_SPACED_THOUSANDS = re.compile(r"(?<=\d)[ .](?=\d{3}\b)")


def tokens(text: str) -> list[str]:
    """Words and numbers; "2 600" and "2.600" are one number, as French writes them."""
    return _TOKEN.findall(_SPACED_THOUSANDS.sub("", fold(text)))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def content_terms(text: str) -> list[str]:
    """Stemmed tokens without stopwords: the unit of the lexical index."""
    return [stem(t) for t in tokens(text) if (t not in STOPWORDS and len(t) > 1) or t.isdigit()]


def clean_user_text(text: str, max_chars: int = 2000) -> str:
    """Removes control characters and markup from what a user typed, and bounds its length."""
    text = "".join(ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = re.sub(r"<[^>]{0,200}>", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:max_chars]
