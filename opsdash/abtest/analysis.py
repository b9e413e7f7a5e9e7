"""One call per page section: every statistic of an experiment, assembled for display.

Pure composition of the other modules (no new statistics): the page calls
:func:`analyse_conversions` / :func:`analyse_means` and renders what comes back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from opsdash.abtest.bayesian import BayesResult, compare_bayesian, posterior_grid
from opsdash.abtest.checks import (
    SequentialResult,
    SrmResult,
    mean_sequential,
    proportion_sequential,
    sample_ratio_mismatch,
    sample_warnings,
    sequential_p_values,
)
from opsdash.abtest.cuped import CupedResult, CupedStats, cuped_adjust
from opsdash.abtest.data import ExperimentData, sequential_looks
from opsdash.abtest.frequentist import (
    Correction,
    MeanTestResult,
    ProportionTestResult,
    compare_many_means,
    compare_many_proportions,
)
from opsdash.abtest.models import Alternative, MeanStats, Proportion


@dataclass(frozen=True)
class ConversionAnalysis:
    """Everything shown for a conversion metric; ``results``, ``bayes`` and ``sequential``
    hold one entry per non-control variant (``names[1:]``)."""

    names: tuple[str, ...]
    proportions: tuple[Proportion, ...]
    results: tuple[ProportionTestResult, ...]
    bayes: tuple[BayesResult, ...]
    sequential: tuple[SequentialResult, ...]
    srm: SrmResult
    warnings: tuple[str, ...]

    @property
    def errors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.error for r in self.results if r.error))

    def table(self) -> pd.DataFrame:
        """One row per variant: variant, users, conversions, rate, abs_diff, ci_low, ci_high,
        rel_lift, rel_low, rel_high, z, p_value, p_value_adjusted, prob_beats,
        expected_loss, sequential_p (comparison columns empty for the control)."""
        control = self.proportions[0]
        rows = [
            {
                "variant": self.names[0],
                "users": control.n,
                "conversions": control.conversions,
                "rate": control.rate,
            }
        ]
        for name, result, bayes, seq in zip(
            self.names[1:], self.results, self.bayes, self.sequential, strict=True
        ):
            rows.append(
                {
                    "variant": name,
                    "users": result.b.n,
                    "conversions": result.b.conversions,
                    "rate": result.rate_b,
                    "abs_diff": result.abs_diff,
                    "ci_low": result.ci_abs[0] if result.ci_abs else None,
                    "ci_high": result.ci_abs[1] if result.ci_abs else None,
                    "rel_lift": result.rel_lift,
                    "rel_low": result.ci_rel[0] if result.ci_rel else None,
                    "rel_high": result.ci_rel[1] if result.ci_rel else None,
                    "z": result.z,
                    "p_value": result.p_value,
                    "p_value_adjusted": result.p_value_adjusted,
                    "prob_beats": bayes.prob_b_beats_a,
                    "expected_loss": bayes.expected_loss_b,
                    "sequential_p": seq.p_value,
                }
            )
        return _numeric(pd.DataFrame(rows))

    def intervals(self) -> pd.DataFrame:
        """variant, diff, low, high of the absolute differences (usable variants only)."""
        return pd.DataFrame(
            [
                {"variant": n, "diff": r.abs_diff, "low": r.ci_abs[0], "high": r.ci_abs[1]}
                for n, r in zip(self.names[1:], self.results, strict=True)
                if r.ci_abs is not None
            ],
            columns=["variant", "diff", "low", "high"],
        )

    def posteriors(self) -> list[dict]:
        posts = {}
        if self.bayes and self.bayes[0].posterior_a is not None:
            posts[self.names[0]] = self.bayes[0].posterior_a
        for name, bayes in zip(self.names[1:], self.bayes, strict=True):
            if bayes.posterior_b is not None:
                posts[name] = bayes.posterior_b
        return posterior_grid(posts)


def _numeric(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column but the variant name as float (missing comparisons become NaN)."""
    return frame.astype({c: float for c in frame.columns if c != "variant"})


def analyse_conversions(
    names: Sequence[str],
    proportions: Sequence[Proportion],
    *,
    alpha: float = 0.05,
    alternative: Alternative = "two-sided",
    correction: Correction = "holm",
    weights: Sequence[float] | None = None,
) -> ConversionAnalysis:
    """Frequentist (pooled z-test, Newcombe CI, adjusted p), exact Bayesian, mSPRT and the
    checks (SRM against ``weights``, small samples) for each variant versus ``names[0]``."""
    proportions = tuple(proportions)
    results = compare_many_proportions(
        proportions, alpha=alpha, alternative=alternative, correction=correction
    )
    control = proportions[0]
    bayes = tuple(compare_bayesian(control, other) for other in proportions[1:])
    sequential = tuple(proportion_sequential(control, other) for other in proportions[1:])
    return ConversionAnalysis(
        names=tuple(names),
        proportions=proportions,
        results=results,
        bayes=bayes,
        sequential=sequential,
        srm=sample_ratio_mismatch([p.n for p in proportions], weights),
        warnings=sample_warnings(proportions),
    )


@dataclass(frozen=True)
class MeanAnalysis:
    """Welch's t-test of each variant versus the control, optionally CUPED-adjusted."""

    names: tuple[str, ...]
    stats: tuple[MeanStats, ...]
    results: tuple[MeanTestResult, ...]
    sequential: tuple[SequentialResult, ...]
    cuped: CupedResult | None = None

    @property
    def errors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.error for r in self.results if r.error))

    def table(self) -> pd.DataFrame:
        """variant, users, mean, sd, diff, ci_low, ci_high, rel_lift, rel_low, rel_high, t,
        df, p_value, p_value_adjusted, sequential_p."""
        first = self.stats[0]
        rows = [{"variant": self.names[0], "users": first.n, "mean": first.mean, "sd": first.sd}]
        for name, stats, result, seq in zip(
            self.names[1:], self.stats[1:], self.results, self.sequential, strict=True
        ):
            rows.append(
                {
                    "variant": name,
                    "users": stats.n,
                    "mean": stats.mean,
                    "sd": stats.sd,
                    "diff": result.diff,
                    "ci_low": result.ci[0] if result.ci else None,
                    "ci_high": result.ci[1] if result.ci else None,
                    "rel_lift": result.rel_lift,
                    "rel_low": result.ci_rel[0] if result.ci_rel else None,
                    "rel_high": result.ci_rel[1] if result.ci_rel else None,
                    "t": result.t,
                    "df": result.df,
                    "p_value": result.p_value,
                    "p_value_adjusted": result.p_value_adjusted,
                    "sequential_p": seq.p_value,
                }
            )
        return _numeric(pd.DataFrame(rows))

    def intervals(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {"variant": n, "diff": r.diff, "low": r.ci[0], "high": r.ci[1]}
                for n, r in zip(self.names[1:], self.results, strict=True)
                if r.ci is not None
            ],
            columns=["variant", "diff", "low", "high"],
        )


def analyse_means(
    names: Sequence[str],
    stats: Sequence[MeanStats],
    *,
    alpha: float = 0.05,
    alternative: Alternative = "two-sided",
    correction: Correction = "holm",
    cuped: Sequence[CupedStats] | None = None,
) -> MeanAnalysis:
    """Welch's t-test per variant versus the control; with ``cuped`` statistics the test
    runs on the CUPED-adjusted means and variances (see :mod:`opsdash.abtest.cuped`)."""
    adjusted = None
    stats = tuple(stats)
    if cuped is not None:
        adjusted = cuped_adjust(cuped)
        if adjusted.error is None:
            stats = adjusted.adjusted
    results = compare_many_means(stats, alpha=alpha, alternative=alternative, correction=correction)
    sequential = tuple(mean_sequential(stats[0], other) for other in stats[1:])
    return MeanAnalysis(
        names=tuple(names), stats=stats, results=results, sequential=sequential, cuped=adjusted
    )


def sequential_frame(data: ExperimentData) -> pd.DataFrame:
    """day, variant, p_value: the always-valid (mSPRT) p-value of each variant versus the
    control after each day of the experiment (cumulative data, running minimum)."""
    looks = sequential_looks(data)
    rows = []
    for index, name in enumerate(data.names[1:], start=1):
        pairs = [(counts[0], counts[index]) for _, counts in looks]
        values = sequential_p_values(pairs)
        rows.extend(
            {"day": pd.Timestamp(day), "variant": name, "p_value": p}
            for (day, _), p in zip(looks, values, strict=True)
            if p is not None
        )
    return pd.DataFrame(rows, columns=["day", "variant", "p_value"])
