"""The page-level assembly reuses the tested statistics unchanged."""

from __future__ import annotations

import pytest

from opsdash.abtest.analysis import analyse_conversions, analyse_means
from opsdash.abtest.bayesian import compare_bayesian
from opsdash.abtest.cuped import CupedStats
from opsdash.abtest.frequentist import compare_means, compare_proportions
from opsdash.abtest.models import MeanStats, Proportion


def test_conversion_table_rows():
    variants = [Proportion(5000, 500), Proportion(5000, 560), Proportion(5000, 480)]
    analysis = analyse_conversions(["A", "B", "C"], variants, weights=[1, 1, 1])
    table = analysis.table()
    assert table["variant"].tolist() == ["A", "B", "C"]
    single = compare_proportions(variants[0], variants[1])
    row = table.iloc[1]
    assert row["p_value"] == single.p_value
    assert row["p_value_adjusted"] >= single.p_value
    assert row["ci_low"] == single.ci_abs[0]
    assert row["prob_beats"] == compare_bayesian(variants[0], variants[1]).prob_b_beats_a
    assert analysis.srm.p_value == pytest.approx(1.0) or analysis.srm.p_value > 0.9
    assert list(analysis.intervals()["variant"]) == ["B", "C"]
    assert {r["variant"] for r in analysis.posteriors()} == {"A", "B", "C"}
    assert analysis.errors == ()


def test_conversion_errors_surface():
    analysis = analyse_conversions(["A", "B"], [Proportion(10, 20), Proportion(10, 1)])
    assert analysis.errors == ("conversions_exceed_visitors",)


def test_means_with_and_without_cuped():
    stats = [MeanStats(500, 10, 4), MeanStats(500, 10.8, 4)]
    plain = analyse_means(["A", "B"], stats)
    assert plain.results[0].p_value == compare_means(*stats).p_value
    cuped = [
        CupedStats.from_values([1.0, 2.0, 4.0, 5.0], [1.0, 2.5, 3.5, 5.0]),
        CupedStats.from_values([2.0, 3.0, 5.0, 7.0], [1.5, 2.0, 4.0, 6.5]),
    ]
    adjusted = analyse_means(["A", "B"], [c.mean_stats() for c in cuped], cuped=cuped)
    assert adjusted.cuped is not None and adjusted.cuped.error is None
    assert adjusted.stats == adjusted.cuped.adjusted
    assert adjusted.table()["variant"].tolist() == ["A", "B"]
