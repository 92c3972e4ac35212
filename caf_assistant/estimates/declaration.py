"""How an estimate is declared, once: its pure calculator, its inputs (question, unit, bounds, how to read it
from a message, whether it is needed or only refines the figure), the parameters it uses, its follow-ups and
its remarks (each cited with the sheet of a parameter).

Each module of ``caf_assistant/estimates/calculators`` ends with ``ESTIMATES``; the registry, the form's
questions and checks, the buttons, the reading of messages and the generated domain file
(``bot/domain/estimates_form.yml``, ``make domain``) are all derived from those declarations.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from caf_assistant.estimates.breakdown import Breakdown

INPUT_TYPES = ("places", "count", "number", "money", "bool")
FAMILIES = ("creche", "mam", "relais")  # a word naming the family (« une crèche ») narrows the kinds offered


@dataclass(frozen=True)
class Input:
    """One fact of a project. The reading patterns are regular expressions on folded text (caf_assistant.text.fold).

    - ``units``: the words a number is followed by when it is this fact (« 8 jeunes »), by prefix;
      ``also_units``: taken only when no input of the estimate has the unit as its own (« 30 places » for
      the children of an accueil de loisirs);
    - ``marked_after`` / ``marked_before``: the fact needs these words right after / before its number
      (« 10 places nouvelles », « dont 10 ») and wins over the plain ``units`` reading;
    - money: ``named_before`` names the sum it follows (« le poste coûte 60 000 € »), the nearest naming wins;
      ``named_after`` the words right after it (« 12 000 € par place »); ``context`` weaker words around it
      (« fonctionnement », « par an »); ``exclusive``: a sum named so is this fact or nothing;
    - ``none``: words saying there is none, a value of zero (« pas de diagnostic »);
    - ``phrases``: fixed values said in words (« un mi-temps » = 0,5 poste);
    - ``per_occurrence``: (words right after the number saying it is per occurrence, a pattern whose group is
      the number of occurrences, the value up to which a number is per occurrence even unsaid): the value is
      multiplied (« 2 heures chaque mercredi, sur 36 mercredis »);
    - ``total_of``: (the input dividing it, words saying a sum is a total): « 720 000 € par an » for the crèche
      is 720 000 € / its places for the cost of one place;
    - bool: ``negative`` (tried first) and ``positive`` words;
    - ``replaces``: the required inputs it stands for when known (the relais's posts for its running cost: the
      sheet's average aid per post gives the figure), so they are not asked first.
    """

    name: str
    type: str
    label: str
    question: str
    required: bool = True  # False: only refines the figure, never asked before it
    example: str = ""
    maximum: float | None = None
    minimum_money: float = 100  # below it, « 350 » most likely lacks its « k€ »
    zero_allowed: bool = False
    units: tuple[str, ...] = ()
    also_units: tuple[str, ...] = ()
    marked_after: str = ""
    marked_before: str = ""
    named_before: str = ""
    named_after: str = ""
    context: str = ""
    exclusive: bool = False
    none: str = ""
    phrases: tuple[tuple[str, float], ...] = ()
    per_occurrence: tuple[str, str, float] | None = None
    total_of: tuple[str, str] | None = None
    negative: str = ""
    positive: str = ""
    replaces: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in INPUT_TYPES:
            raise ValueError(f"{self.name}: type {self.type!r} inconnu ({', '.join(INPUT_TYPES)})")

    def asked(self, question: str, required: bool | None = None) -> Input:
        """The same fact asked in other words by another estimate (« Combien de places compte la Mam ? »)."""
        return dataclasses.replace(self, question=question, required=self.required if required is None else required)

    def same_fact(self, other: Input) -> bool:
        """Two declarations of one fact agree on all but their question and whether it is needed."""
        return dataclasses.replace(self, question="", required=True) == dataclasses.replace(other, question="",
                                                                                                required=True)


@dataclass(frozen=True)
class FollowUp:
    """A button after the estimate: another estimate, keeping the facts given; ``{places}`` in the title
    becomes « pour ces 30 places » when the places are known."""

    title: str
    estimate: str


@dataclass(frozen=True)
class Remark:
    """A remark shown under every estimate of its kind, cited with the sheet that gives ``parameter``."""

    text: str
    parameter: str


@dataclass(frozen=True)
class Estimate:
    key: str
    title: str
    button: str  # the kind's button when the form asks which project it is
    calculator: Callable[..., Breakdown]
    inputs: tuple[Input, ...]
    parameters: tuple[str, ...]
    follow_ups: tuple[FollowUp, ...] = ()
    remarks: tuple[Remark, ...] = ()
    family: str | None = None
    named_by: str = ""  # words that name this estimate whatever else the message says
    hinted_by: str = ""  # words that name it only when nothing else does
    unless: str = ""  # words that make ``named_by`` not this estimate's (« … 800 k€ de travaux »)
    # the input that counts what is added when the message says « de 24 à 40 places » (the other input of the
    # same unit, if the estimate has one, gets the new total)
    growth: str = ""
    # the sheets' topics (knowledge/FORMAT.md) whose offer it computes: a message naming no kind, closest to one
    # of them (« un lieu où les nounous se retrouvent, 70 k€ par an »), is read as this estimate
    topics: tuple[str, ...] = ()
    order: int = 100  # its place among the buttons and the reading of ``named_by``

    def __post_init__(self) -> None:
        if self.family is not None and self.family not in FAMILIES:
            raise ValueError(f"{self.key}: famille {self.family!r} inconnue ({', '.join(FAMILIES)})")
        names = [spec.name for spec in self.inputs]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.key}: une donnée déclarée deux fois")

    @property
    def required_inputs(self) -> tuple[Input, ...]:
        return tuple(spec for spec in self.inputs if spec.required)

    def input(self, name: str) -> Input | None:
        return next((spec for spec in self.inputs if spec.name == name), None)
