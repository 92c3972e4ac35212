"""Checks of what the official types in the handoff form (pure)."""

from __future__ import annotations

import pytest

from caf_assistant.handoff.validation import (
    check_commune,
    check_consent,
    check_contact,
    check_email,
    check_name,
    check_phone,
    contact_kind,
    redact,
)


@pytest.mark.parametrize("text,expected", [
    ("Marie Dupont", "Marie Dupont"), ("je m'appelle Jean-Pierre Martin", "Jean-Pierre Martin"),
    ("Hélène d'Arcy", "Hélène d'Arcy"), ("  Paul  ", "Paul"),
])
def test_names(text, expected):
    assert check_name(text) == (expected, None)


@pytest.mark.parametrize("text", ["", "12", "/affirm", "marie@mairie.fr", "a", "x" * 90, "Quelle aide pour une crèche ?"])
def test_bad_names_are_reasked(text):
    value, message = check_name(text)
    assert value is None and "prénom" in message


@pytest.mark.parametrize("text,expected", [
    ("Saint-Étienne", "Saint-Étienne"), ("Craon", "Craon"), ("je suis maire de Perpignan", "Perpignan"),
    ("commune de L'Isle-d'Abeau", "L'Isle-d'Abeau"), ("42000 Saint-Étienne", "42000 Saint-Étienne"),
    ("mairie de Laval", "Laval"),
])
def test_communes(text, expected):
    assert check_commune(text) == (expected, None)


@pytest.mark.parametrize("text", ["", "?", "combien pour une crèche ?", "12345", "/deny", "x@y.fr"])
def test_bad_communes_are_reasked(text):
    value, message = check_commune(text)
    assert value is None and "commune" in message


@pytest.mark.parametrize("text,expected", [
    ("marie.dupont@mairie-craon.fr", "marie.dupont@mairie-craon.fr"), ("Marie@Mairie.FR", "marie@mairie.fr"),
    ("mon mail : elu@ville.fr merci", "elu@ville.fr"), ("06 12 34 56 78", "06 12 34 56 78"),
    ("0477123456", "04 77 12 34 56"), ("+33 6 12 34 56 78", "06 12 34 56 78"), ("0033 4.77.12.34.56", "04 77 12 34 56"),
    ("appelez-moi au 04-77-12-34-56", "04 77 12 34 56"),
])
def test_contacts(text, expected):
    assert check_contact(text) == (expected, None)


@pytest.mark.parametrize("text", ["", "1234", "a@b", "marie@", "00 12 34 56 78", "06 12 34", "demain"])
def test_bad_contacts_are_reasked(text):
    value, message = check_contact(text)
    assert value is None and "e-mail" in message and "téléphone" in message


def test_email_and_phone_helpers():
    assert check_email("x..y@a.fr") is None
    assert check_phone("+33 (0)6 12 34 56 78") == "06 12 34 56 78"
    assert contact_kind("a@b.fr") == "email" and contact_kind("06 12 34 56 78") == "telephone"


@pytest.mark.parametrize("text,expected", [
    ("/affirm", True), ("Oui", True), ("oui j'accepte", True), ("d'accord", True), ("/deny", False),
    ("non", False), ("je refuse", False),
])
def test_consent(text, expected):
    assert check_consent(text) == (expected, None)


def test_unclear_consent_is_reasked():
    assert check_consent("peut-être")[0] is None


def test_redact_masks_emails_and_phones():
    assert redact("écrire à marie@x.fr ou au 06 12 34 56 78") == "écrire à [e-mail] ou au [téléphone]"
