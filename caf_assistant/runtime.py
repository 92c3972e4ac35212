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
    retriever.search("convention territoriale globale", k=1)  # first query pays the lazy costs
    return retriever
