"""NPS, CSAT and the G² test against hand-computed values and scipy."""

import math

import pytest
from scipy.stats import chi2_contingency

from opsdash.feedback.stats import csat, is_rising, log_likelihood, nps


def test_nps_hand_computed():
    # 5 promoters, 3 passives, 2 detractors: NPS = 100 × (0.5 − 0.2) = 30
    result = nps(5, 3, 2)
    assert result.score == pytest.approx(30.0)
    # variance = (0.5 + 0.2 − 0.3²) / 10 = 0.061; half width = 1.96 × 100 × √0.061 = 48.41
    half = 1.959963984540054 * 100 * math.sqrt(0.061)
    assert half == pytest.approx(48.407, abs=1e-3)
    assert result.low == pytest.approx(30 - half) and result.high == pytest.approx(
        min(30 + half, 100)
    )
    assert (result.responses, result.promoters, result.detractors) == (10, 5, 2)


def test_nps_edges():
    assert nps(0, 0, 0).score is None
    everyone = nps(4, 0, 0)
    assert (everyone.score, everyone.low, everyone.high) == (100.0, 100.0, 100.0)
    assert nps(0, 0, 3).score == -100.0


def test_csat():
    assert csat(3, 4) == 0.75
    assert csat(0, 0) is None


@pytest.mark.parametrize(
    ("a", "n1", "b", "n2"), [(30, 200, 10, 220), (5, 50, 5, 50), (1, 9, 7, 80)]
)
def test_log_likelihood_matches_scipy(a, n1, b, n2):
    table = [[a, n1 - a], [b, n2 - b]]
    expected = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
    assert log_likelihood(a, n1, b, n2) == pytest.approx(expected)


def test_log_likelihood_hand_computed():
    # 10 of 20 now vs 0 of 20 before: E = 5, 15, 5, 15 -> G² = 2 (10 ln 2 + 10 ln(10/15)
    # + 20 ln(20/15)) = 2 × (6.9315 − 4.0547 + 5.7536) = 17.261
    assert log_likelihood(10, 20, 0, 20) == pytest.approx(17.2609, abs=1e-3)


def test_rising_needs_significance_and_volume():
    assert is_rising(40, 200, 10, 200)  # 20% vs 5%: G² ≈ 21
    assert not is_rising(6, 200, 4, 200)  # 3% vs 2%: noise
    assert not is_rising(10, 200, 40, 200)  # falling
    assert not is_rising(4, 10, 0, 100)  # too few items
    assert not is_rising(40, 200, 0, 0)  # nothing to compare with
