"""French formatting of amounts and rates for the rendered estimates."""

from __future__ import annotations

NBSP = "\u00a0"  # keeps "2 600 €" on one line on a phone


def format_number(value: float) -> str:
    """1700000 -> "1 700 000", 91.47 -> "91,47", 0.5 -> "0,50"."""
    rounded = round(float(value), 2)
    if rounded == int(rounded):
        whole, decimals = f"{int(rounded):,}", ""
    else:
        whole, decimals = f"{rounded:,.2f}".split(".")
        decimals = "," + decimals
    return whole.replace(",", NBSP) + decimals


def format_eur(value: float) -> str:
    return f"{format_number(value)}{NBSP}€"


def format_rate(value: float) -> str:
    """0.37 -> "37 %", 0.0856 -> "8,56 %"."""
    percent = round(float(value) * 100, 2)
    text = str(int(percent)) if percent == int(percent) else f"{percent:.2f}".rstrip("0").replace(".", ",")
    return f"{text}{NBSP}%"
