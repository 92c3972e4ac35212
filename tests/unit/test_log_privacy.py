"""The logs never hold what users typed."""

from caf_assistant.log_privacy import MASK, mask_event, safe_traceback


def failing(text):
    raise ValueError(f"impossible de lire {text}")


def test_user_text_slots_and_tracker_are_masked_and_tracebacks_lose_their_messages():
    try:
        failing("Jeanne Vasseur, jeanne@mairie.fr")
    except ValueError as error:
        event = mask_event(None, "exception", {"event": "rest.message.received.failure",
                                               "text": "Jeanne Vasseur", "tracker": {"slots": {}}, "exc_info": error})
    assert event["text"] == MASK and event["tracker"] == MASK and event["event"] == "rest.message.received.failure"
    assert "exc_info" not in event and "Vasseur" not in str(event) and "jeanne@" not in str(event)
    assert event["exception"].startswith("ValueError") and "failing" in event["exception"]


def test_a_traceback_keeps_where_not_what():
    try:
        failing("06 12 34 56 78")
    except ValueError as error:
        line = safe_traceback(error)
    assert "06 12" not in line and "test_log_privacy.py" in line
