"""The one reader of a plain yes or no (« oui », « non merci », « j'accepte », the affirm / deny intents and
their buttons), for the estimate's yes/no questions and the hand-off's consent alike. Pure function."""

from __future__ import annotations

import re

from caf_assistant.text import fold

_YES = re.compile(r"^\s*/?(?:affirm|oui|ouais|ouai|yes|si|exact|exactement|tout a fait|bien sur|absolument|"
                  r"effectivement|affirmatif|c est ca|c est bien ca|evidemment|ok|okay|d accord|j accepte|"
                  r"je suis d accord|j y consens|je consens|volontiers|c est d accord)\b")
_NO = re.compile(r"^\s*/?(?:deny|non|nan|no|pas du tout|absolument pas|negatif|aucun|aucune|nope|pas vraiment|"
                 r"pas encore|toujours pas|je refuse|pas d accord|je ne suis pas d accord|surtout pas)\b")


def yes_no(text: str | None, intent: str | None = None) -> bool | None:
    """True, False, or None when the message is no plain yes or no (the NLU's affirm / deny intents count)."""
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    folded = fold(text or "")
    if _NO.search(folded):  # first: « pas d'accord », « non merci »
        return False
    if _YES.search(folded):
        return True
    return None
