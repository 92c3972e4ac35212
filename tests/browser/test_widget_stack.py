"""The widget on the demo partner page against the real stack (``rasa_stack``: action server + Rasa).

The page is served by ``demo_server`` on http://localhost:8080 (an origin allowed by Rasa's CORS).
Only the "server unreachable" test points the widget at a dead port first (then at a forwarder
to the real stack, to play "the server is back").
"""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import FIRST_ANSWER_TIMEOUT, ForwardingProxy, free_port, new_page
from .widget_page import (
    ask,
    bot_messages,
    dialog,
    launcher,
    log,
    message_box,
    open_widget,
    stored_state,
    user_messages,
    wait_idle,
)

pytestmark = pytest.mark.browser

QUESTION = "C'est quoi une convention territoriale globale ?"
SOURCE_HREF = re.compile(r"^http://(localhost|127\.0\.0\.1):\d+/sources/[A-Za-z0-9_-]+\.html(#[a-z0-9-]+)?$")


def ask_with_source(page, question: str = QUESTION) -> None:
    ask(page, question, timeout=FIRST_ANSWER_TIMEOUT)
    expect(page.locator(".cafw-source-link").first).to_have_attribute("href", SOURCE_HREF)


def test_question_gets_an_answer_with_its_source_link(page, demo_server, artifacts_dir):
    page.goto(demo_server.page_url("/"))
    open_widget(page)
    ask_with_source(page)
    answer = bot_messages(page).first
    expect(answer).to_contain_text(re.compile("convention territoriale globale|Ctg", re.IGNORECASE))
    source = page.locator(".cafw-source").first
    expect(source).to_contain_text(re.compile(r"Source : .+ — .+, édition \d{4}"))
    # the source link opens the sheet rendered by the demo server
    href = page.locator(".cafw-source-link").first.get_attribute("href")
    response = page.request.get(href)
    assert response.ok, href
    title = page.locator(".cafw-source-link").first.inner_text().replace("(nouvelle fenêtre)", "").strip()
    assert title.split("—")[0].strip()[:30] in response.text()
    # the conversation goes on in the same Rasa conversation (sender id kept)
    assert stored_state(page)["senderId"]
    page.screenshot(path=str(artifacts_dir / "widget-desktop.png"))
    assert page.errors == []


def test_quick_reply_sends_its_text_and_gets_an_answer(page, demo_server):
    page.goto(demo_server.page_url("/"))
    open_widget(page)
    suggestions = page.get_by_role("group", name="Exemples de questions")
    choice = suggestions.get_by_role("button").nth(1)
    title = choice.inner_text()
    choice.click()
    expect(user_messages(page).first).to_contain_text(title)
    wait_idle(page, FIRST_ANSWER_TIMEOUT)
    expect(bot_messages(page).first).to_be_visible()
    expect(page.get_by_role("group", name="Exemples de questions")).to_have_count(0)
    # bot buttons, when the bot sends some, work the same way (checked with the fake server too)
    buttons = page.get_by_role("group", name="Réponses proposées").get_by_role("button")
    if buttons.count():
        button_title = buttons.first.inner_text()
        buttons.first.click()
        expect(user_messages(page).last).to_contain_text(button_title)
        wait_idle(page, FIRST_ANSWER_TIMEOUT)


def test_history_survives_reload_and_navigation(page, demo_server):
    page.goto(demo_server.page_url("/"))
    open_widget(page)
    ask_with_source(page)
    answers = bot_messages(page).count()
    sender = stored_state(page)["senderId"]

    page.reload()
    expect(dialog(page)).to_be_visible()  # open state restored
    expect(user_messages(page)).to_have_count(1)
    expect(user_messages(page).first).to_contain_text(QUESTION)
    expect(bot_messages(page)).to_have_count(answers)
    expect(page.locator(".cafw-source-link").first).to_have_attribute("href", SOURCE_HREF)

    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Petite enfance").click()
    expect(page).to_have_url(re.compile(r"/page2\.html"))
    expect(dialog(page)).to_be_visible()
    expect(user_messages(page).first).to_contain_text(QUESTION)
    expect(bot_messages(page)).to_have_count(answers)
    assert stored_state(page)["senderId"] == sender
    # the same Rasa conversation goes on from the second page
    ask(page, "merci", timeout=FIRST_ANSWER_TIMEOUT)
    assert stored_state(page)["senderId"] == sender


def test_keyboard_only(page, demo_server):
    page.goto(demo_server.page_url("/"))
    for _ in range(40):  # Tab through the partner page until the launcher
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.classList.contains('cafw-launcher')"):
            break
    expect(launcher(page)).to_be_focused()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    shadow = page.evaluate("getComputedStyle(document.activeElement).boxShadow")
    assert outline != "none" or shadow != "none", "focus must be visible on the launcher"

    page.keyboard.press("Enter")
    expect(dialog(page)).to_be_visible()
    expect(launcher(page)).to_have_attribute("aria-expanded", "true")
    expect(message_box(page)).to_be_focused()
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    wait_idle(page, FIRST_ANSWER_TIMEOUT)
    expect(page.locator(".cafw-source-link").first).to_be_visible()
    expect(message_box(page)).to_be_focused()

    # Shift+Tab leaves the input for the conversation log (scrollable, focusable), then the header
    page.keyboard.press("Shift+Tab")
    focused = page.evaluate("document.activeElement.closest('.cafw-panel') !== null")
    assert focused
    page.keyboard.press("Tab")
    expect(message_box(page)).to_be_focused()
    # the send button is reachable and labelled
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Envoyer")).to_be_focused()

    page.keyboard.press("Escape")
    expect(dialog(page)).to_be_hidden()
    expect(launcher(page)).to_be_focused()
    expect(launcher(page)).to_have_attribute("aria-expanded", "false")


def test_axe_finds_no_serious_or_critical_violation(page, demo_server, artifacts_dir):
    page.goto(demo_server.page_url("/"))
    axe = Axe()
    closed = axe.run(page)
    open_widget(page)
    ask_with_source(page)
    opened = axe.run(page)
    report = {"closed": closed.response["violations"], "open": opened.response["violations"]}
    (artifacts_dir / "axe-widget.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    bad = [f"{state}: {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
           for state, violations in report.items() for v in violations if v["impact"] in ("serious", "critical")]
    assert bad == [], "\n".join(bad)
    # the conversation is a polite live log, the dialog is labelled
    expect(log(page)).to_have_attribute("aria-live", "polite")
    expect(dialog(page)).to_have_attribute("aria-labelledby", re.compile(r".+"))


def test_phone_viewport(phone_page, demo_server, artifacts_dir):
    page = phone_page
    page.goto(demo_server.page_url("/"))
    launcher(page).tap()
    expect(dialog(page)).to_be_visible()
    box = dialog(page).bounding_box()
    assert box["x"] == 0 and box["y"] == 0 and box["width"] == 360 and box["height"] == 640, box
    ask_with_source(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.evaluate("(l => l.scrollWidth <= l.clientWidth)(document.querySelector('.cafw-log'))")
    page.screenshot(path=str(artifacts_dir / "widget-phone.png"))
    page.get_by_role("button", name="Fermer l'assistant").tap()
    expect(dialog(page)).to_be_hidden()
    expect(launcher(page)).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "widget-phone-closed.png"))


def test_unreachable_server_shows_error_and_retry_works_once_back(browser, demo_server, rasa_stack, artifacts_dir):
    port = free_port()  # nothing listens there yet
    page = new_page(browser)
    proxy = None
    try:
        page.goto(demo_server.page_url("/", f"http://127.0.0.1:{port}"))
        open_widget(page)
        message_box(page).fill(QUESTION)
        message_box(page).press("Enter")
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("Impossible de joindre l'assistant")
        expect(user_messages(page).first).to_contain_text("Non envoyé")
        retry = page.get_by_role("button", name="Réessayer")
        expect(retry).to_be_visible()
        page.screenshot(path=str(artifacts_dir / "widget-error.png"))

        retry.click()  # still down: the error comes back, the message is still kept
        expect(page.get_by_role("button", name="Réessayer")).to_be_visible(timeout=20_000)
        expect(user_messages(page)).to_have_count(1)

        page.reload()  # the unsent message survives a reload too
        expect(user_messages(page).first).to_contain_text("Non envoyé")
        expect(page.get_by_role("button", name="Réessayer")).to_be_visible()

        proxy = ForwardingProxy(port, rasa_stack.rasa_url)  # the server is back
        page.get_by_role("button", name="Réessayer").click()
        wait_idle(page, FIRST_ANSWER_TIMEOUT)
        expect(page.locator(".cafw-source-link").first).to_have_attribute("href", SOURCE_HREF,
                                                                          timeout=FIRST_ANSWER_TIMEOUT)
        expect(page.get_by_role("alert")).to_have_text("")
        expect(user_messages(page)).to_have_count(1)
        expect(user_messages(page).first).not_to_contain_text("Non envoyé")
    finally:
        page.context.close()
        if proxy:
            proxy.stop()


def test_html_message_is_shown_as_text(page, demo_server):
    page.goto(demo_server.page_url("/"))
    open_widget(page)
    payload = "<img src=x onerror=window.__xss=1>"
    message_box(page).fill(payload)
    message_box(page).press("Enter")
    expect(user_messages(page).first).to_contain_text(payload)
    wait_idle(page, FIRST_ANSWER_TIMEOUT)
    assert page.locator(".cafw-root img").count() == 0
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_an_estimate_is_a_readable_table_on_a_phone(browser, demo_server, artifacts_dir):
    """A one-shot project question through the real stack: the figure first, then the table with each line's
    source as the sheet's title and edition (no internal ids), readable at 390 px, no serious axe violation."""
    page = new_page(browser, 390, 844, is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        page.goto(demo_server.page_url("/"))
        launcher(page).tap()
        ask(page, "On veut créer une crèche de 30 places en QPV, le projet coûte 1,7 M€ : combien la Caf peut mettre ?",
            timeout=FIRST_ANSWER_TIMEOUT)
        table = page.get_by_role("table").last
        expect(table).to_be_visible()
        expect(table.locator("tfoot")).to_contain_text(re.compile(r"780\s000\s€"))
        expect(table).to_contain_text("(Cnaf, édition 2024)")
        expect(table).not_to_contain_text("creche_investissement")
        expect(bot_messages(page).first).to_contain_text(re.compile(r"De 240\s000\s€ à 780\s000\s€"))
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.evaluate("(l => l.scrollWidth <= l.clientWidth)(document.querySelector('.cafw-log'))")
        page.screenshot(path=str(artifacts_dir / "widget-phone-estimate.png"))
        violations = Axe().run(page).response["violations"]
        bad = [f"{v['id']} ({v['impact']}): {v['help']}" for v in violations if v["impact"] in ("serious", "critical")]
        assert bad == [], "\n".join(bad)
    finally:
        page.context.close()


def test_what_is_typed_for_the_handoff_never_reaches_the_browser_storage(page, demo_server):
    page.goto(demo_server.page_url("/"))
    open_widget(page)
    ask(page, "je voudrais parler à quelqu'un de la Caf", timeout=FIRST_ANSWER_TIMEOUT)
    ask(page, "oui")  # the offer
    ask(page, "oui")  # the consent, after what will be asked and why
    commune, name = "Plouguerneau-sur-Essai", "Gwendoline Trébuchet-Lannec"
    ask(page, commune)
    ask(page, name)
    expect(log(page)).to_contain_text(name)  # shown in the conversation
    stored = json.dumps(stored_state(page), ensure_ascii=False)
    assert name not in stored and commune not in stored and "parler à quelqu'un" in stored
    page.fill(".cafw-input", "gwendoline@exemple.fr")  # a draft of a personal answer is not stored either
    page.wait_for_timeout(800)
    assert "gwendoline" not in json.dumps(stored_state(page), ensure_ascii=False)
    page.get_by_role("button", name="Nouvelle conversation").click()
    assert "parler à quelqu'un" not in json.dumps(stored_state(page), ensure_ascii=False)


def test_the_stored_history_expires(page, demo_server):
    page.goto(demo_server.page_url("/"))
    open_widget(page)
    ask_with_source(page)
    page.evaluate("""() => { const s = JSON.parse(localStorage.getItem('caf-widget:v1'));
                             s.savedAt = Date.now() - 25 * 3600 * 1000;
                             localStorage.setItem('caf-widget:v1', JSON.stringify(s)); }""")
    page.reload()
    expect(user_messages(page)).to_have_count(0)
