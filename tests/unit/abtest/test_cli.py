"""``opsdash abtest``: the JSON contract and one-line errors."""

from __future__ import annotations

import json

import pytest
from scipy import stats
from statsmodels.stats.proportion import proportions_ztest
from statsmodels.stats.weightstats import _tstat_generic

from opsdash.cli import main


def run(capsys, *argv):
    status = main(["abtest", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_proportions_json(capsys):
    status, out, _ = run(capsys, "proportions", "--a", "100/1000", "--b", "130/1000", "--json")
    assert status == 0
    payload = json.loads(out)
    z, p = proportions_ztest([130, 100], [1000, 1000])
    assert payload["z"] == pytest.approx(z, abs=1e-9)
    assert payload["p_value"] == pytest.approx(p, abs=1e-9)
    assert payload["rate_a"] == 0.1 and payload["rate_b"] == 0.13
    assert payload["abs_diff"] == pytest.approx(0.03)
    assert payload["rel_lift"] == pytest.approx(0.3)
    assert len(payload["ci_abs"]) == 2 and payload["ci_abs"][0] < 0.03 < payload["ci_abs"][1]
    assert 0.95 < payload["prob_b_beats_a"] < 1
    assert payload["verdict"].startswith("B is better than A: +3.0 pp, 95% CI")


def test_proportions_one_sided(capsys):
    _, out, _ = run(
        capsys,
        "proportions",
        "--a",
        "100/1000",
        "--b",
        "130/1000",
        "--alternative",
        "greater",
        "--alpha",
        "0.01",
        "--json",
    )
    payload = json.loads(out)
    _, p = proportions_ztest([130, 100], [1000, 1000], alternative="larger")
    assert payload["p_value"] == pytest.approx(p, abs=1e-12)
    assert payload["alternative"] == "greater" and payload["ci_level"] == pytest.approx(0.98)


def test_means_json(capsys):
    status, out, _ = run(capsys, "means", "--a", "10,5,100", "--b", "12,6,120", "--json")
    assert status == 0
    payload = json.loads(out)
    se = (25 / 100 + 36 / 120) ** 0.5
    df = (25 / 100 + 36 / 120) ** 2 / ((25 / 100) ** 2 / 99 + (36 / 120) ** 2 / 119)
    t, p = _tstat_generic(12, 10, se, df, "two-sided", 0)
    assert payload["diff"] == 2 and payload["df"] == pytest.approx(df)
    assert payload["t"] == pytest.approx(t) and payload["p_value"] == pytest.approx(p)
    crit = stats.t.ppf(0.975, df)
    assert payload["ci"] == pytest.approx([2 - crit * se, 2 + crit * se])


def test_sample_size_json(capsys):
    _, out, _ = run(capsys, "sample-size", "--baseline", "0.10", "--mde", "0.02", "--json")
    payload = json.loads(out)
    assert payload["per_variant"] == 3841 and "power.prop.test" in payload["formula"]
    _, out, _ = run(
        capsys, "sample-size", "--baseline", "0.10", "--mde", "0.2", "--relative", "--json"
    )
    assert json.loads(out)["per_variant"] == 3841


def test_srm_json(capsys):
    _, out, _ = run(capsys, "srm", "--counts", "1000,2100,1900", "--weights", "1,2,2", "--json")
    payload = json.loads(out)
    chi2, p = stats.chisquare([1000, 2100, 1900], [1000, 2000, 2000])
    assert payload["chi2"] == pytest.approx(chi2) and payload["p_value"] == pytest.approx(p)


@pytest.mark.parametrize(
    "argv",
    [
        ["proportions", "--a", "120/100", "--b", "1/10"],
        ["proportions", "--a", "1/0", "--b", "1/10"],
        ["proportions", "--a", "abc", "--b", "1/10"],
        ["proportions", "--a", "1/10", "--b", "1/10", "--alpha", "1.5"],
        ["proportions", "--a", "1/10", "--b", "1/10", "--alpha", "0"],
        ["proportions", "--a", "1/10", "--b", "1/10", "--alternative", "bigger"],
        ["means", "--a", "1,-2,10", "--b", "1,1,10"],
        ["means", "--a", "1,2", "--b", "1,1,10"],
        ["means", "--a", "1,0,10", "--b", "1,0,10"],
        ["sample-size", "--baseline", "1.5", "--mde", "0.01"],
        ["sample-size", "--baseline", "0.1", "--mde", "0"],
        ["sample-size", "--baseline", "0.1", "--mde", "0.01", "--power", "2"],
        ["srm", "--counts", "10,-5"],
        ["srm", "--counts", "10"],
        ["srm", "--counts", "10,10", "--weights", "1,0"],
    ],
)
def test_bad_arguments_exit_with_one_line(capsys, argv):
    status, out, err = run(capsys, *argv)
    assert status != 0
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("opsdash abtest: ")
