"""The kind of estimate a message asks for, from the words officials use (« une crèche de 20 berceaux »,
« la maison des nounous », « six ados passent leur brevet d'animateur », « notre coordinatrice »).

Pure functions on folded text; the kinds are the keys of the registry (estimates/calculators).
"""

from __future__ import annotations

import re

from caf_assistant.text import fold

# works on what exists, and the creation of places (an extension creates places)
_RENOVATION = (r"renov|travaux|moderni|mise aux normes|remise aux normes|rehabilit|equipement|equiper|amelior|doter|"
               r"achat|acquisition|isolation|refaire|coup de neuf|vetust|toiture|chauffage|mobilier|materiel|mise en conformite")
_CREATION = (r"cre(er|ation|ee)|ouvr|construi(?!\w* (?:notre |le |un |son )?budget)|nouvel|extension|extention|"
             r"agrandi|micro|regroup|"
             r"sortir de terre|sort de terre|batiment neuf|places? (?:en plus|supplementaires)|transform")
_WISH = r"\bveu[tx]\b|voulons|voudri|souhait|envisag|projet d"  # "on veut une crèche": a creation, unless works
_RUNNING = r"fonctionnement|faire tourner|fait tourner|chaque annee|par an\b|annuel"
_TYPE_PATTERNS: list[tuple[str, str]] = [
    ("psu", r"\bpsu\b|prestation de service unique"),
    ("bafa", r"\bbafa\b|brevet d aptitude aux fonctions d animat|brevet d animat"),
    ("plan_mercredi", r"plan mercredi|\bmercredis?\b.{0,80}\bheures?\b|\bheures?\b.{0,80}\bmercredis?\b"),
    ("bonus_creche", r"\bbonus\b|\bforfai\w* (?:annuel|par place|par berceau)|aides? forfaitaires?"),
    ("ctg_ingenierie", r"charge(e)?s? de cooperation|ingenierie|coordinat(eur|rice)|coordonnat(eur|rice)|\bcoordo\b|"
                       r"diagnostic (initial|de territoire|du territoire)"),
]
_RPE = re.compile(r"\brpe\b|relais (petite enfance|d assistant|assistants)|\brelais\b")
_MAM = re.compile(r"\bmams?\b|maisons? d assistant|maisons? (?:des|de) nounous|collectif d assistant|"
                  r"regroup\w*.{0,50}(?:nounous|assistant\w* maternel)|"
                  r"(?:nounous|assistant\w* maternel\w*).{0,60}(?:regroup|ensemble dans|local commun)")
_CRECHE = re.compile(r"creche|multi-?accueil|berceau|halte[- ]garderie|\beaje\b|etablissement d accueil du jeune enfant|"
                     r"tout[- ]petits|moins de (?:3|trois) ans|\bbebes\b")


def detect_estimate(text: str) -> str | None:
    """The kind of estimate named in ``text`` by its words, or None when it is not said clearly."""
    folded = fold(text)
    for key, pattern in _TYPE_PATTERNS:
        if re.search(pattern, folded):
            return key
    if _RPE.search(folded):
        return "rpe_fonctionnement" if re.search(r"fonctionnement|animat|etp|guichet|annuel|par an", folded) \
            else "rpe_investissement"
    if _MAM.search(folded):
        return "mam_renovation" if re.search(_RENOVATION, folded) and not re.search(_CREATION, folded) \
            else "mam_creation"
    if _CRECHE.search(folded):
        if re.search(_CREATION, folded):
            return "creche_creation"
        if re.search(_RENOVATION, folded):
            return "creche_modernisation"
        if re.search(_RUNNING, folded):
            return "psu"
        if re.search(_WISH, folded):
            return "creche_creation"
    return None


def families_named(text: str) -> set[str]:
    """The families of projects a text names (« crèche », « Mam », « relais »), to narrow the choice of kind."""
    folded = fold(text)
    found = {name for name, pattern in (("creche", _CRECHE), ("mam", _MAM), ("relais", _RPE)) if pattern.search(folded)}
    return {"mam"} if "mam" in found else found  # « maison d'assistants maternels » is no crèche
