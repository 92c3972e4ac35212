"""Parameter files: valid, referenced, and each figure present in the sheet it cites."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from caf_assistant import paths
from caf_assistant.estimates import errors
from caf_assistant.estimates.parameter_files import DEFAULT_SHEETS, known_sheets, validate_parameters
from caf_assistant.estimates.parameters import ValueRange, edition_rules, load_parameters, value_at

GOOD = """\
description: Bonus « territoire » par place nouvelle
unit: EUR/place/an
kind: amount
values:
  2020-01-01:
    value: 2100
    reference:
      sheet: loire-2020
      edition: 2020
      section: bonus_territoire
      heading: "Le bonus « territoire »"
  2022-01-01:
    value: 2600
    reference:
      sheet: cnaf-vademecum-2022
      edition: 2022
      section: bonus_territoire
      heading: "Le bonus « territoire »"
"""


REFERENCE_2020 = """\
    reference:
      sheet: loire-2020
      edition: 2020
      section: bonus_territoire
      heading: "Le bonus « territoire »"
"""
assert REFERENCE_2020 in GOOD


def _write(tmp_path: Path, text: str, name: str = "bonus/essai.yaml") -> Path:
    root = tmp_path / "parameters"
    file = root / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return root


def test_real_parameter_files_are_valid():
    assert validate_parameters() == []


def test_good_fixture_is_valid(tmp_path):
    assert validate_parameters(_write(tmp_path, GOOD)) == []


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (
            GOOD.replace(REFERENCE_2020, "", 1),
            "sans référence",
        ),
        (GOOD.replace("sheet: loire-2020", "sheet: loire-2019"), "fiche inconnue"),
        (GOOD.replace("2020-01-01:", "2023-01-01:"), "non triées"),
        (GOOD.replace("unit: EUR/place/an\n", ""), "unité (unit) manquante"),
        (GOOD.replace("unit: EUR/place/an", "unit: EUR/mois"), "unité inconnue"),
        (GOOD.replace("kind: amount", "kind: forfait"), "nature inconnue"),
        (GOOD.replace("kind: amount\n", ""), "nature (kind) manquante"),
        (GOOD.replace("edition: 2020\n", "edition: 2021\n"), "édition"),
        (
            GOOD.replace('      heading: "Le bonus « territoire »"\n', "", 1),
            "référence incomplète",
        ),
        (GOOD.replace("section: bonus_territoire", "section: rubrique_inexistante", 1), "section inconnue"),
        (GOOD.replace("value: 2100", "value: -5"), "négative"),
        (GOOD.replace("value: 2100", "value: null"), "première valeur"),
        (GOOD.replace("value: 2100", "value: beaucoup"), "nombre"),
        ("- pas un dictionnaire\n", "dictionnaire"),
        ("description: x\nunit: EUR\nkind: amount\nvalues: {}\n", "aucune valeur"),
    ],
)
def test_validate_catches_each_problem(tmp_path, broken, message):
    problems = validate_parameters(_write(tmp_path, broken))
    assert any(message in problem for problem in problems), problems


def test_validate_catches_bad_range_and_rate(tmp_path):
    bad_range = GOOD.replace("kind: amount", "kind: range").replace(
        "value: 2100", "value: {min: 1200, max: 300}"
    )
    assert any("fourchette" in p for p in validate_parameters(_write(tmp_path, bad_range)))
    bad_rate = GOOD.replace("kind: amount", "kind: rate").replace("unit: EUR/place/an", "unit: rate")
    assert any("entre 0 et 1" in p for p in validate_parameters(_write(tmp_path, bad_rate, "psu/taux.yaml")))


def test_loading_broken_files_raises(tmp_path):
    root = _write(tmp_path, GOOD.replace("sheet: loire-2020", "sheet: inconnue"))
    with pytest.raises(errors.ParameterFileError):
        load_parameters(root)


def test_known_sheets_fall_back_to_the_five(tmp_path):
    assert known_sheets(tmp_path / "nowhere") == DEFAULT_SHEETS
    assert set(DEFAULT_SHEETS) <= set(known_sheets())


def test_value_at_and_editions():
    assert value_at("bonus/bonus_territoire", dt.date(2021, 6, 1)).number == 2100
    current = value_at("bonus/bonus_territoire", dt.date(2022, 6, 1))
    assert current.number == 2600
    assert current.reference.sheet == "cnaf-vademecum-2022"
    assert value_at("bonus/bonus_territoire").number == 2600  # today: newest edition still in force
    assert value_at("bonus_territoire", edition_rules(2020)).number == 2100  # short name
    assert edition_rules(2020) == dt.date(2020, 12, 31)
    assert value_at("creche_creation/aide_par_place", "2024-01-01").range == ValueRange(8000, 26000)
    assert value_at("psu/part_cout_place", edition_rules(2021)).number == pytest.approx(0.36)
    assert value_at("psu/part_cout_place", edition_rules(2022)).number == pytest.approx(0.37)


def test_value_not_in_force_raises_french_error():
    with pytest.raises(errors.RuleNotAvailable, match="ne donnent pas"):
        value_at("bafa/aide_nationale", dt.date(2021, 6, 1))
    with pytest.raises(errors.RuleNotAvailable, match="ne donne plus"):
        value_at("creche_creation/plafond_aide_par_place", dt.date(2024, 6, 1))
    with pytest.raises(KeyError):
        value_at("bonus/inexistant")


def test_figures_are_consistent_with_the_sheets_own_sums():
    when = dt.date(2024, 6, 1)
    # "Une crèche de 30 places [...] jusqu'à hauteur de 780 000 €" = 30 × 26 000
    assert (
        value_at("creche_creation/exemple_piaje_qpv", when).number
        == 30 * value_at("creche_creation/aide_par_place", when).range.max
    )
    # Rpe: +20 % dès 2024, 250 000 -> 300 000
    before = value_at("relais_petite_enfance/plafond_aide_investissement", dt.date(2023, 6, 1)).number
    hausse = value_at("relais_petite_enfance/hausse_aides_investissement", when).number
    assert before * (1 + hausse) == pytest.approx(
        value_at("relais_petite_enfance/plafond_aide_investissement", when).number
    )
    # "50 % de la dépense plafonnée à 48 000 €, soit 24 000 €" ; "plafonnée à 15 000 €, soit 7 500 €"
    assert (
        value_at("ctg_ingenierie/taux_charge_cooperation", when).number
        * value_at("ctg_ingenierie/plafond_depense_charge_cooperation", when).number
        == 24_000
    )
    assert (
        value_at("ctg_ingenierie/taux_diagnostic_initial", when).number
        * value_at("ctg_ingenierie/plafond_depense_diagnostic_initial", when).number
        == 7_500
    )
    # 63 % Caf + familles, 37 % reste à charge
    assert value_at("psu/part_caf_familles", when).number + value_at(
        "psu/reste_a_charge_gestionnaire", when
    ).number == pytest.approx(1)


def _squeeze(text: str) -> str:
    """Digit groups joined and « 28 % » written « 28% »; other spaces kept (« Fin 2019, 28 % » is not 19,28 %)."""
    return re.sub(r"(?<=\d)[\s\u00a0\u202f]+(?=\d|%)", "", text)


def _written_pattern(number: float, unit: str) -> re.Pattern:
    """The figure as written once spaces are removed: "17000", "0,46", "80%" (not in a longer number)."""
    if unit == "rate":
        percent = round(number * 100, 2)
        text = str(int(percent)) if percent == int(percent) else f"{percent:g}".replace(".", ",")
        return re.compile(rf"(?<![\d,]){re.escape(text)}%")
    text = str(int(number)) if number == int(number) else f"{number:g}".replace(".", ",")
    return re.compile(rf"(?<![\d,]){re.escape(text)}(?![\d]|,\d)")


def test_every_figure_is_written_in_the_sheet_it_cites():
    parameters = load_parameters()
    sheets_dir = paths.sheets_dir()
    texts = {file.stem: _squeeze(file.read_text(encoding="utf-8")) for file in sheets_dir.glob("*.md")}
    if not texts:
        pytest.skip("knowledge/sheets est vide")
    missing = []
    for name in parameters:
        for value in parameters.get(name).values:
            if value.value is None or value.reference.sheet not in texts:
                continue
            numbers = (
                [value.value.min, value.value.max] if isinstance(value.value, ValueRange) else [value.value]
            )
            for number in numbers:
                if not _written_pattern(number, value.unit).search(texts[value.reference.sheet]):
                    missing.append(f"{name} {value.start}: {number} absent de {value.reference.sheet}")
    assert missing == []


ENDED = GOOD.replace("    value: 2600\n", "    value: null\n")
ENDED_REPLACED = ENDED.replace("kind: amount\n", "kind: amount\nreplaced_by: bonus/nouveau\n")


def test_a_figure_no_longer_given_points_to_what_replaced_it(tmp_path):
    root = _write(tmp_path, ENDED_REPLACED)
    _write(tmp_path, GOOD, "bonus/nouveau.yaml")
    assert validate_parameters(root) == []
    parameters = load_parameters(root)
    assert parameters.current("bonus/essai").name == "bonus/nouveau"
    assert parameters.current("bonus/essai").number == 2600
    assert parameters.current("bonus/nouveau").name == "bonus/nouveau"


@pytest.mark.parametrize("text, others, message", [
    (ENDED_REPLACED, {}, "paramètre inconnu"),
    (GOOD.replace("kind: amount\n", "kind: amount\nreplaced_by: bonus/nouveau\n"), {"bonus/nouveau.yaml": GOOD},
     "dernière valeur null"),
    (ENDED.replace("kind: amount\n", "kind: amount\nreplaced_by: bonus/essai\n"), {}, "boucle"),
    (GOOD.replace("kind: amount\n", "kind: amount\nremplace: x\n"), {}, "champs inconnus"),
])
def test_replaced_by_is_checked(tmp_path, text, others, message):
    root = _write(tmp_path, text)
    for name, other in others.items():
        _write(tmp_path, other, name)
    assert any(message in p for p in validate_parameters(root)), validate_parameters(root)


def test_a_figure_no_longer_written_still_holds_unless_replaced(tmp_path):
    """The newest edition that states a figure wins: a null value without ``replaced_by`` carries the last
    figure, with the sheet that stopped writing it; with ``replaced_by``, the figure has ended."""
    carried = load_parameters(_write(tmp_path / "a", ENDED)).value_at("bonus/essai", dt.date(2024, 6, 1))
    assert carried.number == 2100 and carried.reference.sheet == "loire-2020"
    assert carried.unstated_by is not None and carried.unstated_by.sheet == "cnaf-vademecum-2022"
    root = _write(tmp_path / "b", ENDED_REPLACED)
    _write(tmp_path / "b", GOOD, "bonus/nouveau.yaml")
    with pytest.raises(errors.RuleNotAvailable, match="ne donne plus"):
        load_parameters(root).value_at("bonus/essai", dt.date(2024, 6, 1))
