"""Verdicts and the Markdown summary, in both languages."""

from __future__ import annotations

from opsdash.abtest.bayesian import compare_bayesian
from opsdash.abtest.checks import sample_ratio_mismatch
from opsdash.abtest.frequentist import (
    compare_many_proportions,
    compare_means,
    compare_proportions,
)
from opsdash.abtest.models import MeanStats, Proportion
from opsdash.abtest.summary import markdown_summary, mean_verdict, proportion_verdict
from opsdash.i18n import CATALOG


def test_verdict_better_in_english_and_chinese():
    result = compare_proportions(Proportion(10000, 1000), Proportion(10000, 1120))
    text = proportion_verdict(result, name_a="A", name_b="B", language="en")
    low, high = (round(v * 100, 1) for v in result.ci_abs)
    assert text.startswith(f"B is better than A: +1.2 pp, 95% CI +{low} to +{high} pp; significant")
    zh = proportion_verdict(result, name_a="A", name_b="B", language="zh")
    assert zh.startswith("B 优于 A：+1.2 个百分点") and "显著" in zh


def test_verdict_worse_and_no_difference():
    worse = compare_proportions(Proportion(10000, 1120), Proportion(10000, 1000))
    assert proportion_verdict(worse, name_a="A", name_b="B", language="en").startswith(
        "B is worse than A: -1.2 pp"
    )
    same = compare_proportions(Proportion(145274, 17489), Proportion(145310, 17264))
    text = proportion_verdict(same, name_a="control", name_b="treatment", language="en")
    assert text == (
        "No significant difference between treatment and control: -0.16 pp, 95% CI -0.39 to "
        "+0.08 pp; not significant (p = 0.190)"
    )
    bad = compare_proportions(Proportion(0, 0), Proportion(10, 1))
    assert proportion_verdict(bad, name_a="A", name_b="B", language="en") == (
        "A variant has 0 visitors"
    )


def test_mean_verdict():
    result = compare_means(MeanStats(1000, 10, 5), MeanStats(1000, 11, 5))
    text = mean_verdict(result, name_a="A", name_b="B", language="en")
    assert text.startswith("B is better than A: +1.00 (+10.0%), 95% CI +0.56 to +1.44;")


def test_markdown_summary():
    variants = [Proportion(5000, 500), Proportion(5000, 560), Proportion(5100, 505)]
    results = compare_many_proportions(variants)
    bayes = [compare_bayesian(variants[0], v) for v in variants[1:]]
    for language in ("en", "zh"):
        text = markdown_summary(
            names=["A", "B", "C"],
            results=results,
            bayes=bayes,
            srm=sample_ratio_mismatch([v.n for v in variants]),
            warnings=["few_users"],
            language=language,
        )
        assert text.count("\n| ") == 4  # header + 3 variants
        assert "abtest." not in text  # every key translated
    assert "Holm" in text


def test_catalog_has_every_error_code_in_both_languages():
    from opsdash.abtest.models import ERROR_CODES

    for code in ERROR_CODES:
        entry = CATALOG[f"abtest.error.{code}"]
        assert entry["zh"] and entry["en"]
