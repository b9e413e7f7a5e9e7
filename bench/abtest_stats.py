"""A/B calculator speed: exact Bayesian at large counts, file cleaning, store aggregation.

Run from the repository root: ``.venv/bin/python bench/abtest_stats.py [--shared PATH]``.
Prints one line per measurement (best of 3)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from opsdash.abtest.bayesian import compare_bayesian
from opsdash.abtest.data import clean_user_frame, guess_columns, read_user_file, summarise_users
from opsdash.abtest.models import Proportion


def best_of(func, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    args = parser.parse_args()
    for conversions in (17_000, 600_000, 6_000_000):
        n = conversions * 10
        seconds = best_of(
            lambda c=conversions, n=n: compare_bayesian(Proportion(n, c), Proportion(n, c + 500))
        )
        print(f"exact Bayesian (P(B>A) + 2 losses), {conversions:>9,} conversions: {seconds:.3f} s")
    path = Path(args.shared) / "datasets" / "ab_data.csv"
    if path.exists():
        data = path.read_bytes()
        frame = read_user_file(data)
        print(
            f"read ab_data.csv ({len(frame):,} rows): {best_of(lambda: read_user_file(data)):.2f} s"
        )
        guess = guess_columns(frame)

        def clean() -> None:
            users, report = clean_user_frame(
                frame,
                user=guess.user,
                variant=guess.variant,
                converted=guess.converted[0],
                consistency=guess.consistency,
                time=guess.time,
            )
            summarise_users(users, report=report, has_value=False)

        print(f"guess columns: {best_of(lambda: guess_columns(frame)):.2f} s")
        print(f"clean + summarise ab_data: {best_of(clean):.2f} s")


if __name__ == "__main__":
    main()
