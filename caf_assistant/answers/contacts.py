"""Contacts quoted from the sheets (knowledge/contacts.yml), rendered as short French lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from caf_assistant import paths
from caf_assistant.text import fold


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


# « où trouver les textes ? », « qui appeler à la Caf ? »: the official wants somewhere to go or someone to ask
_WHERE_OR_WHOM = re.compile(r"\bou (?:trouver|lire|consulter|telecharger|voir|se renseigner|puis je|peut on|trouve t on)|"
                            r"documentation|\bdocuments?\b|textes? (?:de reference|officiels?)|circulaires?|"
                            r"cahier des charges|je les envoie ou|\ba qui (?:s|m|nous) adresser|aupres de qui|"
                            r"qui (?:faut il |doit on |dois je )?(?:appeler|contacter|joindre)|\binterlocut|"
                            r"qu il faut (?:appeler|contacter)|quelqu un (?:pour|qui) (?:nous )?(?:epauler|aider|accompagner)")


_ROLE = re.compile(r"charge\w* de conseil|gestionnaire\w* conseil|conseill\w* (?:en |de )?developpement|correspondant|"
                   r"\b\d{2}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2}\b|\b32 ?30\b|@")


def contacts_after(question: str, answer_text: str, asks_whom: bool = False) -> list[str]:
    """The officials' contacts to add after an answer to « où trouver... ? » or, when it names nobody to ask,
    to « qui contacter ? » (`asks_whom`), each line not already in the answer."""
    folded = fold(answer_text)
    where = bool(_WHERE_OR_WHOM.search(fold(question)))
    if not where and not (asks_whom and not _ROLE.search(folded)):
        return []
    return [contact.render() for contact in load_contacts().get("elus", ()) if fold(contact.text) not in folded]
