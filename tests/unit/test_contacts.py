"""The contacts the assistant gives (knowledge/contacts.yml): quotes of the sheets, and when they are added."""

import re

from caf_assistant import paths
from caf_assistant.answers.contacts import load_contacts


def _flat(text: str) -> str:
    return re.sub(r"[*_]", "", re.sub(r"\s+", " ", text))


def test_every_contact_is_a_quote_of_the_sheet_it_cites():
    for group, contacts in load_contacts().items():
        for contact in contacts:
            sheet = paths.knowledge_dir() / "sheets" / f"{contact.sheet}.md"
            assert sheet.exists(), f"{group}: fiche {contact.sheet} inconnue"
            assert _flat(contact.text) in _flat(sheet.read_text(encoding="utf-8")), f"{group}: {contact.text!r}"


def test_where_and_whom_questions_end_with_the_officials_contacts_not_already_given():
    from caf_assistant.answers.contacts import contacts_after
    lines = contacts_after("Où trouver la documentation sur les centres sociaux ?", "- Circulaire n°2012-013")
    assert any("caf.fr" in line for line in lines) and any("chargé de conseil" in line for line in lines)
    assert not contacts_after("c'est quoi un centre social ?", "Un centre social est un équipement...")
    named = "Votre gestionnaire conseil suit vos dossiers."
    assert not contacts_after("qui suit nos dossiers de financement ?", named, asks_whom=True)
    assert contacts_after("c'est qui à la caf qu'il faut appeler ?", "La PS Jeunes est une aide.", asks_whom=True)
