"""SMS spellings officials type on a phone, spelled out before the question is analysed.

« cb d annees », « c koi », « pr qui », « c tjs » become « combien d annees », « c'est quoi », « pour qui »,
« c'est toujours »: the question's type (a duration, a definition), its follow-up cues and its terms are then
read as from a full sentence. Only spellings that are not French words of their own are listed. Pure function.
"""

from __future__ import annotations

import re

SMS_WORDS: dict[str, str] = {
    "cb": "combien", "cmb": "combien", "cbien": "combien",
    "koi": "quoi", "kwa": "quoi", "ki": "qui", "ke": "que", "kel": "quel", "kelle": "quelle",
    "kan": "quand", "qd": "quand", "cmt": "comment", "cmnt": "comment", "koment": "comment",
    "pk": "pourquoi", "pq": "pourquoi", "pkoi": "pourquoi",
    "tjs": "toujours", "tjrs": "toujours", "tjr": "toujours",
    "qqun": "quelqu'un", "qqn": "quelqu'un", "qq1": "quelqu'un", "qqch": "quelque chose", "qqc": "quelque chose",
    "bcp": "beaucoup", "dc": "donc", "ac": "avec", "avc": "avec", "ns": "nous", "ms": "mais",
    "pr": "pour", "ds": "dans", "tt": "tout", "tte": "toute", "tts": "tous", "ts": "tous",
    "nb": "nombre", "num": "numéro", "tps": "temps", "mtn": "maintenant", "mnt": "maintenant",
    "auj": "aujourd'hui", "rdv": "rendez-vous", "infos": "informations", "info": "information",
    "asso": "association", "assos": "associations", "dispo": "disponible", "svp": "s'il vous plaît",
    "stp": "s'il te plaît", "slt": "salut", "bjr": "bonjour", "jsp": "je ne sais pas", "ya": "il y a",
    "jdonne": "je donne", "jpeux": "je peux", "jveux": "je veux", "chui": "je suis", "ct": "c'était",
}
_WORD = re.compile(r"(?<![\w'’-])(" + "|".join(sorted(map(re.escape, SMS_WORDS), key=len, reverse=True)) + r")(?![\w'’-])",
                   re.IGNORECASE)
# « c koi », « c qui », « c combien »: a lone « c » before a word is « c'est »
_C_EST = re.compile(r"(?<![\w'’.-])c(?=\s+[^\W\d_])", re.IGNORECASE)


def spell_out(text: str) -> str:
    """The text with its SMS spellings written in full; everything else unchanged."""
    text = _WORD.sub(lambda m: SMS_WORDS[m.group(1).lower()], text)
    return _C_EST.sub("c'est", text)
