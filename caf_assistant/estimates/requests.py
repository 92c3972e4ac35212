"""Whether a message is an estimate to compute at all, or a question for the sheets.

An estimate needs a project's facts (places, a cost, candidates, a salary...) or an explicit request for a
simulation; « combien coûte une place de crèche ? » is a question. Pure functions over the text and the
facts that caf_assistant.estimates.facts reads from it.
"""

from __future__ import annotations

import re

from caf_assistant.answers.requests import is_own_case
from caf_assistant.estimates.facts import Facts, extract_facts
from caf_assistant.text import fold

_AMOUNT_WORDING = re.compile(
    r"estim|simul|calcul|chiffr(?:er|age|ez|ons)|\bcb\b|montant|quel(?:le)? (?:financement|somme|subvention|aide)|"
    r"combien\b.*\b(?:touch\w*|aur\w*|financ\w*|vers\w*|donn\w*|mett\w*|pai\w*|pay\w*|aides?|subvention\w*|"
    r"particip\w*|bonus|psu|pour|rembours\w*|compens\w*)\b|"
    r"\b(?:financ|vers|donn|mett|met|pai|pay|compens|prend)\w* combien\b|"
    r"ce que (?:la caf|vous) (?:nous |me |leur )?(?:verse|donne|financ|pai|"
    r"apport|rembours|prend)|(?:la caf|vous) (?:nous |me |leur )?rembours"
)
# « chiffrer », not « les chiffres »; « calculer », not the rule told in the passive (« il est calculé sur... »)
_SIMULATION = re.compile(r"estim|simul|(?<!est )(?<!sont )(?<!etre )(?<!se )calcul|chiffr(?:er|age|ez|ons)")
_OWN_PROJECT = re.compile(r"\b(?:notre|nos|mon|ma) (?:projet|creche|micro|multi|mam|rpe|relais|poste|alsh|centre)")
_QUESTION = re.compile(r"c est quoi|qu est-ce|quest-ce|comment|pourquoi|\bquand\b|\bou\b|\bqui\b|definition")
# what makes a message with a project's figures a question on the offer rather than its estimate
_DEFINITION = re.compile(r"(?:c est quoi|qu est-ce que c est|qu est-ce qu (?:un|une)\b|(?:qu est-ce|quest-ce) que (?:le|la|les|l)"
                         r"\b(?! ?caf\b))(?![,\s]+(?:\w+[,\s]+){0,3}(?:la |le |l |les )?(?:fourchette|montant|somme|aide|"
                         r"financement|chiffre|enveloppe|part|total))|definition|a quoi sert")


# « c'est toujours 250 000 € max ? », « ce plafond est-il toujours d'actualité ? »: a figure of the sheets to check,
# not a project's
_STILL_HOLDS = re.compile(r"\b(?:toujours|tjs|tjrs|encore) (?:\d|vrai|valable|le cas|pareil|le meme|la meme|jusqu|ca\b|"
                          r"(?:ce|cet|cette|ces|le|la|les) (?:montants?|chiffres?|plafonds?|forfaits?|taux|sommes?|prix)\b)|"
                          r"d actualite|\ba jour\b|a retenir|le bon chiffre|a (?:change|evolue|bouge)\b|obsolete|perime")


def checks_a_figure(text: str | None) -> bool:
    """The message asks whether a figure it quotes still holds."""
    return bool(text) and "?" in text and bool(_STILL_HOLDS.search(fold(text)))


_REFERS_BACK = re.compile(r"\b(?:ces|cette|ce|ces memes|le meme|la meme|les memes)\s+(?:memes?\s+)?"
                          r"(?:places?|berceaux|projet|creche|structure|mam|relais|poste|jeunes|enfants|equipement)\b")


def refers_back(text: str | None) -> bool:
    """« et les bonus annuels pour ces places ? »: the project of the estimate just made, not a new one."""
    return bool(text) and bool(_REFERS_BACK.search(fold(text)))


def continues_estimate(text: str | None, previous_estimate: str | None, facts: Facts | None = None) -> bool:
    """After an estimate, a message that names another kind of estimate for the same project."""
    if not previous_estimate or not refers_back(text):
        return False
    return (facts or extract_facts(text)).estimate is not None


_CORRECTION = re.compile(r"^\W*(?:(?:ah|oh|bon|ok|d accord|alors|oui|merci|euh)\W+)*(?:en fait|finalement|plutot|pardon|"
                         r"non|correction|erratum|et si|et avec|et pour|et selon|et sous|si (?:c etait|on passe|on avait)|"
                         r"avec plutot|mais|je me suis trompe|erreur)\b|\b(?:en fait|finalement|plutot|je voulais dire)\b")


def corrects_estimate(text: str | None, previous_estimate: str | None) -> bool:
    """After an estimate, a message correcting one of its facts (« en fait le chiffrage est monté à 380 000 € »,
    « et si c'était en QPV ? »): the estimate again, recomputed."""
    if not text or not previous_estimate or text.startswith("/"):
        return False
    facts = extract_facts(text, previous_estimate)
    if (facts.rules_year is not None or facts.rules_today) and facts.estimate in (None, previous_estimate):
        return True  # « d'accord, et selon les règles de 2020 ? »: the same estimate under other rules
    if not _CORRECTION.search(fold(text)):
        return False
    return (facts.estimate in (None, previous_estimate) and bool(facts.values)) or facts.rules_year is not None


def asks_for_amount(text: str) -> bool:
    """Whether the wording asks for an amount for one's project ("combien pour...", "estimation", "simule")."""
    return bool(_AMOUNT_WORDING.search(fold(text)))


# beyond the wording of asks_for_amount and of a simulation, what asks for a figure (« que peut apporter la Caf ? »,
# « jusqu'où », « l'ordre de grandeur », « aide caf max ? »); a question on a project with none is a yes/no on the rules
_FIGURE_ASKED = re.compile(r"combien|\bcb\b|montant|\bverse|calcul|\bque\b|\bqu\b|\bquel|\bquoi\b|jusqu ou|hauteur|"
                           r"grandeur|\bpart\b|particip|\bcout|\bprix\b|budget|\bprevoir\b|\bdonner\b|\baides?\b|bonus|"
                           r"\bpsu\b|attendu|pretendre|supplement|\bmax|=|\btotal\b|\bfinancement\b|\benvisageable\b")


def asks_a_figure(text: str) -> bool:
    """The message asks for a figure, in whatever words."""
    folded = fold(text)
    return asks_for_amount(text) or bool(_SIMULATION.search(folded) or _FIGURE_ASKED.search(folded))


def gives_project_facts(text: str | None, facts: Facts | None = None) -> bool:
    """A message that names a kind of estimate and gives figures for it (« 18 places, 350 000 € de travaux »):
    an estimate to compute, whatever the NLU made of it."""
    if not text or text.startswith("/") or _DEFINITION.search(fold(text)) or checks_a_figure(text):
        return False
    facts = facts or extract_facts(text, intent="request_estimate")
    if "?" in text and not asks_a_figure(text):
        return False  # « agrandir notre crèche de 10 berceaux : on peut passer par le fonds de modernisation ? »
    if asks_rate_per_unit(text, facts):
        return False  # « la caf donne cb par an pr 1 animatrice de relais ? »: a rate per unit, the sheets give it
    # figures, or the words of a simulation (« on voudrait chiffrer l'aide pour une Mam qu'on va créer »), not about
    # a person's own bill (« pouvez-vous refaire le calcul de mon tarif ? »: redirected)
    return facts.estimate is not None and (any(not isinstance(v, bool) for v in facts.values.values())
                                           or (bool(_SIMULATION.search(fold(text))) and not is_own_case(text)))


def asks_rate_per_unit(text: str, facts: Facts) -> bool:
    """A question whose only figures are ones (« 1 animatrice à plein temps », « pour une place »), without the words
    of a simulation: what the Caf gives per unit, which the sheets state, not a project to compute."""
    numbers = [value for value in facts.values.values() if not isinstance(value, bool)]
    one_unit = bool(numbers) and all(value == 1 for value in numbers)
    return "?" in text and one_unit and not _SIMULATION.search(fold(text))


def describes_a_project(text: str | None, facts: Facts | None = None) -> bool:
    """A message asking what the Caf would give for a project whose figures it gives, without naming the kind of
    estimate (« le lieu où les nounous se retrouvent nous coûte 70 k€ par an, combien la Caf compense ? »): its
    kind is for the sheets to tell (caf_assistant.estimates.kind_from_sheets)."""
    if not text or text.startswith("/") or _DEFINITION.search(fold(text)) or checks_a_figure(text):
        return False
    facts = facts or extract_facts(text, intent="request_estimate")
    numbers = any(not isinstance(value, bool) for value in facts.values.values())
    return facts.estimate is None and numbers and facts.rules_year is None and asks_for_amount(text)


def is_estimate_request(text: str | None, previous_estimate: str | None = None) -> bool:
    """Whatever the NLU made of it, a message to hand to the estimate: a project's figures, or after an
    estimate another estimate for the same project or a correction of one of its facts."""
    if not text or text.startswith("/"):
        return False
    facts = extract_facts(text, intent="request_estimate")
    return gives_project_facts(text, facts) or continues_estimate(text, previous_estimate, facts) \
        or corrects_estimate(text, previous_estimate)


def not_an_estimate(facts: Facts, text: str, intent: str | None) -> bool:
    """A message routed to the estimates that holds nothing to estimate: a question for the sheets.

    A request with no figure and no explicit request for a simulation ("aide pour créer un relais petite
    enfance", "combien coûte une place de crèche ?", "combien d'allocataires chez nous ?") or a question
    classified as a fact ("c'est quoi un qpv ?", "c'est quoi le plan mercredi ?"): an estimate needs a
    project's facts (places, a cost, candidates, a salary...), the words « estimer », « simuler »,
    « calculer », « chiffrer », or an amount asked for one's own project (« combien pour notre projet ? »)."""
    if text.startswith("/") or facts.rules_year is not None or facts.rules_today:
        return False
    if checks_a_figure(text):
        return True  # « c'est toujours 17 000 € par place ? »: the sheets say what holds now
    if facts.estimate and refers_back(text):
        return False  # another estimate for the project just estimated (« les bonus pour ces places »)
    numbers = any(not isinstance(value, bool) for value in facts.values.values())
    if asks_rate_per_unit(text, facts):
        return True  # « combien par an pour 1 animatrice à plein temps ? »: the sheets' figure per unit
    if intent == "request_estimate":
        folded = fold(text)
        own_project = asks_for_amount(text) and _OWN_PROJECT.search(folded)
        return not numbers and not _SIMULATION.search(folded) and not own_project
    return "?" in text and not numbers and (not facts.values or bool(_QUESTION.search(fold(text))))
