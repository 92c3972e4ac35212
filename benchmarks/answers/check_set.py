"""Checks a file of benchmark questions against the schema and against the sheets.

Every `facts` / `any_of` regex of a question answered from the sheets must match the normalised text of
the sheet it cites (knowledge/sheets/<sheet>.md); every `must_not` regex must match some other sheet (a
superseded figure is one an older edition really gave). Standard library and PyYAML only.
Usage: python3 benchmarks/answers/check_set.py FILE [FILE ...]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import KINDS, ROUTES, normalise, route_of  # noqa: E402

SHEETS = Path(__file__).resolve().parents[2] / "knowledge" / "sheets"
FIELDS = {"id", "kind", "voice", "away", "turns", "route", "facts", "any_of", "must_not", "source", "note",
          "estimate", "behaviour"}  # the last two: the estimates set (benchmarks/estimates)


def sheet_texts() -> dict[str, str]:
    return {p.stem: normalise(p.read_text(encoding="utf-8")) for p in SHEETS.glob("*.md")}


def check(questions: list, texts: dict[str, str]) -> list[str]:
    errors = []
    seen = set()
    for q in questions:
        qid = q.get("id", "?")
        where = f"{qid}:"
        if qid in seen:
            errors.append(f"{where} duplicate id")
        seen.add(qid)
        if set(q) - FIELDS:
            errors.append(f"{where} unknown fields {sorted(set(q) - FIELDS)}")
        if q.get("kind") not in KINDS:
            errors.append(f"{where} kind {q.get('kind')!r} not in {KINDS}")
            continue
        turns = q.get("turns")
        if not isinstance(turns, list) or not turns or not all(isinstance(t, str) and t.strip() for t in turns):
            errors.append(f"{where} turns must be a non-empty list of strings")
        if q["kind"] == "followup" and len(turns or []) < 2:
            errors.append(f"{where} a followup has 2 or 3 turns")
        if route_of(q) not in ROUTES:
            errors.append(f"{where} route {route_of(q)!r} not in {ROUTES}")
        patterns = [*q.get("facts", []), *(q.get("any_of") or []), *q.get("must_not", [])]
        for p in patterns:
            try:
                re.compile(p)
            except re.error as exc:
                errors.append(f"{where} bad regex {p!r}: {exc}")
        if route_of(q) != "answer":
            continue
        if not q.get("facts") and not q.get("any_of"):
            errors.append(f"{where} an answered question needs facts or any_of")
        sheet = (q.get("source") or {}).get("sheet")
        if sheet not in texts:
            errors.append(f"{where} source.sheet {sheet!r} is not one of {sorted(texts)}")
            continue
        for p in q.get("facts", []):
            if _safe(p) and not re.search(p, texts[sheet]):
                errors.append(f"{where} fact {p!r} is not in sheet {sheet}")
        if q.get("any_of") and not any(_safe(p) and re.search(p, texts[sheet]) for p in q["any_of"]):
            if q["kind"] != "overview":
                errors.append(f"{where} no any_of pattern is in sheet {sheet}")
        for p in q.get("must_not", []):
            if _safe(p) and not any(re.search(p, t) for s, t in texts.items() if s != sheet):
                errors.append(f"{where} must_not {p!r} is in no other sheet (not a superseded figure)")
    return errors


def _safe(pattern: str) -> bool:
    try:
        re.compile(pattern)
        return True
    except re.error:
        return False


def main(argv: list[str]) -> int:
    texts = sheet_texts()
    total = 0
    failed = False
    for name in argv:
        questions = yaml.safe_load(Path(name).read_text(encoding="utf-8")) or []
        if isinstance(questions, dict):
            questions = questions.get("questions", [])
        total += len(questions)
        for error in check(questions, texts):
            failed = True
            print(f"{name}: {error}")
    print(f"{total} questions checked, {'errors above' if failed else 'no error'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
