"""Amounts and counts as people write them: "1,7 M€", "800 k€", "1.700.000", "deux cents mille euros",
"trente places".

Words are turned into digits by text2num (``alpha2digit``, French). Functions return None when the
text holds no number; sign and plausibility are checked by the calculators, not here.
"""

from __future__ import annotations

import contextlib
import math
import re
from dataclasses import dataclass

from text_to_num import alpha2digit

_SPACES = re.compile(r"[\u00a0\u202f\u2009\u2007\t]+")
_WORD_MULTIPLIERS = re.compile(r"(\d)\s*(milliards?|millions?|mille)(?![a-zà-ÿ])")
_WORD_ABBREVIATIONS = {"milliard": "md", "milliards": "md", "million": "m", "millions": "m", "mille": "k"}
_MULTIPLIERS = {"md": 1e9, "mds": 1e9, "mrd": 1e9, "m": 1e6, "k": 1e3}
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<sign>-(?! ))?"  # « -5 places »; « - 40 places » is a list's dash
    r"(?P<number>\d{1,3}(?:(?P<sep>[ .])\d{3})(?:(?P=sep)\d{3})*(?:,\d+)?"  # 1 700 000 / 1.700.000 / 2 100,50
    r"|\d{1,3}(?:,\d{3}){2,}"  # 1,700,000
    r"|\d+(?:[.,]\d+)?)"  # 30 / 1,7 / 1.7
    r"(?![\d])"
    r"(?:[^\S\n]*(?P<mult>mds|mrd|md|m|k)(?![a-zà-ÿ²³\d]))?"  # « 410 m² » is an area; a unit is on its line
    r"[^\S\n]*(?P<currency>€|(?:d'|d |de )?euros?(?![a-z])|balles(?![a-z])|eur(?![a-z])|e(?![a-zà-ÿ]))?"
)
_DIGIT_WORDS = {"un": "1", "une": "1", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "six": "6", "sept": "7",
                "huit": "8", "neuf": "9"}
_DIGIT_WORD = r"(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf|\d)"
# « un million deux » is 1,2 million (not 1 000 002), « 700 KE », « 95 keuros » are k€, « une heure et demie » 1,5 h
_MILLION_AND = re.compile(rf"\b({_DIGIT_WORD}|\d+) millions? ({_DIGIT_WORD})\b(?! ?(?:cent|mille|\d))")
_MILLION_SHORT = re.compile(r"\b(\d)m(\d)\b")  # « 1M2 »: 1,2 million (« 120 m2 » has more digits, or a space)
_KILO_EUROS = re.compile(r"(\d)\s*(?:keuros?|keur|ke)(?![a-zà-ÿ])")
_ONE_HOUR = re.compile(r"\b(?:une|1) heure\b")
_HALF_HOUR = re.compile(r"(\d+) heures? et demie")
# « 1h30 de plus chaque mercredi » is 1,5 h; « à 18h30 » is a time of day, left as it is
_HOURS_MINUTES = re.compile(r"(?<![\d,.])(?<!a )(?<!à )(?<!vers )([0-6]) ?h ?(15|30|45)\b")
_MINUTES = {"15": "25", "30": "5", "45": "75"}
MIN_E_AMOUNT = 100  # « 400000e » is 400 000 €, « la 2e tranche » is no amount
MAX_READ_VALUE = 1e15  # beyond, a number is no project's figure (and may not fit a float): not read
_ONE = re.compile(r"^\s*(?:un|une)(?:\s+(?:seule?\s+)?(?:place|berceau|enfant|candidat|poste|heure)s?)?\s*$")


@dataclass(frozen=True)
class _Candidate:
    value: float
    marked: bool  # has a currency sign or a multiplier
    counted: bool  # followed by a count word (places, enfants...)
    integer: bool


def normalised(text: str) -> str:
    """Lower case, spaces folded, numbers in words written in digits (« trois assmat » → « 3 assmat »)."""
    text = _SPACES.sub(" ", str(text).lower()).replace("\u2019", "'").strip()
    text = _MILLION_AND.sub(lambda m: f"{_DIGIT_WORDS.get(m.group(1), m.group(1))},{_DIGIT_WORDS.get(m.group(2), m.group(2))} "
                            "millions", text)
    text = _ONE_HOUR.sub("1 heure", _KILO_EUROS.sub(r"\1 k€", _MILLION_SHORT.sub(r"\1,\2 m", text)))
    text = _WORD_MULTIPLIERS.sub(lambda m: f"{m.group(1)} {_WORD_ABBREVIATIONS[m.group(2)]}", text)
    with contextlib.suppress(ValueError, IndexError, KeyError):  # odd input: digits still work
        text = alpha2digit(text, "fr", threshold=2)  # « deux heures », « six jeunes »; « un projet » stays
    text = _HALF_HOUR.sub(r"\1,5 heures", text)
    text = _HOURS_MINUTES.sub(lambda m: f"{m.group(1)},{_MINUTES[m.group(2)]} h", text)
    return _WORD_MULTIPLIERS.sub(lambda m: f"{m.group(1)} {_WORD_ABBREVIATIONS[m.group(2)]}", text)


def _to_float(number: str, sep: str | None) -> tuple[float, bool]:
    if sep:  # grouped thousands with spaces or dots, optional decimal comma
        whole, _, decimals = number.partition(",")
        digits = whole.replace(sep, "")
        return (float(f"{digits}.{decimals}") if decimals else float(digits)), not decimals
    if number.count(",") >= 2:
        return float(number.replace(",", "")), True
    value = number.replace(",", ".")
    return float(value), "." not in value


def _candidates(text: str) -> list[_Candidate]:
    """The numbers of ``text`` for the one-value parsers below (the same reading as ``quantities``)."""
    return [_Candidate(q.value, q.marked, q.unit is not None, q.integer) for q in quantities(text)]


_UNIT = re.compile(
    r"[^\S\n]*(?:de[^\S\n]+|d')?(?P<unit>places?|berceaux?|enfants?|bebes?|bébés?|tout-petits|petits|gamins|"
    r"candidats?|jeunes|ados|lyceens|lycéens|etudiants|étudiants|adolescents?|animat(?:eur|rice)s?|"
    r"heures?|h(?![a-zà-ÿ])"
    r"|postes?|etp|assistants?|ans?(?![a-zà-ÿ])|mois|jours?|%)"
)


@dataclass(frozen=True)
class Quantity:
    """One number of a sentence, with what surrounds it (to tell places from costs from years)."""

    value: float
    marked: bool  # has a currency sign or a multiplier: an amount of money
    unit: str | None  # the count word right after it ("places", "jeunes", "etp"...), or None
    integer: bool
    before: str  # the normalised text before the number
    after: str  # the normalised text after the number (and its unit)


def quantities(text: str) -> list[Quantity]:
    """Every number of ``text`` in order, words turned into digits ("trente places" -> 30 places)."""
    written = normalised(text)
    found = []
    for match in _NUMBER.finditer(written):
        value, integer = _to_float(match.group("number"), match.group("sep"))
        mult = match.group("mult")
        if mult:
            value *= _MULTIPLIERS[mult]
            integer = value == int(value)
        if match.group("sign"):
            value = -value
        if not math.isfinite(value) or abs(value) >= MAX_READ_VALUE:
            continue  # « 999…9 » (400 digits) or 1e308: no project's figure, and no float can hold it
        unit = _UNIT.match(written, match.end())
        end = unit.end() if unit else match.end()
        currency = match.group("currency")
        if currency == "e" and abs(value) < MIN_E_AMOUNT:
            currency = None
        found.append(
            Quantity(
                value=round(value, 2),
                marked=bool(mult or currency),
                unit=unit.group("unit") if unit else None,
                integer=integer,
                before=written[: match.start()],
                after=written[end:],
            )
        )
    if not found and _ONE.match(written):
        found.append(Quantity(1.0, False, None, True, "", ""))
    return found


def parse_money(text: str | float | None) -> float | None:
    """An amount in euros, or None. "1,7 M€" -> 1700000.0, "800 k€" -> 800000.0."""
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return float(text) if math.isfinite(text) and abs(text) < MAX_READ_VALUE else None
    candidates = [c for c in _candidates(text) if not c.counted]
    if not candidates:
        return None
    marked = [c for c in candidates if c.marked]
    return (marked or candidates)[0].value


def parse_count(text: str | float | None) -> int | float | None:
    """A count or quantity (candidates, children, hours), or None. Decimals are kept ("2,5" -> 2.5)."""
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        if not math.isfinite(text) or abs(text) >= MAX_READ_VALUE:
            return None
        return int(text) if float(text) == int(text) else float(text)
    candidates = [c for c in _candidates(text) if not c.marked]
    if not candidates:
        return None
    best = ([c for c in candidates if c.counted] or candidates)[0]
    return int(best.value) if best.integer else best.value


def parse_places(text: str | float | None) -> int | None:
    """A number of places (a whole number), or None. "trente places" -> 30."""
    value = parse_count(text)
    if value is None or isinstance(value, float):
        return None
    return value


def bare_number(text: str | None) -> bool:
    """One number and nothing else that says what it is (« 8 », « 62 000 », « environ 20 ») — an answer to a
    question, not a fact that names itself."""
    found = quantities(text or "")
    if len(found) != 1 or found[0].unit:
        return False
    rest = f"{found[0].before} {found[0].after}"
    return not re.search(r"[^\W\d_]{3,}", re.sub(r"\b(?:environ|a peu pres|peu pres|autour de|dans les|env)\b", " ", rest))
