"""The kind of estimate a message asks for, from the words officials use (« une crèche de 20 berceaux »,
« la maison des nounous », « six ados passent leur brevet d'animateur », « notre coordinatrice »).

Pure functions on folded text; the kinds are the keys of the registry (estimates/calculators).
"""

from __future__ import annotations

import re

from caf_assistant.text import fold

# works on what exists, and the creation of places (an extension creates places); strong cues decide first
_CREATION = (r"cre(er|ation|ee)|constru(?:i|c)(?!\w* (?:notre |le |un |son )?budget)|nouvel|extension|extention|agrandi|"
             r"sortir de terre|sort de terre|batiment neuf|places? (?:en plus|supplementaires)")
_RENOVATION = (r"renov|moderni|aux normes|rehabilit|isolation|isoler|refaire|refection|coup de neuf|vetust|toiture|"
               r"chauffage|chaudiere|fenetres|accessibilit|ventilation|climatis|mobilier|materiel|mise en conformite|"
               r"doter|achat|acquisition|equiper")
_WEAK_CREATION = r"\bmicro|ouvr|transform|regroup|amenag"
_WEAK_RENOVATION = r"travaux|equipement|amelior|sanitaires|installer"
_WISH = r"\bveu[tx]\b|voulons|voudri|souhait|envisag|projet d"  # "on veut une crèche": a creation, unless works
_RUNNING = r"fonctionnement|faire tourner|fait tourner|chaque annee|par an\b|annuel|/an\b"
_TYPE_PATTERNS: list[tuple[str, str]] = [
    ("psu", r"\bpsu\b|prestation de service unique"),
    ("bafa", r"\bbafa\b|brevet d aptitude aux fonctions d animat|brevet d animat|(?:formation|diplome|stage) "
             r"(?:generale? )?d animat|devenir animat"),
    ("plan_mercredi", r"plan mercredi|\bmercredis?\b.{0,80}(?:\bheures?\b|\d ?h\b)|\bheures?\b.{0,80}\bmercredis?\b"),
    ("bonus_creche", r"\bbonus\b|\bforfai\w* (?:annuel|par place|par berceau)|aides? forfaitaires?|"
                     r"aides? annuelles?|complement\w* (?:annuel|de la psu)|en plus de la psu"),
    ("ctg_ingenierie", r"charge(e)?s? de cooperation|ingenierie|chef de projet ctg|"
                       r"diagnostic (initial|de territoire|du territoire)|etude des besoins"),
]
# a coordinator may be the one who writes (« coordinatrice petite enfance à la mairie »): only when nothing else
_COORDINATOR = r"coordinat(eur|rice)|coordonnat(eur|rice)|\bcoordo\b"
_RPE = re.compile(r"\brpe\b|\bram\b|relais (petite enfance|d assistant|assistants)|\brelais\b")
_RPE_RUNNING = r"fonctionnement|par an\b|annuel|/an\b|\betp\b|guichet|faire tourner"
_RPE_WORKS = f"{_CREATION}|{_RENOVATION}|{_WEAK_CREATION}|{_WEAK_RENOVATION}|local|batiment|investissement"
_MAM = re.compile(r"\bmams?\b|maisons? d assistant|maisons? d assmat|maisons? (?:des|de) (?:nounous|assistant|assmat)|"
                  r"collectif d assistant|regroup\w*.{0,50}(?:nounous|assistant\w* maternel|assmat|ass mat)|"
                  r"(?:nounous|assistant\w* maternel\w*|assmats?).{0,60}(?:regroup|ensemble dans|local commun)")
_CRECHE = re.compile(r"creche|multi[- ]?ac+[ue]+il|berceau|halte[- ]garderie|\beaje\b|etablissement d accueil du jeune "
                     r"enfant|tout[- ]petits|moins de (?:3|trois) ans|\bbebes\b|structure petite enfance|"
                     r"accueil petite enfance|lieu d accueil des tout")


def _creche_kind(folded: str) -> str | None:
    for pattern, kind in ((_CREATION, "creche_creation"), (_RENOVATION, "creche_modernisation"), (_RUNNING, "psu"),
                          (_WEAK_CREATION, "creche_creation"), (_WEAK_RENOVATION, "creche_modernisation"),
                          (_WISH, "creche_creation")):
        if re.search(pattern, folded):
            return kind
    return None


def detect_estimate(text: str) -> str | None:
    """The kind of estimate named in ``text`` by its words, or None when it is not said clearly."""
    folded = fold(text)
    for key, pattern in _TYPE_PATTERNS:
        if re.search(pattern, folded):
            return key
    if _RPE.search(folded):
        # its running costs when they are named, or an animator with no works; otherwise its investment
        running = re.search(_RPE_RUNNING, folded) or (re.search(r"animat", folded) and not re.search(_RPE_WORKS, folded))
        return "rpe_fonctionnement" if running else "rpe_investissement"
    if _MAM.search(folded):
        renovation = re.search(f"{_RENOVATION}|{_WEAK_RENOVATION}", folded)
        return "mam_renovation" if renovation and not re.search(f"{_CREATION}|regroup", folded) else "mam_creation"
    if _CRECHE.search(folded):
        return _creche_kind(folded)
    if re.search(_COORDINATOR, folded):
        return "ctg_ingenierie"
    return None


def families_named(text: str) -> set[str]:
    """The families of projects a text names (« crèche », « Mam », « relais »), to narrow the choice of kind."""
    folded = fold(text)
    found = {name for name, pattern in (("creche", _CRECHE), ("mam", _MAM), ("relais", _RPE)) if pattern.search(folded)}
    return {"mam"} if "mam" in found else found  # « maison d'assistants maternels » is no crèche
