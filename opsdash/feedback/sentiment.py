"""Sentiment of a feedback item: what the file gives first, a classifier otherwise.

Order (the item's ``sentiment_basis``):

1. ``label``: the file's sentiment column (1/0, 正面/负面 ..., see opsdash.ingest.feedback);
2. ``rating``: stars 4-5 positive, 3 neutral, 1-2 negative;
3. ``nps``: NPS score 9-10 positive, 7-8 neutral, 0-6 negative;
4. ``classifier``: the text, classified offline:
   - Chinese text (any CJK character): SnowNLP's sentiment model (a naive Bayes classifier
     over words, trained on product reviews, shipped inside the ``snownlp`` package; no
     network). Chosen because it is the maintained, pip-installable Chinese model that needs no
     download and reaches the accuracy aimed at on product reviews (measured in
     docs/feedback.md and bench/README.md, on data it was not trained on). Positive when its
     probability is at least 0.5, negative otherwise;
   - other text: a small English word list (:data:`ENGLISH_POSITIVE`, :data:`ENGLISH_NEGATIVE`,
     with "not"/"no"/"never" flipping the next word); no word found: no sentiment.
An item with none of these (no text) has no sentiment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

import pandas as pd

BASES = ("label", "rating", "nps", "classifier")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"[a-z][a-z']*")
NEGATORS = frozenset({"not", "no", "never", "don't", "doesn't", "isn't", "wasn't", "can't"})
_ENGLISH_POSITIVE_WORDS = """
    good great excellent love loved like likes amazing awesome fast easy helpful useful
    nice perfect best happy recommend smooth clean beautiful fantastic friendly reliable
    works wonderful convenient satisfied quick fine enjoy enjoyed
"""
ENGLISH_POSITIVE = frozenset(_ENGLISH_POSITIVE_WORDS.split())
_ENGLISH_NEGATIVE_WORDS = """
    bad terrible awful hate hated slow crash crashes crashed bug bugs buggy broken
    expensive worst poor useless annoying freeze freezes frozen laggy lag fail fails failed
    error errors disappointed disappointing horrible refund scam confusing difficult
    problem problems ugly unusable wrong waste
"""
ENGLISH_NEGATIVE = frozenset(_ENGLISH_NEGATIVE_WORDS.split())


def from_rating(rating: float | None) -> str | None:
    if rating is None or pd.isna(rating):
        return None
    return "positive" if rating >= 4 else "negative" if rating <= 2 else "neutral"


def from_nps(score: float | None) -> str | None:
    if score is None or pd.isna(score):
        return None
    return "positive" if score >= 9 else "negative" if score <= 6 else "neutral"


@cache
def _snownlp_classify():
    from snownlp import sentiment  # heavy (~1 s, loads its model): only when needed

    return sentiment.classify


@lru_cache(maxsize=262_144)  # the Data page prepares a file again on every rerun
def chinese_probability(text: str) -> float:
    """SnowNLP's probability that ``text`` is positive (a few ms per short review)."""
    return float(_snownlp_classify()(text))


def english_sentiment(text: str) -> str | None:
    words = WORD.findall(text.casefold())
    score = 0
    for position, word in enumerate(words):
        sign = -1 if position and words[position - 1] in NEGATORS else 1
        if word in ENGLISH_POSITIVE:
            score += sign
        elif word in ENGLISH_NEGATIVE:
            score -= sign
    return "positive" if score > 0 else "negative" if score < 0 else None


def classify_text(text: str | None) -> str | None:
    """positive / negative (None: no text, or English text with no sentiment word)."""
    if text is None or (not isinstance(text, str) and pd.isna(text)) or not str(text).strip():
        return None
    text = str(text)
    if CJK.search(text):
        return "positive" if chinese_probability(text) >= 0.5 else "negative"
    return english_sentiment(text)


def classify_texts(texts: Iterable[str | None]) -> list[str | None]:
    return [classify_text(text) for text in texts]


def resolve(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(sentiment, basis) per row of a frame with any of ``sentiment`` (given label),
    ``rating``, ``nps_score``, ``text`` (module order)."""
    size = len(frame)
    sentiment = pd.Series([None] * size, index=frame.index, dtype=object)
    basis = pd.Series([None] * size, index=frame.index, dtype=object)
    if "sentiment" in frame:
        given = frame["sentiment"].notna()
        sentiment[given] = frame.loc[given, "sentiment"]
        basis[given] = "label"
    for column, rule, name in (("rating", from_rating, "rating"), ("nps_score", from_nps, "nps")):
        if column not in frame:
            continue
        todo = basis.isna() & frame[column].notna()
        if todo.any():
            sentiment[todo] = frame.loc[todo, column].map(rule)
            basis[todo] = name
    if "text" in frame:
        todo = basis.isna() & frame["text"].notna()
        if todo.any():
            found = pd.Series(classify_texts(frame.loc[todo, "text"]), index=frame.index[todo])
            sentiment[found.index] = found
            basis[found[found.notna()].index] = "classifier"
    return sentiment, basis
