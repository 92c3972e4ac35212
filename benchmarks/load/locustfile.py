"""Simulated officials for `make bench-load`: each user is one conversation through REST, as the widget does,
turn after turn without pause (a closed loop: the figures are the stack's capacity).

The mix of one conversation: a greeting, questions from the golden set, a follow-up, an estimate step by step,
thanks. A reply that is not HTTP 200, or is empty, is a failure. `PLAIN_BOT=1` plays the plain `rasa init`
bot's own phrases instead (greet, mood, goodbye), for the side-by-side figures.
"""

from __future__ import annotations

import itertools
import os
import random
import uuid
from pathlib import Path

import yaml
from locust import HttpUser, constant, task

QUESTIONS = [q["question"] for q in yaml.safe_load((Path(__file__).resolve().parents[1] / "golden_questions.yml")
                                                   .read_text(encoding="utf-8"))["questions"] if q.get("question")]
CONVERSATION = [("chit-chat", "bonjour"), ("question", None), ("follow-up", "et en QPV ?"), ("question", None),
                ("estimate", "je voudrais une estimation pour créer une crèche"), ("estimate", "30 places"),
                ("estimate", "1,2 M€"), ("question", None), ("chit-chat", "merci")]
PLAIN = [("chit-chat", "hello"), ("chit-chat", "I am sad"), ("chit-chat", "yes"), ("chit-chat", "goodbye")]


class Official(HttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.turns = itertools.cycle(PLAIN if os.environ.get("PLAIN_BOT") else CONVERSATION)
        self.sender = f"load-{uuid.uuid4().hex[:12]}"
        self.played = 0

    @task
    def turn(self) -> None:
        kind, text = next(self.turns)
        text = text or random.choice(QUESTIONS)
        with self.client.post("/webhooks/rest/webhook", json={"sender": self.sender, "message": text},
                              name=kind, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif not response.json():
                response.failure("réponse vide")
        self.played += 1
        if self.played % len(CONVERSATION) == 0:
            self.sender = f"load-{uuid.uuid4().hex[:12]}"  # a new official
