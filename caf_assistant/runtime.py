"""The process-wide retriever: loaded once, before the first message (see action_server.warm_up)."""

from __future__ import annotations

import threading

from caf_assistant.retrieval.retriever import Retriever

_lock = threading.Lock()
_retriever: Retriever | None = None


def get_retriever() -> Retriever:
    global _retriever
    if _retriever is None:
        with _lock:
            if _retriever is None:
                _retriever = Retriever.load()
    return _retriever


def warm_up() -> Retriever:
    retriever = get_retriever()
    # the first questions pay the lazy costs (embedder, index, composer, estimates' patterns): pay them here
    from caf_assistant.answers.service import answer_question
    from caf_assistant.estimates.requests import is_estimate_request

    for question in ("c'est quoi une convention territoriale globale ?", "combien le bonus territoire par place ?",
                     "qui contacter à la caf de la loire ?"):
        answer_question(retriever, question)
    is_estimate_request("on veut créer une crèche de 30 places, le projet coûte 1,7 M€")
    return retriever
