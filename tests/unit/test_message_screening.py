"""What reaches Rasa of a user's message: bounded, visible, and no internal command."""

import time

from caf_assistant.message_screening import accepted_payload, cut, max_message_chars, screen, visible

INTENTS = {"affirm", "deny", "inform", "request_estimate", "restart", "session_start", "back", "nlu_fallback"}
ENTITIES = {"type_estimation", "departement"}


def test_the_limit_is_a_setting_with_a_sane_default():
    assert max_message_chars({}) == 2000
    assert max_message_chars({"CAF_MAX_MESSAGE_CHARS": "500"}) == 500
    assert max_message_chars({"CAF_MAX_MESSAGE_CHARS": "-3"}) == 2000


def test_a_long_message_is_cut_at_a_word_and_says_from_how_long():
    text = "bonjour " * 1000
    screened = screen(text, INTENTS, ENTITIES, limit=100)
    assert screened.cut_from == len(text)
    assert len(screened.text) <= 100 and screened.text.endswith("bonjour")
    assert screen("c'est quoi le Bafa ?", INTENTS, ENTITIES, limit=100).cut_from is None
    assert cut("x" * 300, 100) == "x" * 100  # no space: a hard cut


def test_a_megabyte_is_screened_in_linear_time():
    started = time.perf_counter()
    screened = screen("crèche\u200b " * 150_000, INTENTS, ENTITIES)
    assert time.perf_counter() - started < 0.5
    assert len(screened.text) <= max_message_chars() and "\u200b" not in screened.text


def test_invisible_and_control_characters_are_dropped():
    assert visible("\u202ebon\u200bjour\x00\x07\ufeff") == "bonjour"
    assert visible("ligne 1\r\nligne 2\ttab") == "ligne 1\nligne 2 tab"  # a list's lines stay lines
    assert visible("crèche 😀 𠀀") == "crèche 😀 𠀀"  # letters and symbols of every plane stay


def test_only_the_buttons_payloads_are_read_as_commands():
    assert accepted_payload("/affirm", INTENTS, ENTITIES)
    assert accepted_payload('/inform{"type_estimation": "creche_investissement"}', INTENTS, ENTITIES)
    for refused in ("/restart", "/session_start", '/session_start{"x": 1}', "/back", "/nlu_fallback", "/hack_me",
                    '/inform{"est_places": 99999999}', '/inform{"type_estimation": ', '/inform{"type_estimation": true}',
                    '/inform{"type_estimation": {"a": 1}}', '/inform{"type_estimation": "' + "a" * 200 + '"}',
                    "/inform" + "{" * 10_000, "/affirm /deny"):
        assert not accepted_payload(refused, INTENTS, ENTITIES), refused


def test_a_refused_command_is_read_as_ordinary_text():
    screened = screen("/restart", INTENTS, ENTITIES)
    assert screened.payload_refused and screened.text == "restart"
    assert screen("//session_start", INTENTS, ENTITIES).text == "session_start"
    assert screen("/affirm", INTENTS, ENTITIES) == screen("/affirm", INTENTS, ENTITIES)
    assert screen("/affirm", INTENTS, ENTITIES).text == "/affirm"
    assert screen(None, INTENTS, ENTITIES).text == ""


def test_a_list_keeps_its_lines_without_blank_ones():
    text = "Projet : création MAM  \r\n\n\n   places : 9\n\n\n\n"
    assert screen(text, set(), set()).text == "Projet : création MAM\nplaces : 9"
    assert screen("\n\n \n", set(), set()).text == ""
