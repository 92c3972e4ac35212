"""Shared machinery of the calculators: input checks, parameter look-up, ceilings, history remarks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from caf_assistant.estimates.breakdown import Amount, Breakdown, CeilingCheck, Line
from caf_assistant.estimates.errors import InvalidInput, MissingInput
from caf_assistant.estimates.formatting import format_eur, format_number, format_rate
from caf_assistant.estimates.parameters import ParameterSet, ParameterValue, load_parameters, to_date

MAX_PLACES = 500
MAX_MONEY = 100_000_000
MAX_COUNT = 100_000


def check_places(value: object, name: str = "places", label: str = "nombre de places") -> int:
    if value is None:
        raise MissingInput(f"Il manque le {label}.", name)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise InvalidInput(f"Le {label} doit être un nombre entier (reçu : {value!r}).", name)
    places = int(value)
    if places <= 0:
        raise InvalidInput(f"Le {label} doit être supérieur à zéro (reçu : {places}).", name)
    if places > MAX_PLACES:
        raise InvalidInput(
            f"{places} places, cela paraît hors norme (au-delà de {MAX_PLACES}) : pouvez-vous vérifier le "
            "chiffre ?",
            name,
        )
    return places


def check_count(value: object, name: str, label: str, maximum: int = MAX_COUNT) -> int:
    if value is None:
        raise MissingInput(f"Il manque le {label}.", name)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise InvalidInput(f"Le {label} doit être un nombre entier (reçu : {value!r}).", name)
    count = int(value)
    if count <= 0:
        raise InvalidInput(f"Le {label} doit être supérieur à zéro (reçu : {count}).", name)
    if count > maximum:
        raise InvalidInput(
            f"{format_number(count)} pour le {label}, cela paraît hors norme : pouvez-vous vérifier ?", name
        )
    return count


def check_number(value: object, name: str, label: str, maximum: float) -> float:
    if value is None:
        raise MissingInput(f"Il manque le {label}.", name)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidInput(f"Le {label} doit être un nombre (reçu : {value!r}).", name)
    number = float(value)
    if number <= 0:
        raise InvalidInput(f"Le {label} doit être supérieur à zéro (reçu : {format_number(number)}).", name)
    if number > maximum:
        raise InvalidInput(
            f"{format_number(number)} pour le {label}, cela paraît hors norme : pouvez-vous vérifier ?", name
        )
    return number


def check_money(value: object, name: str, label: str, allow_zero: bool = False) -> float:
    if value is None:
        raise MissingInput(f"Il manque le {label}.", name)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidInput(f"Le {label} doit être un montant en euros (reçu : {value!r}).", name)
    money = float(value)
    if money < 0 or (money == 0 and not allow_zero):
        raise InvalidInput(f"Le {label} doit être un montant positif (reçu : {format_eur(money)}).", name)
    if money > MAX_MONEY:
        raise InvalidInput(
            f"{format_eur(money)} pour le {label}, cela paraît hors norme (au-delà de "
            f"{format_eur(MAX_MONEY)}) : "
            "pouvez-vous vérifier le montant ?",
            name,
        )
    return money


def check_bool(value: object, name: str, label: str) -> bool:
    if value is None:
        raise MissingInput(f"Il manque la réponse à : {label}", name)
    if not isinstance(value, bool):
        raise InvalidInput(f"Réponse attendue oui ou non pour : {label} (reçu : {value!r}).", name)
    return value


@dataclass
class Context:
    """Rules date, parameter set and the parameters used, for references and history remarks."""

    when: dt.date
    parameters: ParameterSet
    used: list[str] = field(default_factory=list)

    @classmethod
    def make(cls, date_regles: dt.date | str | None, parameters: ParameterSet | None) -> Context:
        return cls(to_date(date_regles), parameters if parameters is not None else load_parameters())

    def get(self, name: str) -> ParameterValue:
        value = self.parameters.value_at(name, self.when)
        if name not in self.used:
            self.used.append(name)
        return value

    def has(self, name: str) -> bool:
        parameter = self.parameters.get(name)
        value = parameter.at(self.when)
        return value is not None and value.in_force

    def remark(self, breakdown: Breakdown, text: str, parameter: str) -> None:
        """A remark cited with the sheet that gives ``parameter`` at the rules date."""
        breakdown.remarks.append(cited(text, self.get(parameter)))

    def history_remarks(self) -> list[str]:
        """For each figure used, says when a newer sheet gives another one (the figure is then history), or
        when a newer sheet no longer writes it while it still holds (the newest edition that states it)."""
        remarks = []
        for name in self.used:
            current = self.parameters.value_at(name, self.when)
            what = current.description[0].lower() + current.description[1:]
            newer = [v for v in self.parameters.newer_values(name, self.when) if v.value != current.value]
            latest = newer[-1] if newer else None
            unstated = current.unstated_by
            if latest is not None and latest.value is None and self.parameters.get(name).replaced_by is None:
                latest, unstated = None, latest.reference  # not restated later: still the newest figure
            if latest is not None:
                remarks.append(f"Chiffre historique ({what}) : la fiche {latest.reference.sheet_name} "
                               + ("ne le donne plus." if latest.value is None else f"indique {describe_value(latest)}."))
            elif unstated is not None:
                remarks.append(f"Dernier montant publié ({what}) : {current.reference.sheet_name} ; la fiche "
                               f"{unstated.sheet_name} ne le chiffre plus.")
        return remarks


def cited(text: str, value: ParameterValue) -> str:
    """A remark with its source: « … (fiche « Title » (publisher, édition N)) »."""
    return f"{text} (fiche {value.reference.sheet_name})"


def describe_value(value: ParameterValue) -> str:
    unit = value.unit
    if unit == "rate":
        return format_rate(value.number)
    suffix = {
        "EUR": "",
        "EUR/place": " par place",
        "EUR/place/an": " par place et par an",
        "EUR/heure": " par heure",
        "EUR/candidat": " par candidat",
        "EUR/poste/an": " par poste et par an",
    }[unit]
    if value.kind == "range":
        rng = value.range
        return f"de {format_eur(rng.min)} à {format_eur(rng.max)}{suffix}"
    if value.kind == "ceiling":
        return f"jusqu'à {format_eur(value.number)}{suffix}"
    return f"{format_eur(value.number)}{suffix}"


def cap(
    total: Amount, limit: float, label: str, formula: str, value: ParameterValue
) -> tuple[Amount, CeilingCheck]:
    """Applies a ceiling to a total and says whether it binds."""
    limit = round(limit, 2)
    binds = total.maximum > limit
    check = CeilingCheck(
        label=label,
        limit=limit,
        formula=formula + (" : le plafond limite l'aide" if binds else " : le plafond ne limite pas l'aide"),
        binds=binds,
        parameters=(value.name,),
        references=(value.reference,),
    )
    return total.capped(limit), check


def per_place_range_line(label: str, places: int, value: ParameterValue) -> tuple[Line, Amount]:
    """A line "N places × min à max par place, selon la nature du projet" and its amount."""
    rng = value.range
    amount = Amount.between(places * rng.min, places * rng.max)
    line = Line(
        label=label,
        amount=amount,
        formula=f"{places} places × {format_eur(rng.min)} à {format_eur(rng.max)} par place, selon la nature "
        "du projet",
        parameters=(value.name,),
        references=(value.reference,),
    )
    return line, amount


def cap_to_project_cost(breakdown: Breakdown, raw: Amount, cout_projet: float, rate: ParameterValue) -> None:
    """Applies the ceiling "rate of the project's cost" to the total and records it."""
    limit = rate.number * cout_projet
    breakdown.total, check = cap(
        raw,
        limit,
        f"{format_rate(rate.number)} du coût du projet",
        f"{format_rate(rate.number)} × {format_eur(cout_projet)} = {format_eur(limit)}",
        rate,
    )
    breakdown.ceilings.append(check)


def per_unit_estimate(ctx: Context, estimate: str, title: str, inputs: dict, label: str, count: int, unit: str,
                      parameter: str, per: str = "") -> Breakdown:
    """A breakdown of one line, ``count`` × a parameter's amount (« 6 candidat(s) × 91,47 € »)."""
    value = ctx.get(parameter)
    breakdown = Breakdown(estimate=estimate, title=title, rules_date=ctx.when, inputs=inputs)
    breakdown.lines.append(Line(label=label, amount=Amount.exact(count * value.number),
                                formula=f"{count} {unit} × {format_eur(value.number)}{per}",
                                parameters=(parameter,), references=(value.reference,)))
    breakdown.total = breakdown.lines[0].amount
    return finish(breakdown, ctx)


def finish(breakdown: Breakdown, context: Context) -> Breakdown:
    breakdown.remarks.extend(context.history_remarks())
    return breakdown
