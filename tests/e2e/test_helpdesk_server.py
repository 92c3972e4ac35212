"""The helpdesk server, started by the test: agents' accounts and sessions, CSRF, login limits, audit,
triage with French errors, tickets pages (HTML escaped), security headers, logs without secrets."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import requests

from caf_assistant import paths
from caf_assistant.handoff.store import TicketStore
from caf_assistant.stack import free_port
from tests.helpdesk_server import AGENT, SECRET, cli, environment, start_helpdesk


@pytest.fixture(scope="module")
def helpdesk(tmp_path_factory):
    server = start_helpdesk(tmp_path_factory.mktemp("helpdesk"))
    yield server
    server.stop()


def logged_in(helpdesk, login=AGENT, secret=SECRET) -> tuple[requests.Session, str]:
    session = requests.Session()
    reply = session.post(helpdesk.url + "/login", json={"login": login, "password": secret}, timeout=30)
    assert reply.status_code == 200, reply.text
    return session, reply.json()["csrf"]


def test_refuses_to_start_without_an_agent_account(tmp_path):
    result = subprocess.run([sys.executable, "-m", "caf_assistant.helpdesk.server", "--port", str(free_port())],
                            cwd=paths.REPO_ROOT, env=environment(f"sqlite:///{tmp_path / 'empty.db'}"),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "make agent" in result.stderr


def test_without_a_session_pages_go_to_login_and_the_api_says_401(helpdesk):
    reply = requests.get(helpdesk.url + "/tickets", allow_redirects=False, timeout=30)
    assert reply.status_code == 303 and reply.headers["Location"] == "/login"
    reply = requests.get(helpdesk.url + "/tickets?format=json", timeout=30)
    assert reply.status_code == 401 and reply.json()["erreur"] == "non_autorise"
    reply = requests.post(helpdesk.url + "/triage", json={"text": "aide crèche"}, timeout=30)
    assert reply.status_code == 401


def test_a_forged_session_cookie_is_refused(helpdesk):
    reply = requests.get(helpdesk.url + "/tickets?format=json", cookies={"caf_helpdesk_session": "x" * 43}, timeout=30)
    assert reply.status_code == 401


def test_login_gives_a_strict_http_only_cookie_and_a_wrong_secret_is_refused(helpdesk):
    reply = requests.post(helpdesk.url + "/login", json={"login": AGENT, "password": "pas-le-bon-secret"}, timeout=30)
    assert reply.status_code == 401 and reply.json()["erreur"] == "identifiants" and not reply.cookies
    reply = requests.post(helpdesk.url + "/login", json={"login": AGENT, "password": SECRET}, timeout=30)
    cookie = [c for c in reply.headers["Set-Cookie"].split(", ") if c.startswith("caf_helpdesk_session=")][0]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie  # plain HTTP here
    assert reply.json()["csrf"] and reply.json()["csrf"] not in reply.headers["Set-Cookie"]


def test_state_changes_need_the_session_csrf_token(helpdesk):
    session, csrf = logged_in(helpdesk)
    ticket = TicketStore(helpdesk.database).create("sender-csrf", "Laval", "Jeanne", "jeanne@mairie.fr", "email", [])
    for headers in ({}, {"X-CSRF-Token": "forge"}, {"X-CSRF-Token": csrf, "Origin": "https://site-hostile.example"}):
        reply = session.post(helpdesk.url + f"/tickets/{ticket.id}/close", json={}, headers=headers, timeout=30)
        assert reply.status_code == 403 and reply.json()["erreur"] == "csrf"
    assert TicketStore(helpdesk.database).get(ticket.id).status == "open"
    other, other_csrf = logged_in(helpdesk)
    reply = session.post(helpdesk.url + f"/tickets/{ticket.id}/close", json={}, headers={"X-CSRF-Token": other_csrf},
                         timeout=30)
    assert reply.status_code == 403  # another session's token does not do
    reply = session.post(helpdesk.url + f"/tickets/{ticket.id}/close", json={"note": "rappelée"},
                         headers={"X-CSRF-Token": csrf}, timeout=30)
    assert reply.status_code == 200 and reply.json()["status"] == "closed" and reply.json()["note"] == "rappelée"


def test_the_audit_says_who_read_and_closed_a_ticket(helpdesk):
    session, csrf = logged_in(helpdesk)
    ticket = TicketStore(helpdesk.database).create("sender-audit", "Craon", "Paul", "paul@mairie.fr", "email", [])
    assert session.get(helpdesk.url + f"/tickets/{ticket.id}?format=json", timeout=30).status_code == 200
    session.post(helpdesk.url + f"/tickets/{ticket.id}/close", json={}, headers={"X-CSRF-Token": csrf}, timeout=30)
    lines = cli(helpdesk.database, "audit", "--ticket", str(ticket.id)).stdout.splitlines()
    assert [line.split()[1:3] for line in lines] == [[AGENT, "fermeture"], [AGENT, "lecture"]]
    assert "Paul" not in "\n".join(lines)


def test_logout_ends_the_session(helpdesk):
    session, csrf = logged_in(helpdesk)
    cookie = session.cookies.get("caf_helpdesk_session")
    assert session.post(helpdesk.url + "/logout", json={}, headers={"X-CSRF-Token": csrf}, timeout=30).status_code == 200
    reply = requests.get(helpdesk.url + "/tickets?format=json", cookies={"caf_helpdesk_session": cookie}, timeout=30)
    assert reply.status_code == 401


def test_failed_logins_are_limited_even_with_the_right_secret_after(helpdesk):
    login, secret = "agent.limite", "un-autre-secret-assez-long"
    assert cli(helpdesk.database, "add", login, "--password-stdin", stdin=secret + "\n").returncode == 0
    codes = [requests.post(helpdesk.url + "/login", json={"login": login, "password": f"faux-{i}"}, timeout=30).status_code
             for i in range(5)]
    assert codes == [401] * 5
    reply = requests.post(helpdesk.url + "/login", json={"login": login, "password": secret}, timeout=30)
    assert reply.status_code == 429 and reply.json()["erreur"] == "trop_de_tentatives"
    logged_in(helpdesk)  # another account is not blocked


def test_a_disabled_account_loses_its_sessions(helpdesk):
    login, secret = "agent.parti", "encore-un-secret-assez-long"
    assert cli(helpdesk.database, "add", login, "--password-stdin", stdin=secret + "\n").returncode == 0
    session, _ = logged_in(helpdesk, login, secret)
    assert session.get(helpdesk.url + "/tickets?format=json", timeout=30).status_code == 200
    assert cli(helpdesk.database, "disable", login).returncode == 0
    assert session.get(helpdesk.url + "/tickets?format=json", timeout=30).status_code == 401
    reply = requests.post(helpdesk.url + "/login", json={"login": login, "password": secret}, timeout=30)
    assert reply.status_code == 401


def test_triage_of_a_long_email(helpdesk):
    session, csrf = logged_in(helpdesk)
    text = ("Madame, Monsieur,\n\nNotre commune souhaite créer une crèche de 20 places. Quelles aides la Caf "
            "peut-elle apporter pour l'investissement ?\n\nBien cordialement,\nJean Martin\nMaire de Craon\n")
    reply = session.post(helpdesk.url + "/triage", json={"text": text}, headers={"X-CSRF-Token": csrf}, timeout=60)
    assert reply.status_code == 200 and reply.headers["Content-Type"].startswith("application/json")
    result = reply.json()
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
    session, csrf = logged_in(helpdesk)
    reply = session.post(helpdesk.url + "/triage", data=payload, timeout=60,
                         headers={"X-CSRF-Token": csrf, "Content-Type": "application/json"})
    error = reply.json()
    assert reply.status_code == status and error["erreur"] == code and error["message"]
    assert helpdesk.process.poll() is None
    assert requests.get(helpdesk.url + "/health", timeout=30).status_code == 200


def test_unknown_route_and_method(helpdesk):
    session, _ = logged_in(helpdesk)
    reply = session.get(helpdesk.url + "/nimporte?format=json", timeout=30)
    assert reply.status_code == 404 and reply.json()["erreur"] == "introuvable"
    reply = session.get(helpdesk.url + "/nimporte", timeout=30)
    assert reply.status_code == 404 and reply.headers["Content-Type"].startswith("text/html") and "<h1>" in reply.text
    assert session.delete(helpdesk.url + "/tickets", timeout=30).status_code == 405


def test_tickets_pages_are_escaped(helpdesk):
    session, _ = logged_in(helpdesk)
    ticket = TicketStore(helpdesk.database).create(
        "sender-page", "<b>Craon</b>", "Marie <script>alert(1)</script>", "marie@mairie.fr", "email",
        [{"role": "user", "text": "<img src=x onerror=alert(1)>"}],
        {"theme_label": "Petite enfance", "route_label": "Chargé de conseil", "draft": "<i>x</i>"})
    page = session.get(helpdesk.url + "/tickets", timeout=30)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert f"#{ticket.id}" in page.text and "<script>" not in page.text and "&lt;script&gt;" in page.text
    page = session.get(helpdesk.url + f"/tickets/{ticket.id}", timeout=30).text
    assert "<img" not in page and "&lt;img" in page and "&lt;i&gt;x&lt;/i&gt;" in page
    assert ticket.id in [t["id"] for t in session.get(helpdesk.url + "/tickets?format=json", timeout=30).json()]
    assert session.get(helpdesk.url + "/tickets/999999?format=json", timeout=30).status_code == 404


@pytest.mark.parametrize("path", ["/login", "/tickets", "/tickets/999999", "/nimporte", "/static/helpdesk.css", "/health"])
def test_security_headers_on_every_response(helpdesk, path):
    session, _ = logged_in(helpdesk)
    headers = session.get(helpdesk.url + path, timeout=30).headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "script-src" not in headers["Content-Security-Policy"]  # default-src 'none': no script at all
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cache-Control"] == "no-store"


def test_the_log_holds_no_secret_nor_personal_data(helpdesk):
    session, csrf = logged_in(helpdesk)
    session.get(helpdesk.url + "/tickets", timeout=30)
    session.post(helpdesk.url + "/triage", json={"text": "Bonjour, je suis Marie Dupont, marie.dupont@mairie.fr"},
                 headers={"X-CSRF-Token": csrf}, timeout=60)
    log = helpdesk.log.read_text()
    assert SECRET not in log and csrf not in log and session.cookies.get("caf_helpdesk_session") not in log
    assert "marie" not in log.lower() and "Dupont" not in log
