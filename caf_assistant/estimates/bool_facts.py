"""Yes/no facts of an estimate read from a message (« en QPV », « pas de Ctg », « un enfant autiste »), by the
words each input declares (``negative`` tried first, then ``positive``). Pure function on folded text."""

from __future__ import annotations

import re

from caf_assistant.estimates.inputs import INPUTS
from caf_assistant.text import fold

BOOL_INPUTS = [name for name, spec in INPUTS.items() if spec.type == "bool"]


def bool_fact(name: str, text: str) -> bool | None:
    spec = INPUTS[name]
    folded = fold(text)
    if spec.negative and re.search(spec.negative, folded):
        return False
    match = re.search(spec.positive, folded) if spec.positive else None
    if match is None:
        return None
    # « QPV : non », « quartier prioritaire = oui »: a list's label and its answer
    answer = _LABEL_ANSWER.match(folded, match.end())
    return not (answer and answer.group(1) in _NO)


_LABEL_ANSWER = re.compile(r"[^\n:=/]{0,25}?\s*[:=]\s*(oui|non|no|pas|aucun|aucune|0|yes)\b")
_NO = frozenset({"non", "no", "pas", "aucun", "aucune", "0"})
