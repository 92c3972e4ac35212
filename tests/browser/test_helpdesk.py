"""The helpdesk in Chromium: login, list, read, close (the form carries the CSRF token), logout; a forged
token or no session is refused; no serious accessibility violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from caf_assistant.handoff.store import TicketStore
from tests.helpdesk_server import AGENT, SECRET, start_helpdesk

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def helpdesk(tmp_path_factory):
    server = start_helpdesk(tmp_path_factory.mktemp("helpdesk-browser"))
    yield server
    server.stop()


@pytest.fixture
def ticket(helpdesk):
    return TicketStore(helpdesk.database).create(
        "sender-browser", "Mayenne", "Claire <b>Durand</b>", "claire@mairie.fr", "email",
        [{"role": "user", "text": "Nous voulons créer une crèche <script>alert(1)</script>"}],
        {"theme_label": "Petite enfance", "route_label": "Chargé de conseil et de développement", "draft": "Bonjour,"})


def log_in(page, helpdesk, secret=SECRET):
    page.goto(helpdesk.url + "/tickets")
    assert page.url.endswith("/login")  # no session: the login page
    page.get_by_label("Identifiant").fill(AGENT)
    page.get_by_label("Mot de passe").fill(secret)
    page.get_by_role("button", name="Se connecter").click()


def test_login_list_read_close_logout(page, helpdesk, ticket):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, helpdesk, "pas-le-bon")
    assert page.get_by_role("alert").is_visible() and page.url.endswith("/login")
    log_in(page, helpdesk)
    assert page.url.endswith("/tickets")
    cookie = [c for c in page.context.cookies() if c["name"] == "caf_helpdesk_session"][0]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert page.evaluate("document.cookie").find("caf_helpdesk_session") == -1  # out of the scripts' reach
    page.get_by_role("link", name=f"#{ticket.id}").click()
    assert page.get_by_role("heading", name=f"Demande #{ticket.id}").is_visible()
    assert "Claire <b>Durand</b>" in page.content().replace("&lt;", "<").replace("&gt;", ">")
    assert page.locator("b").count() == 0 and not dialogs  # shown as text, nothing ran
    violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert not violations, [v["id"] for v in violations]
    page.get_by_label("Note (facultative)").fill("Rappelée le jour même")
    page.get_by_role("button", name="Fermer la demande (traitée)").click()
    assert page.locator(".closed").first.inner_text() == "fermée"
    assert "fermée par " + AGENT in page.get_by_role("list").last.inner_text()
    assert TicketStore(helpdesk.database).get(ticket.id).status == "closed"
    page.get_by_role("button", name="Se déconnecter").click()
    assert page.url.endswith("/login")
    page.goto(helpdesk.url + f"/tickets/{ticket.id}")
    assert page.url.endswith("/login")  # the session is gone


def test_a_forged_csrf_token_is_refused(page, helpdesk, ticket):
    log_in(page, helpdesk)
    page.goto(helpdesk.url + f"/tickets/{ticket.id}")
    page.evaluate("document.querySelector('form[action$=\"/close\"] input[name=csrf]').value = 'forge'")
    page.get_by_role("button", name="Fermer la demande (traitée)").click()
    assert page.get_by_role("alert").is_visible()
    assert TicketStore(helpdesk.database).get(ticket.id).status == "open"


def test_a_cross_site_form_cannot_close_a_ticket(page, helpdesk, ticket):
    """A hostile page posting to the helpdesk: the SameSite=Strict cookie is not sent, and there is no token."""
    log_in(page, helpdesk)
    hostile = (f"<form method=post action='{helpdesk.url}/tickets/{ticket.id}/close'>"
               "<input name=csrf value=x><button>go</button></form>")
    page.goto(f"data:text/html,{hostile}")
    page.get_by_role("button", name="go").click()
    page.wait_for_load_state()
    assert TicketStore(helpdesk.database).get(ticket.id).status == "open"


def test_the_triage_form(page, helpdesk):
    log_in(page, helpdesk)
    page.get_by_role("link", name="Trier un message").click()
    page.get_by_label("Message reçu (courriel, formulaire…)").fill(
        "Bonjour, notre commune souhaite créer une crèche de 20 places, quelles aides de la Caf ?")
    page.get_by_role("button", name="Trier").click()
    assert page.get_by_role("heading", name="Résultat").is_visible()
    assert "Petite enfance" in page.content()
