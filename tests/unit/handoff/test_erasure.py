"""A cancelled hand-off erases what was typed for it from the conversation's events."""

from caf_assistant.handoff.erasure import positions_to_erase, turn_erases


def user(text, intent="inform"):
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}, "text": text}}


def slot(name, value):
    return {"event": "slot", "name": name, "value": value}


def bot(text):
    return {"event": "bot", "text": text}


EVENTS = [
    user("je veux parler à un humain", "ask_human"), {"event": "action", "name": "action_handoff_offer"},
    user("/affirm", "affirm"), {"event": "active_loop", "name": "handoff_form"},
    slot("requested_slot", "handoff_consent"), bot("Acceptez-vous ?"),
    user("oui", "affirm"), slot("handoff_consent", "oui"), slot("requested_slot", "handoff_commune"), bot("Commune ?"),
    user("Craon"), slot("handoff_commune", "Craon"), slot("requested_slot", "handoff_name"), bot("Nom ?"),
    user("Jeanne Vasseur"), slot("handoff_name", "Jeanne Vasseur"), bot("Merci Jeanne Vasseur, votre contact ?"),
    slot("requested_slot", "handoff_contact"),
    user("annuler", "cancel"), {"event": "action", "name": "action_handoff_cancel"}, bot("J'annule."),
    slot("handoff_commune", None), slot("handoff_name", None), {"event": "active_loop", "name": None},
]


def test_the_typed_answers_their_slots_and_their_quotes_are_erased():
    kept = [e for i, e in enumerate(EVENTS) if i not in set(positions_to_erase(EVENTS))]
    text = str(kept)
    assert "Craon" not in text and "Vasseur" not in text
    # what was not personal stays: the request, the consent, the cancel and the bot's questions
    assert {"je veux parler à un humain", "oui", "annuler"} <= {e["text"] for e in kept if e["event"] == "user"}
    assert slot("handoff_consent", "oui") in kept and bot("Commune ?") in kept


def test_only_a_turn_that_ends_the_form_without_ticket_erases():
    assert turn_erases(EVENTS[-7:])  # the turn of « annuler »
    submitted = [user("a@b.fr"), {"event": "action", "name": "action_handoff_submit"}, slot("handoff_ticket", "12")]
    assert not turn_erases(submitted)
    refused = [user("non", "deny"), {"event": "action", "name": "action_handoff_submit"}]
    assert turn_erases(refused)
    assert not turn_erases([user("c'est quoi une ctg ?", "ask_question"), bot("La Ctg...")])
    assert positions_to_erase([user("bonjour", "greet")]) == []
