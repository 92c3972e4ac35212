"""triage() and the batch with a fake retriever (no model): JSON shape, estimate, draft, CSV/JSONL."""

from __future__ import annotations

import csv
import json
from types import SimpleNamespace

import pytest

from caf_assistant.answers.compose import Answer
from caf_assistant.answers.service import Reply
from caf_assistant.triage import TriageInputError, triage
from caf_assistant.triage import draft as draft_module
from caf_assistant.triage.batch import read_messages, run_batch

TOPICS = {"crèche": ["creche_investissement", "creches", "psu"], "rsa": ["acces_aux_droits", "contacts"],
          "bafa": ["bafa", "accueils_de_loisirs"]}


class FakeRetriever:
    def search(self, query, k=5, **_):
        topics = next((t for word, t in TOPICS.items() if word in query.lower()), ["edito"])
        return [SimpleNamespace(chunk=SimpleNamespace(topic=t)) for t in topics[:k]]


def fake_answer(retriever, text, departement_entity=None, departement_slot=None):
    if "crèche" in text.lower():
        answer = Answer(kind="answer", text="La Caf finance la création de places.\nSource : « Crèches », Cnaf.",
                        sources=[{"sheet_id": "cnaf-vademecum-2022", "edition": 2022}],
                        chunk_id="cnaf-vademecum-2022/creche_investissement/x")
        return Reply(kind="answer", answer=answer)
    return Reply(kind="unknown", answer=Answer(kind="unknown"))


@pytest.fixture(autouse=True)
def no_model(monkeypatch):
    monkeypatch.setattr(draft_module, "answer_question", fake_answer)


def test_triage_of_a_project_question():
    result = triage("Bonjour, quelles aides pour créer une crèche dans notre commune ?", FakeRetriever()).to_dict()
    assert result["theme"] == "petite_enfance"
    assert result["route"] == "charge_conseil_developpement"
    assert result["needs_human"] is False
    assert "La Caf finance la création de places." in result["draft"]
    assert result["sources"][0]["sheet_id"] == "cnaf-vademecum-2022"
    assert 0 < result["confidence"] <= 1
    json.dumps(result)  # JSON-ready


def test_individual_case_is_redirected():
    result = triage("Mon RSA n'est pas arrivé ce mois-ci", FakeRetriever())
    assert (result.theme, result.route, result.needs_human) == ("hors_champ", "accueil_allocataires", True)
    assert "caf.fr" in result.draft


def test_estimate_when_the_message_gives_every_input():
    result = triage("Estimation Bafa pour 6 jeunes de la commune", FakeRetriever())
    assert result.theme == "enfance_jeunesse"
    assert result.estimate is not None and result.estimate["title"]
    assert result.needs_human is False


def test_no_estimate_when_an_input_is_missing():
    assert triage("Combien pour créer une crèche ?", FakeRetriever()).estimate is None


def test_triage_refuses_bad_input():
    with pytest.raises(TriageInputError):
        triage("   ", FakeRetriever())


def test_batch_csv_to_jsonl_and_back_to_csv(tmp_path):
    source = tmp_path / "messages.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["id", "message"])
        writer.writerow(["a1", "Quelles aides pour une crèche ?\nMerci, cordialement"])
        writer.writerow(["a2", ""])
        writer.writerow(["a3", "Mon RSA n'est pas arrivé"])
    out = tmp_path / "out.jsonl"
    assert run_batch(source, out, FakeRetriever()) == 3
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a1", "a2", "a3"]
    assert rows[0]["theme"] == "petite_enfance"
    assert rows[1]["erreur"] == "texte_vide"
    assert rows[2]["route"] == "accueil_allocataires"
    out_csv = tmp_path / "out.csv"
    assert run_batch(source, out_csv, FakeRetriever()) == 3
    table = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert [row["theme"] for row in table] == ["petite_enfance", "", "hors_champ"]
    assert table[0]["sources"] == "cnaf-vademecum-2022 (2022)" and table[1]["erreur"] == "texte_vide"


def test_jsonl_input_with_bad_lines(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 7, "text": "Quelles aides pour une crèche ?"}\nnot json\n"Aide Bafa ?"\n\n',
                      encoding="utf-8")
    items = list(read_messages(source))
    assert items[0] == ("7", "Quelles aides pour une crèche ?")
    assert isinstance(items[1][1], TriageInputError)
    assert items[2] == ("3", "Aide Bafa ?")
    out = tmp_path / "out.csv"
    assert run_batch(source, out, FakeRetriever()) == 3
    table = list(csv.DictReader(out.open(encoding="utf-8")))
    assert table[0]["theme"] == "petite_enfance" and table[1]["erreur"] == "ligne_invalide"


def test_csv_without_text_column(tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(TriageInputError):
        list(read_messages(source))
