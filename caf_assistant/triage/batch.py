"""Batch triage: messages from a CSV (column text, message or texte; optional id) or JSONL ({"text": ...,
"id": ...}), results to JSONL (one object a line) or CSV (flat columns), chosen by the file extension."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from caf_assistant.triage.errors import TriageInputError
from caf_assistant.triage.service import triage

TEXT_COLUMNS = ("text", "message", "texte", "contenu", "body")
CSV_COLUMNS = ("id", "theme", "theme_label", "route", "route_label", "needs_human", "confidence", "draft",
               "sources", "estimate", "erreur", "message")


def read_messages(path: Path) -> Iterator[tuple[str, object]]:
    """(id, text) pairs; the id is the file's own or the line/row number."""
    path = Path(path)
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        with path.open(encoding="utf-8", errors="replace") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError:
                    yield str(number), TriageInputError("ligne_invalide", f"Ligne {number} : JSON invalide.")
                    continue
                if isinstance(item, str):
                    yield str(number), item
                elif isinstance(item, dict):
                    text = next((item[c] for c in TEXT_COLUMNS if c in item), None)
                    yield str(item.get("id", number)), text
                else:
                    yield str(number), TriageInputError("ligne_invalide", f"Ligne {number} : objet JSON attendu.")
        return
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        header = handle.readline()
        handle.seek(0)
        delimiter = max(",;\t", key=header.count)  # French spreadsheets export with ";"
        reader = csv.DictReader(handle, delimiter=delimiter)
        fields = {name.strip().lower(): name for name in reader.fieldnames or []}
        column = next((fields[c] for c in TEXT_COLUMNS if c in fields), None)
        if column is None:
            raise TriageInputError("colonne_absente", "Le fichier CSV doit avoir une colonne « text » (ou "
                                                       "« message », « texte ») avec le message à trier.")
        id_column = fields.get("id")
        for number, row in enumerate(reader, start=1):
            yield str(row.get(id_column) or number) if id_column else str(number), row.get(column)


def triage_all(items: Iterable[tuple[str, object]], retriever=None) -> Iterator[dict]:
    for identifier, text in items:
        if isinstance(text, TriageInputError):
            yield {"id": identifier, **text.to_dict()}
            continue
        try:
            yield {"id": identifier, **triage(text, retriever).to_dict()}
        except TriageInputError as error:
            yield {"id": identifier, **error.to_dict()}


def write_results(results: Iterable[dict], out: Path) -> int:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        if out.suffix.lower() == ".csv":
            writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            for result in results:
                row = dict(result)
                row["sources"] = "; ".join(f"{s['sheet_id']} ({s['edition']})" for s in result.get("sources") or [])
                row["estimate"] = json.dumps(result["estimate"], ensure_ascii=False) if result.get("estimate") else ""
                writer.writerow(row)
                count += 1
        else:
            for result in results:
                handle.write(json.dumps(result, ensure_ascii=False) + "\n")
                count += 1
    return count


def run_batch(source: Path, out: Path, retriever=None) -> int:
    return write_results(triage_all(read_messages(source), retriever), out)
