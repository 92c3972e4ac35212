"""What an estimate is made of, and how it is shown: lines, ceilings, total, rules date, caveat."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from caf_assistant.estimates.formatting import format_eur
from caf_assistant.estimates.parameters import Reference

CAVEAT = "Estimation indicative et non contractuelle ; la décision revient aux conseillers de la Caf."


@dataclass(frozen=True)
class Amount:
    """An exact amount (minimum == maximum), a range, or only a ceiling (minimum None: "jusqu'à")."""

    minimum: float | None
    maximum: float

    @classmethod
    def exact(cls, value: float) -> Amount:
        value = round(value, 2)
        return cls(value, value)

    @classmethod
    def between(cls, low: float, high: float) -> Amount:
        return cls(round(low, 2), round(high, 2))

    @classmethod
    def up_to(cls, high: float) -> Amount:
        return cls(None, round(high, 2))

    @property
    def is_exact(self) -> bool:
        return self.minimum is not None and self.minimum == self.maximum

    def capped(self, limit: float) -> Amount:
        low = None if self.minimum is None else min(self.minimum, limit)
        return Amount(low, round(min(self.maximum, limit), 2))

    def text(self) -> str:
        if self.minimum is None:
            return f"jusqu'à {format_eur(self.maximum)}"
        if self.is_exact:
            return format_eur(self.maximum)
        return f"de {format_eur(self.minimum)} à {format_eur(self.maximum)}"


@dataclass(frozen=True)
class Line:
    label: str
    amount: Amount
    formula: str
    parameters: tuple[str, ...]
    references: tuple[Reference, ...]
    counted: bool = True  # False: shown for information, not added to the total
    per_year: bool = False


@dataclass(frozen=True)
class CeilingCheck:
    label: str
    limit: float
    formula: str
    binds: bool
    parameters: tuple[str, ...]
    references: tuple[Reference, ...]
    scope: str = "total"  # "total": the total never exceeds ``limit``; "depense": a capped expense


@dataclass
class Breakdown:
    estimate: str
    title: str
    rules_date: dt.date
    inputs: dict[str, Any]
    lines: list[Line] = field(default_factory=list)
    ceilings: list[CeilingCheck] = field(default_factory=list)
    total: Amount = field(default_factory=lambda: Amount.exact(0))
    per_year: bool = False
    remarks: list[str] = field(default_factory=list)
    caveat: str = CAVEAT

    @property
    def references(self) -> list[Reference]:
        seen: dict[tuple, Reference] = {}
        for item in [*self.lines, *self.ceilings]:
            for ref in item.references:
                seen.setdefault((ref.sheet, ref.edition, ref.section), ref)
        return list(seen.values())

    @property
    def editions(self) -> list[int]:
        return sorted({ref.edition for ref in self.references})


def sum_lines(lines: list[Line]) -> Amount:
    """Total of the counted lines; a line known only by its ceiling adds 0 to the lower bound."""
    counted = [line for line in lines if line.counted]
    high = sum(line.amount.maximum for line in counted)
    if not counted or all(line.amount.minimum is None for line in counted):
        return Amount.up_to(high) if counted else Amount.exact(0)
    low = sum(line.amount.minimum or 0 for line in counted)
    return Amount.between(low, high)


def _source(references: tuple[Reference, ...]) -> str:
    return " ; ".join(dict.fromkeys(ref.cite() for ref in references))


def to_text(breakdown: Breakdown) -> str:
    """Short French rendering, readable on a phone."""
    editions = ", ".join(str(e) for e in breakdown.editions)
    out = [f"{breakdown.title} — règles en vigueur au {breakdown.rules_date:%d/%m/%Y} (fiches {editions})"]
    for line in breakdown.lines:
        suffix = " par an" if line.per_year else ""
        flag = "" if line.counted else " (pour information, non compté)"
        out.append(f"• {line.label} : {line.amount.text()}{suffix}{flag}")
        out.append(f"  {line.formula}")
        out.append(f"  source : {_source(line.references)}")
    for ceiling in breakdown.ceilings:
        state = "atteint" if ceiling.binds else "non atteint"
        out.append(f"• Plafond — {ceiling.label} : {format_eur(ceiling.limit)} ({state})")
        out.append(f"  {ceiling.formula}")
        out.append(f"  source : {_source(ceiling.references)}")
    suffix = " par an" if breakdown.per_year else ""
    out.append(f"Total indicatif : {breakdown.total.text()}{suffix}")
    for remark in breakdown.remarks:
        out.append(f"À noter : {remark}")
    out.append(breakdown.caveat)
    return "\n".join(out)


def _reference_dict(ref: Reference) -> dict[str, Any]:
    return {"sheet": ref.sheet, "edition": ref.edition, "section": ref.section, "heading": ref.heading}


def _amount_fields(amount: Amount, exact_key: str, min_key: str, max_key: str) -> dict[str, Any]:
    """An exact amount as one number; a range as min and max (min None: known only by its ceiling)."""
    if amount.is_exact:
        return {exact_key: amount.maximum}
    return {min_key: amount.minimum, max_key: amount.maximum}


def to_dict(breakdown: Breakdown) -> dict[str, Any]:
    """JSON-ready form of a breakdown, as the web widget reads it.

    Lines: ``amount`` when exact, else ``min`` / ``max`` (``min`` null for "jusqu'à"); ``parameter`` and
    ``reference`` are readable strings, ``parameters`` / ``references`` the structured lists. Ceilings:
    ``amount`` (the limit) and ``binds``. Total: ``total`` when exact, else ``total_min`` / ``total_max``.
    """
    return {
        "estimate": breakdown.estimate,
        "title": breakdown.title,
        "rules_date": breakdown.rules_date.isoformat(),
        "editions": breakdown.editions,
        "inputs": {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in breakdown.inputs.items()},
        "lines": [
            {
                "label": line.label,
                **_amount_fields(line.amount, "amount", "min", "max"),
                "amount_text": line.amount.text(),
                "formula": line.formula,
                "parameter": " ; ".join(line.parameters),
                "reference": _source(line.references),
                "parameters": list(line.parameters),
                "references": [_reference_dict(r) for r in line.references],
                "counted": line.counted,
                "per_year": line.per_year,
            }
            for line in breakdown.lines
        ],
        "ceilings": [
            {
                "label": c.label,
                "amount": c.limit,
                "binds": c.binds,
                "formula": c.formula,
                "scope": c.scope,
                "parameter": " ; ".join(c.parameters),
                "reference": _source(c.references),
                "parameters": list(c.parameters),
                "references": [_reference_dict(r) for r in c.references],
            }
            for c in breakdown.ceilings
        ],
        **_amount_fields(breakdown.total, "total", "total_min", "total_max"),
        "total_text": breakdown.total.text(),
        "per_year": breakdown.per_year,
        "remarks": list(breakdown.remarks),
        "caveat": breakdown.caveat,
    }
