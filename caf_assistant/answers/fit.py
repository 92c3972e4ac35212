"""Whether the sentences chosen hold the kind of fact the question asks for.

« Combien de centres sociaux dans la Loire ? » is answered by a sentence that counts centres sociaux, not by
the portrait's number of staff; « combien par habitant ? » by an amount per inhabitant; « combien la Caf
verse ? » by an amount in euros or a share. When the passage holds none of that, the sheets do not say it:
« je ne sais pas », not the nearest figure. Pure functions over folded text.
"""

from __future__ import annotations

import re

from caf_assistant.answers.departements import detect_departement
from caf_assistant.retrieval.analysis import CUES, NAMING_AID_WORDS, Query, aid_name
from caf_assistant.retrieval.query import expand_query
from caf_assistant.text import STOPWORDS, content_terms, fold, stem, tokens

# « combien de N », « nombre de N », « taux de N », « il y a combien de N »: N is what is counted
# (« qui dépend du nombre d'heures », « selon le nombre d'enfants »: what a figure depends on, not what is counted)
_COUNTED = re.compile(r"\b(?:combien|(?<!\bdu )(?<!\bau )(?<!selon le )(?<!fonction du )nombre|taux|part)"
                      r"(?: y a t il| il y a)? (?:de |d )(?:la |l |les )?([a-z]{3,})")
# « combien par N »: an amount per N
_PER = re.compile(r"\bpar ([a-z]{3,})")
# words after « combien de » / « par » that are not what is counted (time, money, the payer)
_NOT_SUBJECTS = frozenset({"temps", "argent", "euros", "euro", "sous", "fric", "an", "ans", "annee", "annees",
                           "mois", "jour", "jours", "semaine", "exemple", "rapport", "ailleurs", "contre",
                           "caf", "cafs", "ici", "chez", "defaut", "avance", "consequent"})
# people and places counted in words the sheets vary (« gens », « salariés » for « collaborateurs »): any figure will do
_ANY_COUNT = frozenset({"gens", "personnes", "monde", "petits", "bebes", "enfants", "jeunes", "salaries", "employes",
                        "agents", "collaborateurs", "habitants", "foyers", "familles", "menages", "beneficiaires",
                        "allocataires", "structures", "lieux", "places", "communes"})
_MONEY_ASKED = re.compile(r"\bmontant|\bcout|\bcoute|\bprix\b|\btarif|\bbudget|\beuros?\b|€|\bde combien\b|"
                          r"\ba quelle hauteur\b|\bcombien\b.{0,40}\b(?:verse|donne|paie|paye|touche|rapporte|finance|"
                          r"subventionne|aide)|\b(?:verse|donne|paie|paye|finance)\w* (?:t elle |t il )?combien\b")
# a sum in euros (« 8 000 € », « 1,7 M€ »); a money figure is one, a share or a sum in millions
_EUROS = re.compile(r"\d[\d\s.,]*\s?(?:(?:mrd|mds?|m|k|millions?|milliards?)\s?(?:d )?)?(?:€|euros?)")
_MONEY = re.compile(_EUROS.pattern + r"|\d\s?%|\d\s?(?:millions?|milliards?)\b")
# a share of people or structures (« 96 % des centres sociaux », « 61 % de la population »), not of a cost
_SHARE_OF_A_COUNT = re.compile(r"\d\s?% (?:des|de la population|d entre)\b(?! (?:depenses|couts?|frais|charges|montants|"
                               r"sommes|budgets?|financements?|heures))")
_DIGIT = re.compile(r"\d")
_FIGURE = re.compile(r"(?<!\d)(?!(?:19|20)\d\d(?!\d))\d")  # a figure, not a year
_PHONE = re.compile(r"\b0(?:[ .]?\d){9}\b|\b32 ?30\b")
_PHONE_ASKED = re.compile(r"\bnumero|\btelephone|\btel\b|\bappeler\b|\bappelle\b")
# a way to reach someone: a phone number, an e-mail, a site, a postal address
_CONTACT = re.compile(r"@|\b0(?:[ .]?\d){9}\b|\b32 ?30\b|\bcaf\.fr|www\.|https?://|"
                      r"\b[a-z-]+\.(?:fr|com|org|gouv)\b|\b\d{5} [a-z]|\b(?:rue|quai|avenue|boulevard|place) |\bbp \d")


def _words(text: str) -> str:
    return re.sub(r"[^a-z0-9€%]+", " ", fold(text))


def _subject(pattern: re.Pattern, text: str) -> str | None:
    for match in pattern.finditer(_words(text)):
        word = match.group(1)
        if word not in STOPWORDS and word not in _NOT_SUBJECTS:
            return word
    return None


def counted_subject(text: str) -> str | None:
    """What « combien de ... » counts first (« centres » in « combien de centres sociaux »), if anything."""
    return next(iter(counted_subjects(text)), None)


def counted_subjects(text: str) -> list[str]:
    """Everything « combien de ... » counts (« combien d'enfants et combien de familles »)."""
    return [m.group(1) for m in _COUNTED.finditer(_words(text))
            if m.group(1) not in STOPWORDS and m.group(1) not in _NOT_SUBJECTS]


def counted_in(query: Query) -> list[str]:
    """What the question counts; for a follow-up that counts nothing itself (« et dans la Loire ? »), what the
    question it follows counted."""
    return counted_subjects(query.text) or (counted_subjects(query.asked) if query.follow_up else [])


# a rate named by its adjective (« le prix plafond horaire », « le coût horaire »): a figure per hour
_HOURLY = re.compile(r"\b(?:prix|cout|tarif|taux|montant|plafond|forfait)\w*(?: \w+)? horaires?\b")


def per_subject(text: str) -> str | None:
    """What an amount is asked per (« habitant » in « combien par habitant ? », « heure » for « le prix
    horaire »), if anything."""
    return _subject(_PER, text) or ("heure" if _HOURLY.search(_words(text)) else None)


# what a figure per place is also written per (« par berceau », « par enfant accueilli »)
_PER_SAME = {"place": ("place", "berceau"), "berceau": ("place", "berceau"), "enfant": ("enfant", "place", "berceau")}
# and per structure (« 2,8 par structure en moyenne » for « combien de salariés par espace de vie sociale ? »)
_PER_SAME.update({kind: (kind, "structure") for kind in ("espace", "centre", "etablissement", "equipement", "relais",
                                                            "creche", "accueil", "lieu", "structure")})


def gives_per(per: str, text: str) -> bool:
    """The text gives a figure per that unit (« 4 800 € par place »), not only the word (« 152 000 places »)."""
    words = _words(text)
    for unit in _PER_SAME.get(per, (per,)):
        for match in re.finditer(rf"(?:\bpar|\bchaque|/|\bpour (?:un|une|chaque))\s*(?:an et par\s+|annee et par\s+)?{unit}",
                                 words):
            # a figure next to it (« 4 800 € par place »), not « pour chaque heure facturée » in a sentence
            if _FIGURE.search(words[max(0, match.start() - 40):match.end() + 40]):
                return True
    # the unit named without « par » (« l'aide aux candidats : 91,47 € »), but not as a count of it (« 1 000 postes »)
    return bool(names(per, set(content_terms(text)))) and per not in _PER_SAME and per not in _PER_ONLY \
        and not counts_in_so_many_words(per, [text])


# units a figure is given per only in so many words: « pour chaque heure facturée » gives no hourly figure
_PER_ONLY = frozenset({"heure"})


def asks_money(text: str) -> bool:
    return bool(_MONEY_ASKED.search(_words(text)))


_EUROS_ASKED = re.compile(r"\ben euros?\b|\ben €")


def named_aid(text: str) -> set[str]:
    """The stems of the aid a question names by a naming word (« attractivite » in « le bonus attractivité »)."""
    words = tokens(text)
    for i, word in enumerate(words):
        if word in NAMING_AID_WORDS:
            name = aid_name(words, i + 1)
            if name:
                return {stem(w) for w in name}
    return set()


def names(word: str, terms: set[str], whole: bool = False) -> bool:
    """The word, or what the sheets call it (abbreviations.yml), among the passage's terms: the abbreviation
    itself, the head of its expansion (« relais » for « RPE ») or half of its words; « enfants » alone does
    not name a Laep (« lieu d'accueil enfants-parents »). With `whole`, all the words of its expansion
    (« revenu de solidarité active » for the RSA)."""
    own = set(content_terms(word))
    if own & terms:
        return True
    expansion = [t for t in content_terms(expand_query(word)) if t not in own]
    if not expansion:
        return False
    if whole:
        return set(expansion) <= terms
    return expansion[0] in terms or 2 * len(set(expansion) & terms) >= len(set(expansion))


# a figure then its noun, not a ratio (« 1 habitant sur 2 » counts no inhabitants)
_NUMBER_THEN = re.compile(r"(?<![\d,.])\d[\d \u00a0\u202f.,]*\s+([a-z'-]+)(?! sur \d)")
# a sum and what it is paid for (« 138 millions au titre du revenu de solidarité active »)
_SUM_FOR = re.compile(r"\d[\d \u00a0\u202f.,]*\s*(?:millions?|milliards?|m€|€)\s*(?:d euros\s*)?au titre "
                      r"(?:du|de la|des|de l|d)\s*([a-z' -]{3,60})")
# what the sheets count with many different nouns (« 4 enfants » per childminder, « 740 000 enfants » in all)
_VAGUE_COUNT = frozenset({"gens", "personnes", "monde", "petits", "bebes", "enfants", "jeunes"})


def counts_in_so_many_words(counted: str, units: list[str]) -> bool:
    """A figure written right before what is counted (« 155 609 allocataires », « 1 824 Ctg ont été signées »),
    or a sum given for it by name (« 138 millions au titre du revenu de solidarité active » for the RSA), not
    only a figure under a heading that names it; never for a vague noun (« personnes »)."""
    if counted in _VAGUE_COUNT:
        return False
    folded = [fold(unit) for unit in units]
    return any(names(counted, set(content_terms(m.group(1)))) for text in folded for m in _NUMBER_THEN.finditer(text)) \
        or any(names(counted, set(content_terms(m.group(1))), whole=True) for text in folded
               for m in _SUM_FOR.finditer(text))


# a sum paid for something named (« 138 millions au titre du revenu de solidarité active », « 40 millions d'euros au
# service de l'action sociale »)
_SUM_PAID_FOR = re.compile(r"\d[\d \u00a0\u202f.,]*\s*(?:millions?|milliards?|m€|€)\s*(?:d euros\s*)?(?:au titre|au service) "
                           r"(?:du|de la|des|de l|d)\s*([a-z' -]{3,60})")
# words of a sum's purpose that name none (« au service de l'action sociale dont : »)
_PURPOSE_END = re.compile(r"\b(?:dont|et|pour|par|soit|en)\b.*")


def names_sum_for(text: str, units: list[str]) -> bool:
    """The sentences give a sum for what the question names in full (« et pour le RSA ? »: « 138 millions au titre du
    revenu de solidarité active »; « et l'action sociale ? »), not only a total (« 679 millions de prestations »)
    nor a sum for something that shares one word with it (« mixité sociale » is not the action sociale)."""
    asked = set(content_terms(expand_query(text)))
    for unit in units:
        for match in _SUM_PAID_FOR.finditer(fold(unit)):
            purpose = set(content_terms(_PURPOSE_END.sub("", match.group(1))))
            if purpose and purpose <= asked:
                return True
    return False


def gives_contact(text: str, phone: bool = False) -> bool:
    """A phone number, an e-mail, a site or a postal address (with `phone`, a phone number)."""
    return bool((_PHONE if phone else _CONTACT).search(fold(text)))


def phones_in(text: str) -> set[str]:
    """The phone numbers of a text, digits only (« 32 30 » and « 3230 » are one number)."""
    return {re.sub(r"\D", "", m.group(0)) for m in _PHONE.finditer(fold(text))}


def shared_phones(chunks) -> set[str]:
    """Numbers that the portraits of at least two departments give: every Caf's number, not a local one."""
    by_departement: dict[str, set[str]] = {}
    for chunk in chunks:
        if chunk.departement:
            by_departement.setdefault(chunk.departement, set()).update(phones_in(f"{chunk.section} {chunk.text}"))
    counts: dict[str, int] = {}
    for numbers in by_departement.values():
        for number in numbers:
            counts[number] = counts.get(number, 0) + 1
    return {number for number, count in counts.items() if count >= 2}


def asks_phone(text: str) -> bool:
    return bool(_PHONE_ASKED.search(_words(text)))


# the scale of the figure asked: a national budget (« combien les Caf consacrent au plan national ? ») is in
# millions; a project's aid (« pour notre poste », « par place ») is not
_NATIONAL = re.compile(r"\b(?:au niveau national|au plan national|nationale?s?|nationalement|en france|du pays|"
                       r"les caf (?:consacrent|mettent|versent|financent|depensent)|enveloppe|budget)\b")
LARGE_FIGURE = re.compile(r"\d[\d\s.,]*\s?(?:millions?|milliards?|m€|md€|mrd)")


def asks_national(text: str) -> bool:
    """The question asks a national figure (a budget, what the Caf spend in France), not a project's."""
    return bool(_NATIONAL.search(fold(text)))


# a figure asked for one's own project or post (« pour ce poste », « notre crèche »), not for a whole territory
_OWN_SCALE = re.compile(r"\b(?:notre|nos|mon|ma|ce poste|cette structure|pour (?:un|une) (?:poste|place|structure|projet))\b")
_WHOLE_TERRITORY = re.compile(r"\bdepartement|\ben tout\b|\bau total\b|\btout le\b|\bl ensemble\b|\bplan\b")


def asks_project_scale(text: str) -> bool:
    folded = fold(text)
    return bool(_OWN_SCALE.search(folded)) and not _WHOLE_TERRITORY.search(folded) and not asks_national(text) \
        and detect_departement(text) is None


def holds_asked_fact(query: Query, units: list[str], heading: str = "") -> bool:
    """For a figure asked: a figure, about what is counted, per what is asked, in euros when money is asked;
    for a contact asked: a phone number, an address, a site."""
    if query.question_type == "contact":
        return gives_contact(" ".join([heading, *units]), phone=asks_phone(query.text))
    if query.question_type in ("duration", "age") and not query.asks_amount:
        # « valable combien d'années ? »: a duration (an age) in the sentences, not a passage that gives none
        return bool(CUES[query.question_type].search(fold(" ".join([heading, *units]))))
    if not query.asks_amount:
        return True
    text = " ".join(units)
    if not _DIGIT.search(text):
        return False
    if all(LARGE_FIGURE.search(fold(u)) for u in units if _DIGIT.search(u)) and asks_project_scale(query.asked):
        return False  # « quelle participation pour ce poste ? »: not what the Caf spend nationally (« 90 M€ par an »)
    counted = next(iter(counted_in(query)), None)
    aid = named_aid(query.text) if not counted else set()  # « combien de relais avec le bonus » counts relais
    heading_terms = set(content_terms(heading))
    if aid and not any(_DIGIT.search(u) and aid & (heading_terms | set(content_terms(u))) for u in units):
        return False  # the figures are about something else than the aid named (« le bonus attractivité »)
    if counted:  # a figure in a sentence that names what is counted, not only the heading
        return counted in _ANY_COUNT or any(_DIGIT.search(u) and names(counted, set(content_terms(u))) for u in units)
    per = per_subject(query.text)
    if per and not gives_per(per, f"{heading} {text}"):
        return False
    if _EUROS_ASKED.search(_words(query.text)):
        return bool(_EUROS.search(fold(text)))  # « en euros »: a share or a count is not what was asked
    if asks_money(query.text):
        return bool(_MONEY.search(_SHARE_OF_A_COUNT.sub(" ", fold(text))))
    return True
