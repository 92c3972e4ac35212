"""Helpdesk triage: theme, who handles it at the Caf, whether a person is needed, a draft answer.

Pure parts (config, message, themes, routing) take no retriever; service.triage ties them to retrieval,
answers and estimates. Used by `make triage`, `make triage-batch`, the helpdesk server and the handoff.
"""

from caf_assistant.triage.errors import TriageInputError, check_input
from caf_assistant.triage.service import TriageResult, triage

__all__ = ["TriageInputError", "TriageResult", "check_input", "triage"]
