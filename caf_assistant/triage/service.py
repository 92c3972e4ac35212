"""triage(text, retriever): the whole triage of one message, as a JSON-ready dict."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from caf_assistant.text import clean_user_text
from caf_assistant.triage.config import OUT_OF_SCOPE, TriageConfig, load_config
from caf_assistant.triage.draft import answer_questions, compose_draft, try_estimate, with_context
from caf_assistant.triage.errors import check_input
from caf_assistant.triage.message import parse_message
from caf_assistant.triage.routing import route
from caf_assistant.triage.themes import score_themes

SEARCH_K = 6


@dataclass
class TriageResult:
    theme: str
    theme_label: str
    route: str
    route_label: str
    needs_human: bool
    confidence: float
    reasons: list[str]
    questions: list[str]
    draft: str
    sources: list[dict] = field(default_factory=list)
    estimate: dict | None = None
    theme_scores: dict[str, float] = field(default_factory=dict)
    cues: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def ranked_topics(retriever, questions: list[str], k: int = SEARCH_K) -> list[str]:
    """Topics of the passages retrieved for each question, interleaved by rank (best first)."""
    rankings = [[hit.chunk.topic for hit in retriever.search(clean_user_text(q, 2000), k=k)]
                for q in questions[:3] if q.strip()]
    topics = []
    for rank in range(k):
        topics += [ranking[rank] for ranking in rankings if rank < len(ranking)]
    return topics


def answers_theme(reply, theme: str, config: TriageConfig) -> bool:
    """A passage of another theme does not answer the message (e.g. a crèche passage for a housing question)."""
    if reply.kind != "answer" or reply.answer is None or not reply.answer.chunk_id:
        return reply.kind == "answer"
    parts = reply.answer.chunk_id.split("/")
    topic = parts[1] if len(parts) > 2 else ""
    other = config.theme_of_topic(topic)
    return other is None or other == theme


def triage(text: object, retriever=None, config: TriageConfig | None = None) -> TriageResult:
    """Raises TriageInputError for an empty, huge or garbled message."""
    text = check_input(text)
    config = config or load_config()
    if retriever is None:
        from caf_assistant.runtime import get_retriever

        retriever = get_retriever()
    message = parse_message(text)
    queries = with_context(message.questions, message.body)
    topics = ranked_topics(retriever, queries)
    replies = answer_questions(retriever, queries, message.body_text)
    estimate = try_estimate(message.body_text)
    found = any(reply.kind == "answer" for _, reply in replies)
    scores = score_themes(message.body_text, topics, config, answered=found or estimate[0] is not None)
    theme = OUT_OF_SCOPE if config.personal_case(message.body_text) else scores.best  # a person's own case
    replies = [(query, reply) for query, reply in replies if answers_theme(reply, theme, config)]
    answered = any(reply.kind == "answer" for _, reply in replies)
    confidence = scores.confidence
    routing = route(message.body_text, theme, answered, estimate[0] is not None, confidence, config)
    draft = compose_draft(theme, routing.label, replies, estimate, routing.needs_human)
    overall = round(confidence * (1.0 if draft.answered or theme == "hors_champ" else 0.8), 2)
    return TriageResult(
        theme=theme, theme_label=config.themes[theme].label, route=routing.route, route_label=routing.label,
        needs_human=routing.needs_human, confidence=overall, reasons=routing.reasons, questions=message.questions,
        draft=draft.text, sources=draft.sources, estimate=draft.estimate, theme_scores=scores.scores,
        cues=scores.cues)
