"""Helpdesk HTTP server for Caf agents: triage of a message and handoff tickets (token-protected)."""
