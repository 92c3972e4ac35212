"""The kind of estimate a message asks for, from the words officials use (« une crèche de 20 berceaux »,
« la maison des nounous », « six ados passent leur brevet d'animateur », « notre coordinatrice »).

Pure functions on folded text; the kinds are the keys of the registry (estimates/calculators), the words
that name one kind whatever else is said are declared with it (``named_by``, ``hinted_by``); the words of the
three families (crèche, Mam, relais) and what tells their kinds apart are here.
"""

from __future__ import annotations

import re

from caf_assistant.estimates.calculators import REGISTRY
from caf_assistant.text import fold

# works on what exists, and the creation of places (an extension creates places); strong cues decide first
# « construit en 1998 » describes what exists
# « créer un local de repos » in a crèche creates no place; « l'économiste de la construction » builds nothing
_CREATION = (r"cre(er|ation|ee)(?! (?:d )?(?:un|une) (?:petit |petite )?(?:local|espace|coin|salle|bureau|dortoir))|"
             r"(?<!economiste de la )constru(?:i|c)(?!\w* (?:notre |le |un |son )?budget)"
             r"(?!\w* (?:en|dans les annees) (?:19|20)?\d\d)|"
             r"(?<!re)nouvel(?!\w* (?:cuisine|toiture|chaudiere|mobilier|materiel|equipement|peinture|fenetres?|salle de bain))|"
             r"extension|extention|agrandi|"
             r"(?<!coup de )(?<!a )\bneu(?:f|fs|ve|ves)\b|"
             r"sortir de terre|sort de terre|batiment neuf|places? (?:en plus|supplementaires)|"
             # « on veut faire une crèche », « un projet de multi-accueil ... livraison prévue en 2027 »
             r"\b(?:faire|monter|implanter) (?:une|un|notre|la) (?:nouvelle |petite )?"
             r"(?:creche|micro|multi|structure|mam\b|maison d)|"
             r"\bprojet d(?:e|une?) (?:nouvelle )?(?:creche|micro[- ]?creche|multi[- ]?accueil)|livraison (?:est )?prevue")
_RENOVATION = (r"renov|moderni|aux normes|rehabilit|isolation|isoler|refaire|refection|coup de neuf|vetust|toiture|"
               r"chauffage|chaudiere|fenetres|accessibilit|ventilation|climatis|mobilier|materiel|mise en conformite|"
               r"doter|achat|\bachet|acquisition|equiper|rafraich|peinture|remplac|renouvel|changer (?:les|tous|le|la|nos)|"
               r"remise en etat|reprise des sols|\brefait\w*|\bclim\b|(?:remettre|remetre|remise) a neuf|acousti|"
               r"coup de jeune|menuiseries|revetements?|ergonom|\bcuisine\b|\bstores?\b|\bvolets?\b")
_WEAK_CREATION = r"\bmicro|ouvr|transform|regroup|amenag|\bmont(?:e|er|ons|ent)\b"
_WEAK_RENOVATION = r"travaux|equipement|amelior|sanitaires|installer"
# "on veut une crèche", « on voudrait »: a creation, unless works
_WISH = r"\bveu[tx]\b|voulons|voudri|voudrai|souhait|envisag|projet d|\bprevo(?:i|y)"
_RUNNING = (r"fonctionnement|faire tourner|fait tourner|chaque annee|par an\b|annuel|/an\b|(?:a|sur|de) l annee|"
            r"prestation de service|heures facturees")
# the estimates named by their own words (« bafa », « PSU », « chargé de coopération »), from their declarations
_TYPE_PATTERNS: list[tuple[str, str, str]] = [(key, estimate.named_by, estimate.unless)
                                              for key, estimate in REGISTRY.items() if estimate.named_by]
_HINTS: list[tuple[str, str]] = [(key, estimate.hinted_by) for key, estimate in REGISTRY.items() if estimate.hinted_by]
_RPE = re.compile(r"\brpe\b|\bram\b|relais (petite enfance|d assistant|assistants)|\brelais\b|"
                  r"service (?:qui )?(?:accompagne|d accompagnement d\w*|informe) (?:les )?(?:assistant\w* maternel|assmat)|"
                  r"point (?:d )?information petite enfance|"
                  r"lieu (?:d accueil |d information )?(?:pour |des )(?:les )?assistant\w* maternel|"
                  # what a relais does without its name: the professionals meet, the parents are informed
                  r"(?:assistant\w* maternel\w*|nounous|assmats?)\b.{0,160}\b(?:parents?|familles?)\b.{0,50}"
                  r"(?:renseign|inform|s adress|trouver une (?:nounou|assistante)|modes? de garde)|"
                  r"\b(?:informer|renseigner) (?:les )?(?:parents|familles)\b.{0,160}\b(?:assistant\w* maternel|nounous|assmat)")
_RPE_RUNNING = r"fonctionnement|par an\b|annuel|/an\b|\betp\b|guichet|faire tourner"
_RPE_WORKS = f"{_CREATION}|{_RENOVATION}|{_WEAK_CREATION}|{_WEAK_RENOVATION}|local|batiment|investissement"
_MAM = re.compile(r"\bmams?\b|maisons? d assistant|maisons? d assmat|maisons? (?:des|de) (?:nounous|assistant|assmat)|"
                  r"collectif d assistant|regroup\w*.{0,50}(?:nounous|assistant\w* maternel|assmat|ass mat)|"
                  r"(?:nounous|assistant\w* maternel\w*|assmats?).{0,110}(?:regroup|ensemble dans|local commun)|"
                  r"(?:professionnel\w*|assistant\w*) agree\w*.{0,80}\bensemble\b|"
                  r"(?:nounous|assistant\w* maternel\w*|assmats?).{0,60}(?:travaill\w* ensemble|exercer ensemble|"
                  r"accueill\w* (?:les enfants )?ensemble)|(?:maison|local|pavillon)\b.{0,40}\b(?:plusieurs )?"
                  r"(?:nounous|assmats?)\b")
_CRECHE = re.compile(r"creche|structure (?:d accueil )?de \d+ places|"
                     r"multi[- ]?ac+[ue]+il|berceau|halte[- ]garderie|\beaje\b|etablissement d accueil du jeune "
                     r"enfant|tout[- ]petits|moins de (?:3|trois) ans|\bbebes\b|structure petite enfance|"
                     r"accueil petite enfance|lieu d accueil des tout")


def _creche_kind(folded: str) -> str | None:
    for pattern, kind in ((_CREATION, "creche_creation"), (_RENOVATION, "creche_modernisation"), (_RUNNING, "psu"),
                          (_WEAK_CREATION, "creche_creation"), (_WEAK_RENOVATION, "creche_modernisation"),
                          (_WISH, "creche_creation")):
        if re.search(pattern, folded):
            return kind
    return None


# what the message says it is not about (« pas les aides à la construction »)
_NEGATED = re.compile(r"\b(?:pas|sans|hors) (?:les |la |l |des |d )?(?:aides? (?:a|pour) (?:la |l )?)?"
                      r"(?:construction|investissement|travaux)\b")
# a project that exists already (« installé dans l'ancienne école depuis 2020 »): works on it are a renovation
_EXISTING = (r"\bdepuis (?:19|20)\d\d\b|\binstallee?s?\b|\bexistant|\bdeja (?:ouvert|installe|en place)|\bregroupee?s\b|"
             r"\b(?:ouverte?|construite?|creee?) en (?:19|20)\d\d\b|"
             # « nos 3 nounous travaillent ensemble depuis dix ans » (not « un logement vacant depuis deux ans »)
             r"(?:travaill|exerc|install|ouvert|fonctionn|accueill)\w*(?: \w+){0,3} depuis (?:\d+|deux|trois|quatre|cinq|"
             r"six|sept|huit|neuf|dix|quinze|vingt|plusieurs|des) ans\b")
# places added to what exists (« 10 places en plus », « une extension »): a creation even on an existing crèche
_ADDS_PLACES = (r"(?<!pas d )(?<!sans )(?<!aucun )(?:extension|extention|agrandi)|places? (?:en plus|supplementaires)|"
                r"nouvelles places")


def detect_estimate(text: str) -> str | None:
    """The kind of estimate named in ``text`` by its words, or None when it is not said clearly."""
    folded = fold(text).replace("\n", " ; ")  # a list's lines (« Projet : crèche neuve / Capacité : … ») are one message
    works_excluded = bool(_NEGATED.search(folded))
    folded = _NEGATED.sub(" ", folded)
    for key, pattern, unless in _TYPE_PATTERNS:
        if re.search(pattern, folded) and not (unless and re.search(unless, folded)):
            return key
    if _RPE.search(folded):
        # its running costs when they are named, or an animator with no works; otherwise its investment
        running = re.search(_RPE_RUNNING, folded) or (re.search(r"animat", folded) and not re.search(_RPE_WORKS, folded))
        return "rpe_fonctionnement" if running else "rpe_investissement"
    if _MAM.search(folded):
        if re.search(_CREATION, folded) and not re.search(_RENOVATION, folded):
            return "mam_creation"  # « monter une MAM dans l'ancienne école, la mairie porterait les travaux »
        renovation = re.search(f"{_RENOVATION}|{_WEAK_RENOVATION}", folded)
        created = re.search(f"{_CREATION}|{_WEAK_CREATION}|regroup|future|projet (?:de |d )?(?:mam|maison)|"
                            r"(?:bosser|travaill\w*|exerc\w*|s install\w*) ensemble", folded)
        existing = re.search(_EXISTING, folded)
        return "mam_renovation" if renovation and (existing or not created) else "mam_creation"
    if _CRECHE.search(folded):
        if works_excluded and re.search(_RUNNING, folded):
            return "psu"  # « ce que la Caf verse pour le fonctionnement, pas les aides à la construction »
        if re.search(_EXISTING, folded) and re.search(_RENOVATION, folded) and not re.search(_ADDS_PLACES, folded):
            return "creche_modernisation"  # « ouverte en 1998 … menuiseries, ventilation »: works on what exists
        return _creche_kind(folded)
    return next((key for key, pattern in _HINTS if re.search(pattern, folded)), None)


# what a sum may be spent on in a project the estimates know, beyond the words of its kinds and families
_PROJECT_PARTS = (r"\b(?:projet|operation|ensemble|total|tout|an|annee|mois|places?|berceaux?|enfants?|jeunes?|"
                  r"candidats?|heures?|structures?|batiment|locaux|local|salles?|commune|collectivite|territoire|"
                  r"poste|personne|stagiaires?|formation|etude|diagnostic|diag|accueil|equipe|fonctionnement|"
                  r"investissement|famille|parents)\b")
_PROJECT_WORDS = re.compile("|".join(f"(?:{pattern})" for pattern in (
    _CREATION, _RENOVATION, _RUNNING, _WEAK_CREATION, _WEAK_RENOVATION, _RPE.pattern, _MAM.pattern, _CRECHE.pattern,
    _PROJECT_PARTS, *(pattern for _, pattern, _ in _TYPE_PATTERNS), *(pattern for _, pattern in _HINTS))))


def names_project(text: str) -> bool:
    """The words name a project the estimates know, or a part of one (« la cuisine », « les travaux », « le poste »),
    not something else a commune spends on (« la cantine », « la piscine »)."""
    return bool(_PROJECT_WORDS.search(fold(text)))


def families_named(text: str) -> set[str]:
    """The families of projects a text names (« crèche », « Mam », « relais »), to narrow the choice of kind."""
    folded = fold(text)
    found = {name for name, pattern in (("creche", _CRECHE), ("mam", _MAM), ("relais", _RPE)) if pattern.search(folded)}
    return {"mam"} if "mam" in found else found  # « maison d'assistants maternels » is no crèche


# the word naming each family, to read which of its kinds a message is about once the family is known
_FAMILY_WORDS = {"creche": "crèche", "mam": "maison d'assistants maternels", "relais": "relais petite enfance"}


def kind_for_topic(topic: str, text: str) -> str | None:
    """The kind of estimate a message naming none is about, knowing the sheets' topic its words are closest
    to (``topics`` of the declarations): that topic's kind, or, for a family of kinds (the relais's running
    costs or investment), the one its words choose once the family is named."""
    candidates = [key for key, estimate in REGISTRY.items() if topic in estimate.topics]
    if len(candidates) <= 1:
        return next(iter(candidates), None)
    families = {REGISTRY[key].family for key in candidates}
    word = _FAMILY_WORDS.get(next(iter(families))) if len(families) == 1 else None
    chosen = detect_estimate(f"{text} ({word})") if word else None
    return chosen if chosen in candidates else candidates[0]
