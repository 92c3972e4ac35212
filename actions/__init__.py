"""Rasa custom actions: thin wrappers around caf_assistant (one action per module)."""
