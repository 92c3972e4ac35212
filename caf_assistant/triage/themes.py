"""Theme scoring: topics of the retrieved passages (mapped to themes by knowledge/triage_themes.yml)
plus keyword cues in the message. Pure: takes the ranked topics, not the retriever."""

from __future__ import annotations

from dataclasses import dataclass

from caf_assistant.triage.config import OUT_OF_SCOPE, TriageConfig, normalise

KEYWORD_WEIGHT = 1.0
STRONG_WEIGHT = 3.0
MAX_KEYWORD_HITS = 3  # a long e-mail repeating a word does not outweigh everything else
RANK_DECAY = 0.7  # weight of the passage at rank r: RANK_DECAY ** (r - 1)
RETRIEVAL_WEIGHT = 1.0
NO_ANSWER_OUT_OF_SCOPE = 0.6  # no passage answers: a mild hint that the message is out of scope


@dataclass(frozen=True)
class ThemeScores:
    scores: dict[str, float]  # theme -> score
    cues: dict[str, list[str]]  # theme -> keyword cues found

    @property
    def ranked(self) -> list[tuple[str, float]]:
        return sorted(self.scores.items(), key=lambda item: (-item[1], item[0]))

    @property
    def best(self) -> str:
        ranked = self.ranked
        return ranked[0][0] if ranked and ranked[0][1] > 0 else OUT_OF_SCOPE

    @property
    def confidence(self) -> float:
        """Share of the best theme in the total, shrunk when the evidence is thin."""
        total = sum(self.scores.values())
        if total <= 0:
            return 0.2
        top = self.ranked[0][1]
        share = top / total
        evidence = min(1.0, total / 3.0)
        return round(share * (0.5 + 0.5 * evidence), 2)


def keyword_cues(text: str, config: TriageConfig) -> dict[str, list[str]]:
    """Keyword cues per theme found in ``text`` (accents, case and hyphens ignored)."""
    normal = normalise(text)
    cues: dict[str, list[str]] = {}
    for theme in config.themes.values():
        found = theme.keywords.findall(normal) if theme.keywords else []
        if found:
            cues[theme.key] = sorted(set(found))
    return cues


def score_themes(text: str, ranked_topics: list[str], config: TriageConfig, answered: bool = True) -> ThemeScores:
    """Scores each theme.

    ``ranked_topics``: topics of the retrieved passages, best first (may repeat); ``answered``: whether a
    passage was good enough to answer (when none is, the out-of-scope theme gets a small score).
    """
    scores = {key: 0.0 for key in config.themes}
    weight_sum = sum(RANK_DECAY ** i for i in range(len(ranked_topics))) or 1.0
    for rank, topic in enumerate(ranked_topics):
        theme = config.theme_of_topic(topic)
        if theme:
            scores[theme] += RETRIEVAL_WEIGHT * (RANK_DECAY ** rank) / weight_sum * 2.0
    normal = normalise(text)
    cues = keyword_cues(text, config)
    for key, found in cues.items():
        scores[key] += KEYWORD_WEIGHT * min(len(found), MAX_KEYWORD_HITS)
    for theme in config.themes.values():
        if theme.strong_keywords is not None:
            strong = set(theme.strong_keywords.findall(normal))
            scores[theme.key] += STRONG_WEIGHT * min(len(strong), MAX_KEYWORD_HITS)
    if not answered:
        scores[OUT_OF_SCOPE] += NO_ANSWER_OUT_OF_SCOPE
    return ThemeScores(scores={k: round(v, 3) for k, v in scores.items()}, cues=cues)
