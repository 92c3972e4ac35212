"""Whether a message is only a greeting, or a greeting in front of what the official came to ask.

« Bonjour » is answered with a greeting; « Bonjour, président de la communauté de communes. Notre relais a deux
animatrices : combien la Caf verse par an ? » is a question, whatever the NLU's intent. Pure function.
"""

from __future__ import annotations

from caf_assistant.text import STOPWORDS, tokens

# the words of a greeting and its politeness, which ask nothing
GREETING_WORDS = frozenset("""
    bonjour bonsoir salut hello coucou hey allo re madame monsieur mesdames messieurs cher chere chers cheres
    ami amis tous toutes cordialement bien merci beaucoup svp stp ca va vas allez comment
""".split())
# content words beyond the greeting from which a message asks something of its own
MIN_ASKING_WORDS = 5


def beyond_greeting(text: str | None) -> bool:
    """The message says more than a greeting: enough words of its own, or a question with some."""
    words = [w for w in tokens(text or "") if w not in GREETING_WORDS and w not in STOPWORDS and len(w) > 1]
    return len(words) >= MIN_ASKING_WORDS or ("?" in (text or "") and len(words) >= 1)
