"""Sentiment: given label, then rating, then NPS, then the classifier."""

import pandas as pd

from opsdash.feedback.sentiment import classify_text, english_sentiment, resolve


def test_order_of_bases():
    frame = pd.DataFrame(
        {
            "sentiment": ["negative", None, None, None, None],
            "rating": [5, 2, None, None, None],
            "nps_score": [10, 10, 9, None, None],
            "text": ["好", "好", "好", None, "great app, love it"],
        }
    )
    sentiment, basis = resolve(frame)
    assert list(sentiment) == ["negative", "negative", "positive", None, "positive"]
    assert list(basis) == ["label", "rating", "nps", None, "classifier"]


def test_english_word_list_with_negation():
    assert english_sentiment("The app keeps crashing and it is slow") == "negative"
    assert english_sentiment("not good") == "negative"
    assert english_sentiment("Version 2.3") is None


def test_chinese_classifier():
    assert classify_text("非常好吃，送餐也很快，五星好评") == "positive"
    assert classify_text("太难吃了，送了两个小时，再也不点了") == "negative"
    assert classify_text("") is None
