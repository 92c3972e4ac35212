"""A draft answer for the agent: answers from the sheets to the message's questions, or an estimate when
the message gives every input of one (caf_assistant.estimates), or a redirection for individual cases."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from caf_assistant.answers.contacts import contact_lines
from caf_assistant.answers.departements import detect_departement
from caf_assistant.answers.service import Reply, answer_question
from caf_assistant.text import content_terms
from caf_assistant.triage.config import OUT_OF_SCOPE

logger = logging.getLogger(__name__)
MAX_QUESTIONS = 3
CONTEXT_BELOW = 6  # content words; fewer: the previous sentence is added to the query


@dataclass
class Draft:
    text: str
    sources: list[dict] = field(default_factory=list)
    answered: bool = False
    estimate: dict | None = None  # breakdown (estimates.to_dict) when the message allows one
    estimate_text: str | None = None


def with_context(questions: list[str], body: list[str]) -> list[str]:
    """A short question ("quelles aides pour l'investissement ?") gets the sentence before it as context."""
    queries = []
    for question in questions[:MAX_QUESTIONS]:
        index = body.index(question) if question in body else -1
        if index > 0 and len(content_terms(question)) < CONTEXT_BELOW:
            queries.append(body[index - 1] + " " + question)
        else:
            queries.append(question)
    return queries


def answer_questions(retriever, queries: list[str], body: str) -> list[tuple[str, Reply]]:
    """(query, reply) for each query; the body's department serves as context."""
    departement = detect_departement(body)
    return [(query, answer_question(retriever, query, departement_slot=departement)) for query in queries]


def try_estimate(text: str) -> tuple[dict | None, str | None]:
    """(breakdown as dict, as text) when ``text`` names a kind of estimate and gives all its numbers; a yes/no
    fact not given (« en QPV ? ») gives each case, labelled, when its answer changes the figure."""
    from caf_assistant.estimates import EstimateError, to_dict, to_text
    from caf_assistant.estimates.cases import case_label, estimate_cases, headline
    from caf_assistant.estimates.facts import extract_facts
    from caf_assistant.estimates.inputs import check_fact
    from caf_assistant.estimates.rules_year import rules_date

    try:
        facts = extract_facts(text)
    except Exception:  # noqa: BLE001 - a draft must never fail because of the estimate reader
        logger.warning("lecture des chiffres impossible pour l'estimation", exc_info=True)
        return None, None
    if not facts.estimate:
        return None, None
    inputs = {}
    for name, value in facts.values.items():
        clean, error = check_fact(name, value)
        if error is None and clean is not None:
            inputs[name] = clean
    try:
        cases = estimate_cases(facts.estimate, inputs, rules_date(facts.rules_year))
    except EstimateError:  # a number missing, or no figure for these rules
        return None, None
    last = cases.cases[-1].breakdown
    if cases.single:
        return to_dict(last), f"{headline(last)}\n{to_text(last)}"
    return to_dict(last), "\n\n".join(f"{case_label(case.assumed).capitalize()} :\n{headline(case.breakdown)}\n"
                                       f"{to_text(case.breakdown)}" for case in cases.cases)


def compose_draft(theme: str, route_label: str, replies: list[tuple[str, Reply]], estimate: tuple,
                  needs_human: bool) -> Draft:
    if theme == OUT_OF_SCOPE:
        lines = ["Bonjour,", "",
                 "Cette demande concerne la situation d'un allocataire ou sort du champ des offres de la Caf pour "
                 "les territoires. L'allocataire peut joindre la Caf :", *contact_lines("allocataires")]
        return Draft(text="\n".join(lines))
    breakdown, breakdown_text = estimate
    parts: list[str] = []
    sources: list[dict] = []
    seen: set[str] = set()
    for _question, reply in replies:
        if reply.kind != "answer" or reply.answer is None:
            continue
        if reply.answer.text in seen:
            continue
        seen.add(reply.answer.text)
        parts.append(reply.answer.text)
        sources.extend(s for s in reply.answer.sources if s not in sources)
    if breakdown_text:
        parts.append(breakdown_text)
    answered = bool(parts)
    lines = ["Bonjour,", ""]
    if parts:
        lines += ["\n\n".join(parts)]
    else:
        lines += [f"Votre demande est transmise à votre {route_label.lower()} de la Caf, qui vous répondra."]
    if needs_human and parts:
        lines += ["", f"Votre {route_label.lower()} de la Caf reviendra vers vous pour la suite de votre demande."]
    return Draft(text="\n".join(lines), sources=sources, answered=answered, estimate=breakdown,
                 estimate_text=breakdown_text)
