"""The question, analysed once: the object that flows through retriever, ranker and composer.

Pure functions: folding, terms, abbreviation expansion, question type, the topics the question names,
the edition year it asks for, and follow-ups read with the conversation's previous question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from caf_assistant.retrieval.query import expand_query
from caf_assistant.text import STOPWORDS, content_terms, fold, stem, tokens

# what kind of fact the question asks for, tried in this order on the folded text
QUESTION_TYPES: tuple[tuple[str, re.Pattern], ...] = tuple((name, re.compile(pattern)) for name, pattern in (
    ("duration", r"combien d(?:e|es)? (?:temps|mois|annees|ans)\b|\bduree\b|pendant combien|\bdure(?:ra|nt)?\b|"
                 r"pour combien de temps"),
    # the age asked (« quel âge », « l'âge des enfants »), not the people described (« nos habitants âgés »)
    ("age", r"\bquel age\b|\b(?:l|d|leur|son) age\b|\bage (?:minimum|maximum|limite|requis|des)\b|\bages de\b|"
            r"tranche d age|a partir de combien d ans|jusqu a quel|a partir de quel"),
    ("amount", r"\bcombien\b|\bmontant|\btarifs?\b|\bprix\b|\bcout|\btaux\b|\bpourcentages?\b|\bplafond|"
               r"\bsommes?\b|\bbudget|\benveloppe|\beuros?\b|€|\bforfait|\bhauteur\b|\bchiffres?\b|\bnombre\b|\bpart\b|"
               r"\bparticipation (?:financiere|de la caf)\b|\bquelle participation\b"),
    ("who", r"\bqui\b|\baupres de qui\b|\binterlocut|\bquel service\b|\bquelle personne\b"),
    ("contact", r"\bcontact|\bjoindre\b|\btelephone|\bnumero\b|\badresses?\b|\bmail\b|\bcourriel|\bappeler\b|\btel\b"),
    ("when", r"\bquand\b(?! meme\b)|\bdepuis quand\b|\bquelle date\b|\bdelai"),
    ("definition", r"c (?:est|etait|koi) quoi|\bc koi\b|qu est[- ]ce qu|\bkesako\b|\bdefinition\b|\bca consiste\b|"
                   r"a quoi (?:ca )?ser|\bquel est le role\b|\bexpliqu|\bpresent(?:er|ez)\b|\bc est quoi\b"),
    ("condition", r"\bconditions?\b|\beligib|\bpeut[- ]on\b|\bpouvons[- ]nous\b|\bfaut[- ]il\b|\bobligatoire|"
                  r"\bdroit a\b|\bcriteres?\b|\bpour qui\b|\bqui peut\b|\best[- ]ce qu"),
    ("how", r"\bcomment\b|\bdemarches?\b|\bdemander\b|\bdossier\b"),
))
# what a unit holds that answers each kind of question (on folded text)
CUES = {
    "amount": re.compile(r"\d[\d\s.,]*\s?(?:€|euros?|%|millions?|milliards?|md€|m€)|\d"),
    "duration": re.compile(r"\b\d+\s*(?:ans?|mois|annees?|jours?|nuits?)\b|\bduree|pluriannu|\bquatre ans|\bcinq ans"),
    "age": re.compile(r"\b\d+\s*(?:a|-)\s*\d+\s*ans\b|\b\d+\s*ans\b|\bmoins de \d+|\bage"),
    "who": re.compile(r"\bcaf\b|\bconseill|\bcharge|\bcommunes?\b|\bepci|\bassociation|\bgestionnaire|\bfamilles?\b"),
    "contact": re.compile(r"@|\b\d{2}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2}|caf\.fr|www\.|\.fr\b|\badresse|\brue\b|\bbp\b|"
                          r"\bcedex|\btelephone|\bcontact|\b32 ?30\b"),
    "when": re.compile(r"\b20\d\d\b|\bdepuis\b|\ba partir\b|\bdes le\b|\bjusqu"),
    "definition": re.compile(r"\b(?:est|sont) (?:un|une|des|le|la|les)\b|\bpermet|\bvise|\ba pour (?:but|objet|objectif|mission)|"
                             r"\bc est\b|\bdestine|\bpropose|\bfinance"),
    "condition": re.compile(r"\bdoi[tv]|\bcondition|\beligib|\bsous reserve|\bsi\b|\bdes lors|\bpour (?:les|toutes?)\b|"
                            r"\bavis|\bagre|\bpeu(?:t|vent)\b|\bobligatoire"),
}
_FOLLOW_UP_START = re.compile(r"^(?:et|mais|pareil|meme chose|idem|ok et|d accord et|et si|et pour|et en|et les?|"
                              r"et la|et dans|et avec|et sans|et chez|et au|et aux)\b")
# a turn opening on a pronoun points back to the previous question (« ça couvre quelle part ? »)
_POINTS_BACK = re.compile(r"^(?:ca|cela|il|elle|ils|elles|c est|ce|celui|celle|ceux|leur|son|sa|ses|y|en|la dedans|"
                          r"dedans|pour ca|pour cela|donc|alors|du coup|vous avez un exemple|un exemple)\b")
_ASKS_WHAT = re.compile(r"^(?:c est quoi|c est qui|qu est ce que|qu est ce qu|quest ce que)\b")
_YEAR = re.compile(r"\b(?:en|de|pour|dans l edition|edition|regles? de|annee)\s+(20[12]\d)\b")


@dataclass(frozen=True)
class Query:
    text: str                      # what the user asked this turn (cleaned)
    asked: str                     # with the previous question for a follow-up
    search_text: str               # with the previous question for a follow-up, and the expansions
    question_type: str             # duration | age | amount | who | contact | when | definition | condition | how | other
    year: int | None = None        # an edition year asked for (« et en 2020 ? »)
    follow_up: bool = False
    broad: bool = False
    unknown_aid: str | None = None  # a word naming an aid no sheet knows (« le bonus montagne »)
    topics: frozenset[str] = field(default_factory=frozenset)  # topics named, filled by the retriever
    # a follow-up that turns to another offer (« et pour le fonds de modernisation ? »): its passages first
    turned_to: frozenset[str] = field(default_factory=frozenset)

    @property
    def asks_amount(self) -> bool:
        return self.question_type == "amount"


_ASIDE = re.compile(r"\([^)]*\)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def asking_part(text: str) -> str:
    """What a message asks: its sentences that end with « ? », asides in brackets left out (« Pour le dossier
    (pièces, vérification des chiffres), qui est notre interlocuteur ? »); the whole message without a « ? »."""
    plain = _ASIDE.sub(" ", text)
    asked = [s for s in _SENTENCE_END.split(plain) if s.rstrip().endswith("?")]
    return " ".join(asked) or plain


def question_type(text: str) -> str:
    """The kind of fact asked, read first in what the message asks, then in the whole message."""
    for part in dict.fromkeys((asking_part(text), text)):
        folded = fold(part)
        for name, pattern in QUESTION_TYPES:
            if pattern.search(folded):
                return name
    return "other"


FOLLOW_UP_TERMS = 4  # « et si la crèche est implantée dans un quartier prioritaire ? » reads with what came before


def is_follow_up(text: str, previous: str | None, names_topic: bool) -> bool:
    """A short turn that only makes sense with the previous question (« et en QPV ? », « combien ? »)."""
    if not previous:
        return False
    folded = re.sub(r"[^a-z0-9 ]+", " ", fold(text)).strip()
    if names_topic and _ASKS_WHAT.match(folded):
        return False  # « c'est quoi le bonus territoire ? » after a question on the Ctg asks about the bonus
    if _FOLLOW_UP_START.match(folded) or _POINTS_BACK.match(folded):
        return not names_topic or len(content_terms(text)) <= FOLLOW_UP_TERMS
    return len(content_terms(text)) <= 4 and not names_topic


_BROAD = re.compile(r"que (?:peut|pourrait|peuvent) (?:faire|proposer|apporter|financer)|"
                    r"quel(?:le)?s? (?:sont )?(?:les )?(?:dispositifs|aides|offres|accompagnements|leviers|solutions|"
                    r"financements|actions|soutiens)|par quoi commencer|"
                    r"la caf (?:peut|pourrait)(?:[- ]elle)? (?:nous|m) aider|"
                    r"qu est ce que la caf (?:peut|propose|fait)|que propose la caf|"
                    r"vue d ensemble|tour d horizon|panorama|"
                    r"(?:lister|liste|recenser) (?:les|des) (?:actions|aides|dispositifs|offres|financements|leviers)")


# asking for the whole range, even on one family of offers (« un panorama des leviers pour l'accueil des moins de
# trois ans », « sur quoi la Caf peut-elle nous aider ? »)
_OVERVIEW = re.compile(r"vue d ensemble|tour d horizon|panorama|sur quoi la caf|"
                       r"(?:lister|liste|recenser) (?:les|des|toutes les) (?:actions|aides|dispositifs|offres|financements|"
                       r"leviers)|quel(?:le)?s? (?:sont )?(?:les |tous les )?(?:differents )?(?:leviers|dispositifs)\b|"
                       r"comment (?:la caf|les caf|vous) (?:peut[- ]elle |peuvent[- ]elles |pouvez[- ]vous )?(?:nous )?"
                       r"(?:aider|accompagner|soutenir)\b|"
                       r"(?:que|qu est ce que) (?:la caf|les caf|vous) (?:peut|peuvent|pouvez|pourrait|pourriez)"
                       r"(?: elle| elles)?(?: concretement| reellement)? (?:faire|proposer|apporter|mobiliser)\b|"
                       r"que (?:peut|pourrait|peuvent)(?: concretement)? (?:faire|proposer|apporter) (?:la caf|les caf)\b|"
                       r"l ensemble des (?:leviers|aides|dispositifs|offres|financements|actions|accompagnements)\b|"
                       r"tous les (?:leviers|dispositifs|financements|accompagnements)\b")


def is_broad(text: str, names_topic: bool) -> bool:
    """A broad question (« maire d'une commune rurale, que peut faire la Caf ? ») that no single offer answers."""
    return not names_topic and bool(_BROAD.search(fold(text)))


def asks_overview(text: str) -> bool:
    """The question asks for the range of offers in so many words, whatever offer it names."""
    return bool(_OVERVIEW.search(fold(text)))


# (« le nouveau montant », not the new hours or places a question is about)
_NOW = re.compile(r"\b(?:aujourd hui|actuel|maintenant|toujours|tjrs?|tjs|encore|plus recent|dernier|derniere|"
                  r"(?:nouveaux?|nouvelles?) (?:montants?|chiffres?|plafonds?|taux|fiches?|editions?|baremes?|versions?|"
                  r"regles?|sommes?|forfaits?|valeurs?)|a jour|desormais|en vigueur|evolue|change|d actualite|a retenir|"
                  r"bon chiffre|valable|bouge|perime|obsolete|depasse)")


def asks_current(text: str) -> bool:
    """The question asks whether something still holds (« c'est toujours 17 000 € ? », « ça a bougé ? »)."""
    return bool(_NOW.search(fold(text)))


def asked_year(text: str) -> int | None:
    """The edition year asked for; none when the question asks what holds now (« c'est toujours... ? »)."""
    match = _YEAR.search(fold(text))
    return int(match.group(1)) if match and not asks_current(text) else None


def opens_follow_up(text: str) -> bool:
    """The turn opens as a follow-up does (« et si… », « et pour… »)."""
    return bool(_FOLLOW_UP_START.match(re.sub(r"[^a-z0-9 ]+", " ", fold(text)).strip()))


def analyse(text: str, previous: str | None = None, names_topic=lambda text: False,
            follow_up: bool | None = None) -> Query:
    """`names_topic(text)` tells whether the text names a topic of the sheets on its own; `follow_up`, when
    given, decides whether the turn reads with the previous question."""
    named = names_topic(text)
    follow_up = is_follow_up(text, previous, named) if follow_up is None else bool(previous) and follow_up
    base = f"{previous} {text}" if follow_up else text
    search_text = expand_query(base)
    own_type = question_type(text)
    kind = question_type(previous) if follow_up and own_type == "other" and previous else own_type
    return Query(text=text, asked=base, search_text=search_text, question_type=kind, year=asked_year(text),
                 follow_up=follow_up, broad=not follow_up and is_broad(text, named))


AID_WORDS = frozenset({"bonus", "prime", "primes", "aide", "aides", "fonds", "allocation", "forfait", "cheque",
                       "subvention", "dispositif", "plan", "prestation", "label"})
# aid words that name one aid by the words after them (« bonus territoire »): those words must follow them in a sheet
NAMING_AID_WORDS = frozenset({"bonus", "prime", "primes", "cheque", "cheques", "label", "fonds"})
FOLLOWER_WINDOW = 4
_NAME_OPENERS = frozenset({"d", "de", "du", "des", "l", "a", "au", "aux", "la", "le", "les"})
_PUBLISHERS = frozenset({"caf", "cnaf", "cafs"})
_NAME_ENDS = frozenset({"tel", "telle", "tels", "telles", "comme", "ainsi", "actuel", "actuelle", "actuellement"})


def aid_followers(texts) -> dict[str, frozenset[str]]:
    """For each naming aid word, the stems the sheets write within a few words after it."""
    followers: dict[str, set[str]] = {word: set() for word in NAMING_AID_WORDS}
    for text in texts:
        words = tokens(text)
        for i, word in enumerate(words):
            if word in followers:
                followers[word].update(stem(w) for w in words[i + 1:i + 1 + FOLLOWER_WINDOW])
    return {word: frozenset(stems) for word, stems in followers.items()}


def aid_name(words: list[str], start: int) -> list[str]:
    """The words naming an aid after its aid word: « horaires atypiques » in « bonus horaires atypiques pour... »."""
    name: list[str] = []
    for word in words[start:start + 4]:
        if len(name) == 2:  # the aid's name; what follows may already be the sentence's verb
            break
        if word in _NAME_ENDS:  # « le bonus territoire tel qu'il était en 2020 »
            break
        if word in STOPWORDS or word in _PUBLISHERS:
            if name or word not in _NAME_OPENERS | _PUBLISHERS:
                break
            continue  # « le fonds Caf de revitalisation »: the aid's name follows the Caf's
        if len(word) >= 3 and not word.isdigit():
            name.append(word)
    return name


_CLAUSES = re.compile(r"[.,;:!?()\n]+")


def unknown_aid(text: str, vocabulary, followers: dict[str, frozenset[str]] | None = None) -> str | None:
    """A word naming an aid the sheets do not know, which must get « je ne sais pas », not the nearest figure:
    a word after an aid word (« bonus », « prime »...) that no sheet and no question uses, or, after a word that
    names one aid (« bonus », « prime »), a word the sheets never write after it (« bonus horaires atypiques »)."""
    for clause in _CLAUSES.split(text):  # an aid's name does not run past a comma (« le bonus territoire ? Merci »)
        words = tokens(clause)
        content = [t for t in words if t not in STOPWORDS]
        for i, word in enumerate(content):
            if word in AID_WORDS:
                for following in content[i + 1:i + 4]:
                    if len(following) >= 4 and not following.isdigit() and stem(following) not in vocabulary:
                        return following
        for i, word in enumerate(words):
            if followers and word in followers:
                for named in aid_name(words, i + 1):
                    if stem(named) not in followers[word]:
                        return named
    return None


def as_query(query: Query | str) -> Query:
    """Pure functions take a Query or, in tests and tools, the plain text."""
    return query if isinstance(query, Query) else analyse(query)


def coverage(query: Query | str, text: str, figures: bool = True) -> float:
    """Share of the question's own content terms (without expansions) that the text contains; without
    `figures`, the numbers the question quotes do not count (« c'est toujours 250 000 € ? »)."""
    asked = {t for t in content_terms(as_query(query).asked) if figures or not t.isdigit()}
    if not asked:
        return 0.0
    return len(asked & set(content_terms(text))) / len(asked)
