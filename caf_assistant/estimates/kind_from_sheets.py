"""The kind of estimate of a message whose words name none (« un lieu où les nounous se retrouvent et où les
parents se renseignent, 70 k€ par an »): the offer of the sheets its words are closest to, found by retrieval.
"""

from __future__ import annotations

from caf_assistant.estimates.kinds import kind_for_topic

# below it, the closest passage is no sure sign of the offer meant: the form asks which project it is
MIN_CONFIDENCE = 0.05


def gives_numbers(facts) -> bool:
    """The message gives a project's figures (places, a cost...), not only yes/no facts."""
    return any(not isinstance(value, bool) for value in facts.values.values())


def kind_from_sheets(retriever, text: str) -> str | None:
    """The estimate computing the offer of the passage ranked first for ``text``, if one does."""
    hits = retriever.search(text, k=1)
    if not hits or (hits[0].confidence is not None and hits[0].confidence < MIN_CONFIDENCE):
        return None
    return kind_for_topic(hits[0].chunk.topic, text)
