"""The helpdesk server, started by the test: token, triage, French errors, tickets pages (HTML escaped)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from caf_assistant import paths
from caf_assistant.handoff.store import TicketStore
from caf_assistant.stack import free_port, wait_http

TOKEN = "jeton-de-test-123"


@pytest.fixture(scope="module")
def helpdesk(tmp_path_factory):
    work = tmp_path_factory.mktemp("helpdesk")
    database = f"sqlite:///{work / 'conversations.db'}"
    port = free_port()
    env = {**os.environ, "HELPDESK_TOKEN": TOKEN, "DATABASE_URL": database, "PYTHONPATH": str(paths.REPO_ROOT)}
    log = open(work / "helpdesk.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "caf_assistant.helpdesk.server", "--port", str(port)],
                               cwd=paths.REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_http(f"http://127.0.0.1:{port}/health", 120, process)
        yield {"url": f"http://127.0.0.1:{port}", "database": database, "process": process, "log": work / "helpdesk.log"}
    finally:
        process.terminate()
        process.wait(timeout=20)


def call(url, method="GET", data=None, token=TOKEN, raw=None, headers=None):
    body = raw if raw is not None else (json.dumps(data).encode() if data is not None else None)
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if body is not None and not (headers or {}).get("Content-Type"):
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


def test_refuses_to_start_without_token():
    env = {k: v for k, v in os.environ.items() if k != "HELPDESK_TOKEN"}
    result = subprocess.run([sys.executable, "-m", "caf_assistant.helpdesk.server", "--port", str(free_port())],
                            cwd=paths.REPO_ROOT, env={**env, "PYTHONPATH": str(paths.REPO_ROOT)},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "HELPDESK_TOKEN" in result.stderr


@pytest.mark.parametrize("token", [None, "mauvais-jeton"])
def test_triage_needs_the_token(helpdesk, token):
    status, _, body = call(helpdesk["url"] + "/triage", "POST", {"text": "aide crèche"}, token=token)
    assert status == 401 and json.loads(body)["erreur"] == "non_autorise"


def test_triage_of_a_long_email(helpdesk):
    text = ("Madame, Monsieur,\n\nNotre commune souhaite créer une crèche de 20 places. Quelles aides la Caf "
            "peut-elle apporter pour l'investissement ?\n\nBien cordialement,\nJean Martin\nMaire de Craon\n")
    status, content_type, body = call(helpdesk["url"] + "/triage", "POST", {"text": text})
    assert status == 200 and content_type.startswith("application/json")
    result = json.loads(body)
    assert result["theme"] == "petite_enfance"
    assert result["route"] == "charge_conseil_developpement"
    assert result["sources"] and result["draft"].startswith("Bonjour")
    assert {"needs_human", "confidence", "estimate", "questions"} <= set(result)


@pytest.mark.parametrize("payload,status,code", [
    (json.dumps({"text": ""}).encode(), 422, "texte_vide"),
    (json.dumps({"text": "x" * 30_000}).encode(), 422, "texte_trop_long"),
    (json.dumps({"text": "\x00\x01\x02\x03 ???"}).encode(), 422, "texte_illisible"),
    (json.dumps({"text": 12}).encode(), 422, "texte_invalide"),
    (json.dumps({"message": "bonjour"}).encode(), 400, "texte_absent"),
    (b"{not json", 400, "json_invalide"),
    (b"\xff\xfe\x00garbage", 400, "json_invalide"),
    (b"x" * 200_000, 413, "texte_trop_long"),
])
def test_bad_input_gets_a_french_error_and_the_server_keeps_running(helpdesk, payload, status, code):
    got, _, body = call(helpdesk["url"] + "/triage", "POST", raw=payload)
    error = json.loads(body)
    assert got == status and error["erreur"] == code and error["message"]
    assert helpdesk["process"].poll() is None
    assert call(helpdesk["url"] + "/health", token=None)[0] == 200


def test_unknown_route(helpdesk):
    status, _, body = call(helpdesk["url"] + "/nimporte")
    assert status == 404 and json.loads(body)["erreur"] == "introuvable"


def test_tickets_pages_are_protected_escaped_and_close(helpdesk, monkeypatch):
    store = TicketStore(helpdesk["database"])
    ticket = store.create("sender-page", "<b>Craon</b>", "Marie <script>alert(1)</script>", "marie@mairie.fr",
                          "email", [{"role": "user", "text": "<img src=x onerror=alert(1)>"}],
                          {"theme_label": "Petite enfance", "route_label": "Chargé de conseil", "draft": "<i>x</i>"})
    assert call(helpdesk["url"] + "/tickets", token=None)[0] == 401
    status, content_type, page = call(helpdesk["url"] + "/tickets")
    assert status == 200 and content_type.startswith("text/html")
    assert f"#{ticket.id}" in page and "<script>" not in page and "&lt;script&gt;" in page
    status, _, page = call(helpdesk["url"] + f"/tickets/{ticket.id}")
    assert status == 200 and "<img" not in page and "&lt;img" in page and "&lt;i&gt;x&lt;/i&gt;" in page
    status, _, data = call(helpdesk["url"] + "/tickets?format=json")
    assert ticket.id in [t["id"] for t in json.loads(data)]
    status, _, body = call(helpdesk["url"] + f"/tickets/{ticket.id}/close", "POST", raw=b"",
                           headers={"Accept": "application/json"})
    assert status == 200 and json.loads(body)["status"] == "closed"
    assert store.get(ticket.id).status == "closed"
    assert call(helpdesk["url"] + "/tickets/999999")[0] == 404


def test_the_log_holds_no_token_nor_personal_data(helpdesk):
    call(helpdesk["url"] + f"/tickets?token={TOKEN}", token=None)
    log = helpdesk["log"].read_text()
    assert TOKEN not in log and "marie@mairie.fr" not in log and "Marie" not in log
