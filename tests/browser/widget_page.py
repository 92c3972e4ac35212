"""Helpers to drive the widget on a demo page (selectors in one place)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

WIDGET_TITLE = "Assistant Caf des élus"
LAUNCHER_NAME = "Une question ? Assistant Caf"


def launcher(page: Page):
    return page.get_by_role("button", name=LAUNCHER_NAME)


def dialog(page: Page):
    return page.get_by_role("dialog", name=WIDGET_TITLE)


def message_box(page: Page):
    return page.get_by_role("textbox", name="Votre question")


def log(page: Page):
    return page.get_by_role("log")


def bot_messages(page: Page):
    """The bot's messages, without the widget's own greeting."""
    return page.locator(".cafw-log .cafw-msg--bot:not(.cafw-greeting)")


def user_messages(page: Page):
    return page.locator(".cafw-log .cafw-msg--user")


def open_widget(page: Page) -> None:
    launcher(page).click()
    expect(dialog(page)).to_be_visible()
    expect(message_box(page)).to_be_focused()


def wait_idle(page: Page, timeout: float) -> None:
    """Waits until "l'assistant écrit…" has gone."""
    expect(page.locator(".cafw-typing--on")).to_have_count(0, timeout=timeout)


def ask(page: Page, text: str, timeout: float = 20_000) -> None:
    """Types ``text``, presses Enter and waits for at least one new bot message."""
    before = bot_messages(page).count()
    box = message_box(page)
    box.fill(text)
    box.press("Enter")
    expect(user_messages(page).last).to_contain_text(text[:40])
    wait_idle(page, timeout)
    expect(bot_messages(page)).not_to_have_count(before, timeout=timeout)


def stored_state(page: Page) -> dict:
    return page.evaluate("JSON.parse(localStorage.getItem('caf-widget:v1') || 'null')")
