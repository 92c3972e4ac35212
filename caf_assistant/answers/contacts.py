"""Contacts quoted from the sheets (knowledge/contacts.yml), rendered as short French lines."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from caf_assistant import paths


@dataclass(frozen=True)
class Contact:
    text: str
    sheet: str
    intro: str = ""

    def render(self) -> str:
        return f"{self.intro} {self.text}".strip()


@lru_cache(maxsize=4)
def load_contacts(path: Path | None = None) -> dict[str, tuple[Contact, ...]]:
    path = path or paths.knowledge_dir() / "contacts.yml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {group: tuple(Contact(**item) for item in items) for group, items in raw.items()}


def contact_lines(group: str) -> list[str]:
    return [contact.render() for contact in load_contacts().get(group, ())]
