"""Widget behaviour that needs no real bot: rendering of the message kinds the bot does not send yet
(estimate, handoff, buttons) through the dev-aid fake server, the input bound, the demo server's pages.

Answers and sources of the real bot are checked in test_widget_stack.py against ``rasa_stack``.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from .fake_rasa import FakeRasaHandler
from .widget_page import ask, bot_messages, dialog, message_box, open_widget, stored_state, user_messages

pytestmark = pytest.mark.browser

NBSP = "\u00a0"


def test_widget_loads_with_one_script_tag_and_no_page_error(page, demo_server_only, fake_rasa):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(demo_server_only.page_url("/", fake_rasa.url))
    launcher = page.get_by_role("button", name="Une question ? Assistant Caf")
    expect(launcher).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    panel_id = launcher.get_attribute("aria-controls")
    assert page.locator(f"#{panel_id}").get_attribute("role") == "dialog"
    assert page.locator("script[src*='caf-widget.js']").count() == 1
    open_widget(page)
    expect(launcher).to_have_attribute("aria-expanded", "true")
    # the greeting and the starter suggestions are the widget's own
    expect(page.locator(".cafw-greeting")).to_contain_text("Bonjour")
    expect(page.get_by_role("group", name="Exemples de questions").get_by_role("button")).to_have_count(3)
    ask(page, "bonjour")
    assert page.errors == []
    # nothing is downloaded from the internet: only the partner site and the Rasa server
    hosts = {re.match(r"^https?://([^/:]+)", url).group(1) for url in requested}
    assert hosts <= {"localhost", "127.0.0.1"}, hosts


def test_bot_buttons_send_the_payload_and_show_the_title(page, demo_server_only, fake_rasa):
    page.goto(demo_server_only.page_url("/", fake_rasa.url))
    open_widget(page)
    ask(page, "bonjour")
    quick = page.get_by_role("group", name="Réponses proposées")
    expect(quick.get_by_role("button")).to_have_count(2)
    FakeRasaHandler.received.clear()
    quick.get_by_role("button", name="Une crèche").click()
    expect(user_messages(page).last).to_contain_text("Une crèche")
    expect(bot_messages(page).last).to_contain_text("/ask_question")
    assert FakeRasaHandler.received[-1]["message"] == '/ask_question{"aide": "creche"}'
    # once answered, the old quick replies are gone; focus is back in the input
    expect(page.get_by_role("group", name="Réponses proposées")).to_have_count(0)
    expect(message_box(page)).to_be_focused()


def test_sources_estimate_and_handoff_are_rendered(page, demo_server_only, fake_rasa):
    page.goto(demo_server_only.page_url("/", fake_rasa.url))
    open_widget(page)
    ask(page, "c'est quoi une ctg")
    link = page.locator(".cafw-source-link")
    expect(link).to_have_attribute(
        "href", f"{demo_server_only.url}/sources/cnaf-sppe-2024.html#les-collectivites-pilotent-la-politique-locale")
    # the anchor is the section's heading on the sheet page
    sheet = page.context.new_page()
    sheet.goto(link.get_attribute("href"))
    expect(sheet.locator("#les-collectivites-pilotent-la-politique-locale")).to_have_text(
        "Les collectivités pilotent la politique locale")
    sheet.close()
    expect(page.locator(".cafw-source")).to_contain_text("— Cnaf, édition 2024 (Les collectivités pilotent")
    # URLs in bot text become links (http/https only), the rest stays text
    expect(page.locator(".cafw-msg-text a.cafw-link")).to_have_attribute("href", "https://www.caf.fr/partenaires")

    ask(page, "estimation crèche")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Estimation : bonus territoire pour 10 nouvelles places de crèche")
    expect(table.get_by_role("row", name=re.compile("Bonus territoire Ctg"))).to_contain_text(f"26{NBSP}000{NBSP}€")
    expect(table.get_by_role("row", name=re.compile("Bonus mixité"))).to_contain_text(
        f"de 3{NBSP}000{NBSP}€ à 21{NBSP}000{NBSP}€")
    expect(table.get_by_role("row", name=re.compile("Aide à l'investissement"))).to_contain_text(
        f"jusqu'à 170{NBSP}000{NBSP}€")
    expect(table.locator("tfoot")).to_contain_text(f"de 189{NBSP}000{NBSP}€ à 207{NBSP}000{NBSP}€")
    expect(page.locator(".cafw-ceiling")).to_contain_text("Plafond : 80 % du coût du projet")
    expect(page.locator(".cafw-caveat")).to_contain_text("non contractuelle")
    expect(page.locator(".cafw-rules-date")).to_have_text("Règles en vigueur au 01/01/2024.")

    ask(page, "je veux parler à une personne")
    expect(page.locator(".cafw-handoff")).to_contain_text("une personne vous répondra")
    expect(page.locator(".cafw-handoff")).to_contain_text("T-0042")

    ask(page, "autre chose")  # text + an unknown custom type: the custom part is ignored
    expect(bot_messages(page).last).to_contain_text("Vous avez écrit : autre chose")
    assert page.errors == []


def test_html_from_user_and_bot_is_shown_as_text(page, demo_server_only, fake_rasa):
    page.goto(demo_server_only.page_url("/", fake_rasa.url))
    open_widget(page)
    payload = "<img src=x onerror=window.__xss=1><script>window.__xss=2</script>"
    ask(page, payload)  # the fake server echoes it back in its text
    expect(user_messages(page).last).to_contain_text(payload)
    expect(bot_messages(page).last).to_contain_text(payload)
    assert page.locator(".cafw-root img, .cafw-root script").count() == 0
    page.reload()
    expect(user_messages(page).last).to_contain_text(payload)  # also from the stored history
    assert page.locator(".cafw-root img, .cafw-root script").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_input_is_bounded_to_1000_characters(page, demo_server_only, fake_rasa):
    page.goto(demo_server_only.page_url("/", fake_rasa.url))
    open_widget(page)
    box = message_box(page)
    box.fill("a" * 1200)
    assert len(box.input_value()) == 1000
    expect(page.locator(".cafw-counter")).to_have_text("1000 / 1000 caractères")
    expect(page.locator(".cafw-form-message")).to_have_text("1000 caractères au maximum")
    box.fill("")
    box.press("Enter")  # empty message: nothing sent
    expect(user_messages(page)).to_have_count(0)


def test_escape_closes_and_state_is_restored_closed(page, demo_server_only, fake_rasa):
    page.goto(demo_server_only.page_url("/", fake_rasa.url))
    open_widget(page)
    ask(page, "bonjour")
    page.keyboard.press("Escape")
    expect(dialog(page)).to_be_hidden()
    assert stored_state(page)["open"] is False
    page.reload()
    expect(dialog(page)).to_be_hidden()
    page.get_by_role("button", name="Une question ? Assistant Caf").click()
    expect(user_messages(page)).to_have_count(1)


def test_new_conversation_clears_the_history(page, demo_server_only, fake_rasa):
    page.goto(demo_server_only.page_url("/", fake_rasa.url))
    open_widget(page)
    ask(page, "bonjour")
    sender = stored_state(page)["senderId"]
    page.get_by_role("button", name="Nouvelle conversation").click()
    expect(user_messages(page)).to_have_count(0)
    assert stored_state(page)["senderId"] != sender
    expect(message_box(page)).to_be_focused()


def test_source_pages_are_escaped_html(demo_server_only):
    with urllib.request.urlopen(f"{demo_server_only.url}/sources/cnaf-sppe-2024.html") as response:
        assert response.headers["Content-Type"].startswith("text/html")
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
        body = response.read().decode()
    assert "<h1>La Caf aux côtés des collectivités pour réussir le service public de la petite enfance</h1>" in body
    assert "Publié par Cnaf — édition 2024" in body
    assert "{#" not in body
    assert "<h2 id=" in body and "<li>" in body
    for bad in ("../caf_assistant/paths", "..%2Fconfig", "nope"):
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(f"{demo_server_only.url}/sources/{bad}.html")
        assert error.value.code == 404


def test_phone_panel_is_full_screen_and_keeps_the_focus(phone_page, demo_server_only, fake_rasa):
    page = phone_page
    page.goto(demo_server_only.page_url("/", fake_rasa.url))
    page.get_by_role("button", name="Une question ? Assistant Caf").tap()
    expect(dialog(page)).to_be_visible()
    assert dialog(page).bounding_box() == {"x": 0, "y": 0, "width": 360, "height": 640}
    for _ in range(12):  # Tab cycles inside the full-screen panel, never behind it
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.cafw-panel') !== null")
    for _ in range(12):
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.activeElement.closest('.cafw-panel') !== null")
    page.keyboard.press("Escape")
    expect(dialog(page)).to_be_hidden()
    expect(page.get_by_role("button", name="Une question ? Assistant Caf")).to_be_focused()


def test_the_rasa_override_of_the_demo_page_is_for_this_machine_only(page, demo_server_only):
    """A link to the demo page cannot send what is typed to another site (?rasa=https://elsewhere)."""
    for override, expected in (("https://site-hostile.example", demo_server_only.rasa_url.rstrip("/")),
                               ("http://127.0.0.1:5999", "http://127.0.0.1:5999")):
        page.goto(demo_server_only.page_url("/", override))
        assert page.evaluate("window.CafWidgetConfig.serverUrl") == expected
