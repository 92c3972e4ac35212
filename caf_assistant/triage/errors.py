"""Input checks shared by the command line, the batch and the HTTP server: clear French errors."""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 20_000


class TriageInputError(ValueError):
    """A message that cannot be triaged; ``code`` is stable, ``str(error)`` is French for the agent."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code

    def to_dict(self) -> dict:
        return {"erreur": self.code, "message": str(self)}


def check_input(text: object, max_chars: int = MAX_CHARS) -> str:
    """The message as text, or TriageInputError (empty, too long, not text, garbled)."""
    if not isinstance(text, str):
        raise TriageInputError("texte_invalide", "Le champ « text » doit être une chaîne de caractères.")
    if not text.strip():
        raise TriageInputError("texte_vide", "Le message est vide : collez le texte du message à trier.")
    if len(text) > max_chars:
        raise TriageInputError("texte_trop_long", f"Le message est trop long ({len(text)} caractères, maximum "
                                                  f"{max_chars}) : collez seulement le message à trier.")
    letters = sum(ch.isalpha() for ch in text)
    controls = sum(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in text)
    replaced = text.count("\ufffd")
    words = re.findall(r"[^\W\d_]{2,}", text)
    if controls or replaced > 3 or letters < 2 or not words or letters / max(len(text.strip()), 1) < 0.4:
        raise TriageInputError("texte_illisible", "Le message est illisible (caractères binaires ou encodage "
                                                  "incorrect) : vérifiez le texte ou l'encodage (UTF-8) du fichier.")
    return text
