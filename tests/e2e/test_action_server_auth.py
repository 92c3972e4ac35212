"""Only the Rasa server may call the action server: a call without its token is refused."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest


@pytest.mark.stack
def test_the_action_server_refuses_calls_without_the_token(rasa_stack, conversation):
    if not hasattr(rasa_stack, "action_url"):
        pytest.skip("stack externe")
    body = json.dumps({"next_action": "action_answer_from_sheets", "sender_id": "x", "tracker": {}, "domain": {}})
    for headers in ({}, {"Authorization": "Bearer faux-jeton"}):
        request = urllib.request.Request(f"{rasa_stack.action_url}/webhook", data=body.encode(),
                                         headers={"Content-Type": "application/json", **headers})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 401
    with urllib.request.urlopen(f"{rasa_stack.action_url}/health", timeout=10) as health:
        assert health.status == 200  # the load balancer's check stays open
    assert any(m.get("custom") for m in conversation.send("c'est quoi le bonus territoire ?"))  # Rasa is let in


@pytest.mark.stack
def test_an_action_error_sends_back_and_logs_nothing_of_the_conversation(rasa_stack):
    if not getattr(rasa_stack, "action_token", None):
        pytest.skip("stack externe")
    secret = "Berthe Quimperlé-Zanzibar"
    body = {"next_action": "action_answer_from_sheets", "sender_id": "x", "version": "3.6.2",
            "tracker": f"pas un tracker : {secret}", "domain": {"slots": {"handoff_name": secret}}}
    request = urllib.request.Request(f"{rasa_stack.action_url}/webhook", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json",
                                              "Authorization": f"Bearer {rasa_stack.action_token}"})
    with pytest.raises(urllib.error.HTTPError) as failed:
        urllib.request.urlopen(request, timeout=30)
    assert failed.value.code == 500
    assert secret not in failed.value.read().decode()
    for log in rasa_stack.log_dir.glob("actions-*.log"):
        assert "Quimperl" not in log.read_text(errors="replace"), log


@pytest.mark.stack
def test_rasa_and_the_action_server_send_the_security_headers(rasa_stack):
    if not hasattr(rasa_stack, "action_url"):
        pytest.skip("stack externe")
    for url in (f"{rasa_stack.rasa_url}/", f"{rasa_stack.action_url}/health"):
        with urllib.request.urlopen(url, timeout=10) as response:
            headers = response.headers
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY", url
        assert "default-src 'none'" in headers["Content-Security-Policy"] and headers["Cache-Control"] == "no-store"
    request = urllib.request.Request(f"{rasa_stack.rasa_url}/webhooks/rest/webhook", data=b"{}", method="POST",
                                     headers={"Content-Type": "text/plain"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 415 and refused.value.headers["X-Content-Type-Options"] == "nosniff"
