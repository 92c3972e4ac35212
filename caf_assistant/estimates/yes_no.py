"""Yes/no facts of an estimate read from a message (« en QPV », « pas de Ctg », « un enfant autiste ») and
plain yes / no answers (« oui », « non », the affirm / deny intents). Pure functions on folded text.
"""

from __future__ import annotations

import re

from caf_assistant.text import fold

_QPV = r"(?:qpv|quartiers? prioritaires?|quartiers? (?:de la )?politique de la ville|politique de la ville)"
BOOL_PATTERNS: dict[str, tuple[str, str]] = {
    # name: (negative, positive) on folded text; the negative is tried first
    "qpv": (
        rf"(?:hors|pas|non|sans|ni|aucun|n est pas|ne sera pas|ne se situe pas|ne sont pas)"
        rf"(?:\s+(?:en|dans|situee?s?|un|une|le|la|d|de|du|des))*\s+{_QPV}",
        _QPV,
    ),
    "ctg": (
        r"(?:pas|sans|aucune?|ni|non)(?:\s+(?:de|d|encore|signe|signee|une|la|notre))*\s+"
        r"(?:ctg|convention territoriale)|(?:ctg|convention territoriale globale)\D{0,30}"
        r"(?:en cours|pas (?:encore )?signee|non signee|en preparation|a venir)|pas encore signe",
        r"(?:signe|signee|avons|a une|a signe|on a|notre|en|sous|dans le cadre d une|dans le cadre de la|"
        r"dans le cadre de notre|dans notre|une|avec la|avec notre)\s+"
        r"(?:une\s+|la\s+|notre\s+|sa\s+|son\s+|leur\s+)?(?:ctg|convention territoriale)|(?:ctg|convention territoriale globale)"
        r"\s+(?:est\s+|a ete\s+)?(?:signee|en place|en cours de validite|active)",
    ),
    "france_ruralites": (r"(?:pas|hors|non|sans)\s+(?:en\s+)?(?:zone\s+)?france ruralite", r"france ruralite"),
    "guichet_unique": (r"(?:pas|sans|non)\s+(?:de\s+|en\s+)?guichet unique", r"guichet unique"),
    "enfant_handicap": (r"(?:pas|aucun|sans)\s+(?:d\s+|de\s+)?enfants?\s+(?:\w+\s+){0,3}handicap",
                        r"handicap|trisomi|autis|fauteuil roulant|en fauteuil|polyhandicap"),
    "accueil_enfants_pauvres": (
        r"(?:pas|aucun|sans)\s+(?:d\s+|de\s+)?enfants?\s+(?:de familles\s+)?(?:pauvres?|en situation de pauvrete)",
        r"pauvrete|pauvres?|precarite|precaires?|minima sociaux|\brsa\b|faibles revenus|revenus modestes",
    ),
}
_YES = re.compile(r"^\s*(?:oui|ouais|ouai|yes|si|exact|exactement|tout a fait|bien sur|absolument|effectivement|"
                  r"affirmatif|c est ca|c est bien ca|evidemment|ok|d accord|oui oui)\b")
_NO = re.compile(r"^\s*(?:non|nan|no|pas du tout|absolument pas|negatif|aucun|aucune|nope|pas vraiment|"
                 r"pas encore|toujours pas)\b")


def yes_no(text: str, intent: str | None = None) -> bool | None:
    """A plain yes or no: the affirm / deny intents, or "oui" / "non" at the start of the message."""
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    folded = fold(text)
    if _NO.search(folded):
        return False
    if _YES.search(folded):
        return True
    return None


def bool_fact(name: str, text: str) -> bool | None:
    negative, positive = BOOL_PATTERNS[name]
    folded = fold(text)
    if re.search(negative, folded):
        return False
    if re.search(positive, folded):
        return True
    return None
