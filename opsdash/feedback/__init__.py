"""User feedback (用户反馈): sentiment, keywords, themes and their statistics.

Heavy text libraries (jieba, SnowNLP) are imported where they are used, never at import time
of this package: the CLI starts without them."""
