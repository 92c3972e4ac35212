"""Splits a passage into answer units: its sentences and list items (the splitter of the answer-unit index).

Pure functions. A list item keeps a link to its lead-in (the sentence before the list, often ending
with « : »), so that an answer never shows an item without the words that introduce it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«A-ZÀÂÇÉÈÊÎÔÛ0-9\"(])")
_MARKDOWN = re.compile(r"\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)|`")
_ITEM = re.compile(r"^\s*(?:[-*]\s+|\d+[.)]\s+)")


@dataclass(frozen=True)
class Unit:
    text: str
    lead_in: int | None = None  # index of the unit that introduces this list item
    item: bool = False  # a list item (with or without a lead-in)
    paragraph: int = 0  # the line of the section it comes from: sentences of one paragraph share it


def strip_markdown(text: str) -> str:
    text = _MARKDOWN.sub("", text)
    text = re.sub(r"\[([^\]]+)\]\((?:#|https?://[^)]*)\)", r"\1", text)
    return re.sub(r"^\s*(?:[-*>]\s+)+", "", text).strip()


def answer_units(text: str) -> list[Unit]:
    units: list[Unit] = []
    lead_in: int | None = None
    for number, line in enumerate(text.splitlines()):
        is_item = bool(_ITEM.match(line))
        line = strip_markdown(line)
        if not line:
            continue
        if not is_item:
            parts = [part.strip() for part in _SENTENCE_END.split(line) if part.strip()]
            units.extend(Unit(part, paragraph=number) for part in parts)
            lead_in = len(units) - 1 if parts else lead_in
        else:
            units.append(Unit(line, lead_in, item=True, paragraph=number))
    return units


def split_units(text: str) -> list[str]:
    return [u.text for u in answer_units(text)]


def embedding_text(section: str, units: list[Unit], position: int) -> str:
    """What the answer-unit index embeds: the unit with its section heading and its lead-in."""
    unit = units[position]
    lead = units[unit.lead_in].text + " " if unit.lead_in is not None else ""
    return f"{section} : {lead}{unit.text}"
