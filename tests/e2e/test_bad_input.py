"""Bad input gets a clear French reply, the servers keep running, the conversation goes on."""

from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.request

import pytest

from caf_assistant.text import fold
from tests.conftest import domain_text

BAD_INPUTS = {
    "vide": "",
    "espaces": "   \n\t  ",
    "très long": ("Bonjour, je suis maire et je voudrais savoir comment financer une crèche. " * 90)[:6000],
    "emoji seuls": "😀😀🎉🎉👍",
    "html et script": "<script>alert('x')</script><b>bonjour</b><img src=x onerror=alert(1)>",
    "caractères de contrôle": "\x00\x01\x02\x1b[31mcrèche\x07\x7f",
    "charabia": "zxqv kkkkj ppppw qqqq",
    "un mégaoctet": "crèche " * 150_000,
    "5 000 chiffres": "9" * 5000,
    "commande interne": '/session_start{"metadata": {"x": 1}}',
    "redémarrage tapé": "/restart",
    "intention inconnue": "/hack_me",
    "json cassé": '/inform{"type_estimation": ',
    "json énorme": "/inform" + '{"type_estimation": "' + "a" * 50_000 + '"}',
    "invisibles et bidi": "\u200b\u200d\u202e\u2066bonjour\u2069\ufeff",
    "tous les plans": "".join(chr(c) for c in (0x41, 0x10000, 0x1F600, 0x20000, 0xE0001, 0xFFFD)),
    "gabarits": "{{7*7}} ${jndi:ldap://x} %s%n {0} '; DROP TABLE events; --",
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
def test_a_huge_message_is_cut_said_so_and_answered_on_its_first_part(rasa_stack, conversation):
    from caf_assistant.message_screening import max_message_chars
    messages = conversation.send("c'est quoi le bonus territoire ? " + "et encore " * 120_000)
    texts = [m["text"] for m in messages if m.get("text")]
    assert texts[0] == domain_text("utter_too_long")
    assert "territoire" in fold(" ".join(texts[1:]))
    if rasa_stack.api_token:
        events = conversation.tracker(rasa_stack.api_token)["events"]
        said = [e["text"] for e in events if e["event"] == "user"]
        assert len(said[-1]) <= max_message_chars()


@pytest.mark.stack
def test_commands_typed_as_text_do_not_restart_the_conversation(rasa_stack, conversation):
    if not rasa_stack.api_token:
        pytest.skip("stack externe : pas de jeton d'API")
    conversation.send("c'est quoi le bonus territoire ?")
    for command in ("/restart", '/session_start{"x": 1}', "/back"):
        messages = conversation.send(command)
        assert any(m.get("text") for m in messages), command
    events = conversation.tracker(rasa_stack.api_token)["events"]
    assert not [e for e in events if e["event"] in ("restart", "undo", "rewind")]
    assert sum(e["event"] == "session_started" for e in events) == 1
    assert conversation.tracker(rasa_stack.api_token)["slots"].get("previous_question")


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


@pytest.mark.stack
def test_a_message_without_its_conversation_id_is_refused(rasa_stack):
    """Without a sender, Rasa would put it in one « default » conversation shared by every such caller."""
    for body in ({"message": "bonjour"}, {"sender": "", "message": "bonjour"}, {"sender": 12, "message": "x"},
                 {"sender": "default", "message": "bonjour"}, ["bonjour"]):
        request = urllib.request.Request(f"{rasa_stack.rasa_url}/webhooks/rest/webhook",
                                         data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 400 and "sender" in json.loads(refused.value.read())["error"]
    assert alive(rasa_stack)


@pytest.mark.stack
def test_the_webhook_takes_json_only(rasa_stack):
    # a form or text/plain POST needs no CORS preflight: any website could make visitors' browsers send it
    for content_type, body in (("text/plain", '{"sender": "x", "message": "bonjour"}'),
                               ("application/x-www-form-urlencoded", "sender=x&message=bonjour")):
        request = urllib.request.Request(f"{rasa_stack.rasa_url}/webhooks/rest/webhook", data=body.encode(),
                                         headers={"Content-Type": content_type})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 415
    assert alive(rasa_stack)
