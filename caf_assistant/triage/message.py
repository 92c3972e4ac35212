"""A pasted message or e-mail: greetings, closing formulas and signatures dropped; question sentences found."""

from __future__ import annotations

import re
from dataclasses import dataclass

from caf_assistant.text import fold

_SPLIT = re.compile(r"(?<=[.!?…])\s+|\n+")
_GREETING = re.compile(
    r"^(?:bonjour|bonsoir|salut|madame|monsieur|mesdames|messieurs|cher|chere|chers|a l attention|objet\s*:|"
    r"de\s*:|a\s*:|envoye|date\s*:|re\s*:|tr\s*:)", re.IGNORECASE)
_GREETING_ONLY = re.compile(r"^(?:(?:bonjour|bonsoir|salut|madame|monsieur|mesdames|messieurs|et|ou|le|la|"
                            r"cher|chere|chers|directeur|directrice|president|presidente|,|\s)+)[,.!:;]?$")
_CLOSING = re.compile(
    r"^(?:cordialement|bien cordialement|tres cordialement|bien a vous|sinceres salutations|salutations|"
    r"merci d avance|merci par avance|avec mes remerciements|en vous remerciant|dans l attente|veuillez agreer|"
    r"je vous prie|je vous remercie|recevez|bonne journee|bonne soiree|merci pour votre|merci de votre|"
    r"meilleures salutations|a bientot)")
_SIGNATURE = re.compile(r"(?:\bmaire\b|\badjoint|\bdirect(?:eur|rice)\b|\bservice\b|\bmairie\b|\bconseill|\btel\b|"
                        r"\btel\.|@|\bdgs\b|\bvice-presidente?\b|\bpresident|\bcommunaute)")
_PHONE = re.compile(r"(?:\+33|0)\s*[1-9](?:[\s.-]*\d{2}){4}")
_QUESTION_START = re.compile(
    r"^(?:est-ce|est ce|comment|combien|quel|quelle|quels|quelles|qui|que|quoi|ou|pourquoi|quand|faut-il|peut-on|"
    r"pouvez-vous|pourriez-vous|pourrions-nous|pouvons-nous|existe-t-il|y a-t-il|la caf peut|la caf finance|"
    r"je souhaiterais savoir|je voudrais savoir|nous souhaiterions savoir|nous aimerions savoir|merci de nous "
    r"indiquer|merci de m indiquer|je souhaite savoir|j aimerais savoir|estimation|c est quoi)")
_REQUEST = re.compile(r"\b(?:pouvez-vous|pourriez-vous|merci de (?:nous|me) (?:dire|indiquer|preciser)|"
                      r"je souhaiterais|nous souhaiterions|nous aimerions|j aimerais|je voudrais|nous voudrions)\b")


@dataclass(frozen=True)
class Message:
    text: str  # the whole message as pasted
    body: list[str]  # its sentences without greetings, closing formulas and signature
    questions: list[str]  # the sentences that ask something (the body when none does)

    @property
    def body_text(self) -> str:
        return " ".join(self.body)

    @property
    def question_text(self) -> str:
        return " ".join(self.questions)


def sentences(text: str) -> list[str]:
    return [s.strip(" \t-–—*>") for s in _SPLIT.split(text) if s and s.strip(" \t-–—*>")]


def is_question(sentence: str) -> bool:
    folded = fold(sentence).strip()
    return sentence.rstrip().endswith("?") or bool(_QUESTION_START.match(folded)) or bool(_REQUEST.search(folded))


def _is_signature_line(line: str) -> bool:
    folded = fold(line).strip()
    if _PHONE.search(line) or "@" in line:
        return True
    words = folded.split()
    if len(words) <= 8 and not line.rstrip().endswith(("?", ".")) and _SIGNATURE.search(folded):
        return True
    # "Jean-Pierre Martin", "Le Maire,": a short line of capitalised words
    return len(words) <= 4 and all(w[:1].isupper() or not w[:1].isalpha() for w in line.replace(",", " ").split())


def parse_message(text: str) -> Message:
    """Drops the greeting, the closing formula and all that follows (signature), keeps the body's sentences."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    kept: list[str] = []
    for line in lines:
        if not line:
            continue
        folded = fold(line).strip()
        if _CLOSING.match(folded) and kept:
            break  # the closing formula: the rest is the signature
        kept.append(line)
    body: list[str] = []
    for sentence in sentences("\n".join(kept)):
        folded = fold(sentence).strip()
        if _GREETING_ONLY.match(folded) or (_GREETING.match(folded) and len(folded.split()) <= 4):
            continue
        if _CLOSING.match(folded) and len(folded.split()) <= 8:
            continue
        if len(body) > 0 and _is_signature_line(sentence) and not is_question(sentence):
            continue
        body.append(_strip_greeting(sentence))
    body = [s for s in body if s]
    if not body:  # a message that is only a greeting: keep it as is, triage will say it is unclear
        body = [s for s in sentences(text)][:3]
    questions = [s for s in body if is_question(s)]
    return Message(text=text, body=body, questions=questions or body)


def _strip_greeting(sentence: str) -> str:
    """ "Bonjour, quelles aides..." -> "quelles aides..." """
    match = re.match(r"^\s*(?:bonjour|bonsoir|salut|madame|monsieur)(?:\s+\w+)?\s*[,!]\s*", sentence, re.IGNORECASE)
    return sentence[match.end():] if match else sentence
