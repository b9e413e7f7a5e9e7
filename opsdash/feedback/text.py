"""Keywords of feedback text.

- Chinese: segmented by jieba (precise mode, HMM on) with the team's dictionary of product
  terms added (so "闪退" or "会员卡" stay one word); terms of one character are dropped (mostly
  particles: 了, 的, 很).
- English (and other Latin-script text): lower-cased words of at least 3 letters.
- Stopwords: SnowNLP's Chinese stopword list (shipped with the package) plus
  :data:`EXTRA_STOPWORDS` (English function words, filler words of reviews); numbers and
  punctuation are never terms.

An item's terms are a *set*: a keyword's count is the number of items that contain it."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import cache

LATIN_WORD = re.compile(r"[a-z][a-z0-9'+\-]{2,}")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
HAS_LETTER = re.compile(r"[^\W\d_]")
_EXTRA_STOPWORDS_WORDS = """
    the and for that this with was are have has had you your but not all can its it's they
    them there their just very too also from would could will get got one out about more
    than what when which who been were our any some into only app
    还是 就是 但是 而且 然后 因为 所以 已经 非常 比较 感觉 觉得 真的 一下 一个
    一次 这个 那个 这次 没有 不是 可以 还有 这样 什么 怎么 知道 东西 时候 现在
    以后 一直 有点 每次 我们 你们 他们 自己 的话 不错 一般 而已 还行 以为 这么
    那么 其实 不过 只是 只有 虽然 不会 不能 不要 不用 应该 不了
"""
EXTRA_STOPWORDS = frozenset(_EXTRA_STOPWORDS_WORDS.split())


@cache
def stopwords() -> frozenset[str]:
    """SnowNLP's stopword list plus :data:`EXTRA_STOPWORDS` (read once)."""
    import importlib.util

    words = set(EXTRA_STOPWORDS)
    spec = importlib.util.find_spec("snownlp")
    if spec and spec.origin:
        path = os.path.join(os.path.dirname(spec.origin), "normal", "stopwords.txt")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as handle:
                words.update(line.strip() for line in handle if line.strip())
    return frozenset(words)


@cache
def _tokenizer(dictionary: tuple[str, ...]):
    import jieba  # heavy (dictionary load ~1 s): only when keywords are needed

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    for term in dictionary:
        tokenizer.add_word(term, freq=None)
    return tokenizer


def terms(text: str | None, dictionary: Iterable[str] = ()) -> set[str]:
    """The set of keyword terms of one text (module rules)."""
    if not text:
        return set()
    return terms_of([text], dictionary)[0]


def terms_of(texts: Iterable[str | None], dictionary: Iterable[str] = ()) -> list[set[str]]:
    """The term set of each text (empty for missing text)."""
    team = tuple(sorted({t.strip() for t in dictionary if t and t.strip()}))
    stop = stopwords()
    team_latin = {t.casefold() for t in team if not CJK.search(t)}
    tokenizer = None
    out: list[set[str]] = []
    for text in texts:
        if not text or not isinstance(text, str):
            out.append(set())
            continue
        found: set[str] = set()
        folded = text.casefold()
        if CJK.search(text):
            if tokenizer is None:
                tokenizer = _tokenizer(team)
            for token in tokenizer.lcut(text):
                token = token.strip().casefold()
                if not token or token in stop or not HAS_LETTER.search(token):
                    continue
                if CJK.search(token):
                    if len(token) >= 2 or token in team:
                        found.add(token)
                elif len(token) >= 3 or token in team_latin:
                    found.add(token)
        else:
            found.update(w.strip("'-+") for w in LATIN_WORD.findall(folded))
            found = {w for w in found if w and w not in stop}
        found.update(t for t in team_latin if t in folded and len(t) < 3)
        out.append(found)
    return out
