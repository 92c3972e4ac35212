"""Pure checks of what the official types in the handoff form: commune, name, e-mail or phone, consent.

Each ``check_*`` returns (clean value, None) or (None, French message saying what is expected).
``redact`` masks e-mails and phone numbers in a text (nothing personal goes to the logs).
"""

from __future__ import annotations

import re
import unicodedata

from caf_assistant.text import fold
from caf_assistant.yes_no import yes_no

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_EMAIL_STRICT = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"(?:(?:\+|00)33\s*\(?0?\)?|0)\s*[1-9](?:[\s.\-]*\d{2}){4}")
_NAME_PREFIX = re.compile(r"^(?:je m appelle|je suis|mon nom est|mon nom c est|moi c est|c est|nom\s*:)\s+",
                          re.IGNORECASE)
_COMMUNE_PREFIX = re.compile(r"^(?:je suis (?:elue?|maire|adjointe?|conseillere?(?: municipale?)?)\s+(?:a|de|d)\s+|"
                             r"je suis a\s+|commune\s+(?:de|d)\s+|(?:la\s+)?mairie\s+(?:de|d)\s+|ville\s+(?:de|d)\s+|"
                             r"c est\s+|a\s+|commune\s*:\s*)", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]")
_NAME_CHARS = re.compile(r"^[^\W\d_]+(?:[\s'’.\-][^\W\d_]+)*\.?$")
_COMMUNE_CHARS = re.compile(r"^(?:\d{5}\s+)?[^\W\d_]+(?:[\s'’\-][^\W\d_]+)*(?:\s+\(\d{2,3}\))?(?:\s+\d{5})?$")

NAME_MESSAGE = ("Je n'ai pas reconnu un nom : indiquez votre prénom et votre nom, par exemple « Marie Dupont » "
                "(lettres, espaces, tirets et apostrophes).")
COMMUNE_MESSAGE = ("Je n'ai pas reconnu un nom de commune : indiquez-la simplement, par exemple « Saint-Étienne » "
                   "ou « Craon ».")
CONTACT_MESSAGE = ("Je n'ai pas reconnu une adresse e-mail ni un numéro de téléphone : indiquez par exemple "
                   "« prenom.nom@mairie.fr » ou « 04 77 12 34 56 ».")
CONSENT_MESSAGE = "Répondez par oui ou par non : acceptez-vous que la Caf utilise ces informations pour vous recontacter ?"


def _clean(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "")
    return re.sub(r"\s+", " ", text).strip().strip(".,;!")


def check_email(text: str | None) -> str | None:
    value = _clean(text).lower()
    return value if _EMAIL_STRICT.match(value) and ".." not in value and len(value) <= 254 else None


def check_phone(text: str | None) -> str | None:
    """A French number, as "04 77 12 34 56" (the +33 / 0033 forms are brought back to 0...)."""
    raw = _clean(text)
    if not raw or re.search(r"[^\d\s.\-+()]", raw):
        return None
    digits = re.sub(r"\D", "", raw)
    if digits.startswith("0033"):
        digits = "0" + digits[4:].lstrip("0")
    elif raw.lstrip().startswith("+33") or (digits.startswith("33") and len(digits) == 11):
        digits = "0" + digits[2:].lstrip("0")
    if len(digits) != 10 or not digits.startswith("0") or digits[1] == "0":
        return None
    return " ".join(digits[i:i + 2] for i in range(0, 10, 2))


def check_contact(text: str | None) -> tuple[str | None, str | None]:
    """An e-mail or a phone number, found alone or in a sentence ("mon mail : x@y.fr")."""
    raw = _clean(text)
    email = _EMAIL.search(raw)
    if email and check_email(email.group(0)):
        return check_email(email.group(0)), None
    phone = _PHONE.search(raw)
    if phone and check_phone(phone.group(0)):
        return check_phone(phone.group(0)), None
    return None, CONTACT_MESSAGE


def contact_kind(value: str) -> str:
    return "email" if "@" in value else "telephone"


def check_name(text: str | None) -> tuple[str | None, str | None]:
    raw = _clean(text)
    match = _NAME_PREFIX.match(fold(raw))  # fold keeps the length: the prefix is cut from the original text
    if match:
        raw = raw[len(match.group(0)):].strip()
    if (not raw or raw.startswith("/") or len(raw) > 80 or len(_LETTERS.findall(raw)) < 2
            or not _NAME_CHARS.match(raw) or len(raw.split()) > 6):
        return None, NAME_MESSAGE
    return raw, None


def check_commune(text: str | None) -> tuple[str | None, str | None]:
    raw = _clean(text)
    match = _COMMUNE_PREFIX.match(fold(raw))
    if match:
        raw = raw[len(match.group(0)):].strip()
    if (not raw or raw.startswith("/") or "?" in raw or len(raw) > 60 or len(_LETTERS.findall(raw)) < 2
            or not _COMMUNE_CHARS.match(raw) or len(raw.split()) > 7):
        return None, COMMUNE_MESSAGE
    return raw, None


def check_consent(text: str | None) -> tuple[bool | None, str | None]:
    answer = yes_no(_clean(text))
    return (answer, None) if answer is not None else (None, CONSENT_MESSAGE)


def redact(text: str) -> str:
    """Masks e-mails and phone numbers (for anything that could reach a log)."""
    return _PHONE.sub("[téléphone]", _EMAIL.sub("[e-mail]", text or ""))
