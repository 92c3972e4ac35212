"""Facts several estimates ask for (places, a project's cost, QPV, Ctg), declared once; each estimate may
ask them in its own words (``Input.asked``)."""

from __future__ import annotations

from caf_assistant.estimates.declaration import Input

CHILD_UNITS = ("enfant", "bebe", "bébé", "tout-petit", "petit", "gamin")
PLACE_UNITS = ("place", "berceau")
MONEY_EXAMPLE = "« 1,7 M€ », « 800 k€ » ou « 250 000 € »"

PLACES = Input(
    "places", "places", "nombre de places", "Combien de places compte la crèche ?",
    example="« 30 places »", maximum=500, units=PLACE_UNITS, also_units=CHILD_UNITS,
)
COUT_PROJET = Input(
    "cout_projet", "money", "coût du projet", "Quel est le coût total du projet (en euros) ?", example=MONEY_EXAMPLE,
)

_QPV_WORDS = r"(?:qpv|quartiers? prioritaires?|quartiers? (?:de la )?politique de la ville|politique de la ville)"
QPV = Input(
    "qpv", "bool", "situation en quartier prioritaire (QPV)",
    "L'équipement est-il situé dans un quartier prioritaire de la politique de la ville (QPV) ?",
    negative=(r"(?:hors|pas|non|sans|ni|aucun|n est pas|ne sera pas|ne se situe pas|ne sont pas)"
              rf"(?:\s+(?:en|dans|situee?s?|un|une|le|la|d|de|du|des))*\s+{_QPV_WORDS}"),
    positive=_QPV_WORDS,
)
CTG = Input(
    "ctg", "bool", "signature d'une Ctg",
    "Votre collectivité a-t-elle signé une convention territoriale globale (Ctg) avec la Caf ?",
    negative=(r"(?:pas|sans|aucune?|ni|non)(?:\s+(?:de|d|encore|signe|signee|une|la|notre))*\s+"
              r"(?:ctg|convention territoriale)|(?:ctg|convention territoriale globale)\D{0,30}"
              r"(?:en cours|pas (?:encore )?signee|non signee|en preparation|a venir)|pas encore signe|"
              r"(?:ctg|convention territoriale globale)\s*:?\s*non\b"),
    positive=(r"(?:signe|signee|signataires? de|signataires? d|avons|a une|a signe|on a|notre|en|sous|"
              r"dans le cadre d une|dans le cadre de la|"
              r"dans le cadre de notre|dans notre|une|avec la|avec notre)\s+"
              r"(?:une\s+|la\s+|notre\s+|sa\s+|son\s+|leur\s+)?(?:ctg|convention territoriale|convention globale)|"
              r"(?:ctg|convention territoriale globale)\s*:?\s+(?:est\s+|a ete\s+|etait\s+|sera\s+|deja\s+)?(?:signee|"
              r"en place|en cours de validite|"
              r"active|ok|oui|faite|validee)\b"),
)
