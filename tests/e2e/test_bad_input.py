"""Bad input gets a clear French reply, the servers keep running, the conversation goes on."""

from __future__ import annotations

import sqlite3
import urllib.request

import pytest

from caf_assistant.text import fold

BAD_INPUTS = {
    "vide": "",
    "espaces": "   \n\t  ",
    "très long": ("Bonjour, je suis maire et je voudrais savoir comment financer une crèche. " * 90)[:6000],
    "emoji seuls": "😀😀🎉🎉👍",
    "html et script": "<script>alert('x')</script><b>bonjour</b><img src=x onerror=alert(1)>",
    "caractères de contrôle": "\x00\x01\x02\x1b[31mcrèche\x07\x7f",
    "charabia": "zxqv kkkkj ppppw qqqq",
}


def alive(stack) -> bool:
    with urllib.request.urlopen(f"{stack.rasa_url}/", timeout=5) as response:
        return response.status == 200


@pytest.mark.stack
@pytest.mark.parametrize("label", list(BAD_INPUTS))
def test_bad_input_gets_french_reply_and_conversation_goes_on(label, rasa_stack, conversation):
    messages = conversation.send(BAD_INPUTS[label])
    text = "\n".join(m.get("text", "") for m in messages if m.get("text"))
    assert text.strip(), f"aucune réponse pour l'entrée {label!r}"
    assert "<script" not in text and "onerror" not in text
    assert alive(rasa_stack)
    follow_up = conversation.send("c'est quoi le bonus territoire ?")
    follow_text = fold("\n".join(m.get("text", "") for m in follow_up if m.get("text")))
    assert "territoire" in follow_text and "source" in follow_text


@pytest.mark.stack
def test_what_was_said_is_kept_in_the_tracker_store(rasa_stack, conversation):
    if getattr(rasa_stack, "database", None) is None:
        pytest.skip("stack externe : base inconnue")
    conversation.send("<b>bonjour</b> 😀")
    conversation.send("combien pour le bafa ?")
    with sqlite3.connect(rasa_stack.database) as db:
        rows = db.execute("SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'",
                          (conversation.sender,)).fetchall()
    said = [row[0] for row in rows]
    assert any("bafa" in row for row in said)
    assert any("bonjour" in row for row in said)
