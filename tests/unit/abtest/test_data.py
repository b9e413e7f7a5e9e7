"""Loading experiments from the store (SQLite and PostgreSQL) and from per-user files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportions_ztest

from opsdash.abtest.cuped import cuped_adjust
from opsdash.abtest.data import (
    clean_user_frame,
    experiment_names,
    guess_columns,
    load_experiment,
    order_control_first,
    read_user_file,
    sequential_looks,
    summarise_users,
)
from opsdash.abtest.frequentist import compare_proportions
from opsdash.abtest.models import MeanStats, Proportion
from opsdash.errors import UserError
from opsdash.models import ExperimentAssignment
from opsdash.store.bulk import bulk_insert

FIXTURES = Path(__file__).parent / "fixtures"


def _assignments() -> pd.DataFrame:
    rows = [
        # user, variant, day, converted, value, covariate
        ("u1", "control", 1, True, 10.0, 5.0),
        ("u2", "control", 1, False, 0.0, 2.0),
        ("u3", "control", 2, None, None, None),
        ("u4", "control", 3, True, 30.0, 9.0),
        ("u5", "treatment", 1, True, 25.0, 4.0),
        ("u6", "treatment", 2, True, 40.0, None),
        ("u7", "treatment", 2, False, 0.0, 1.0),
        ("u8", "treatment", 3, False, None, 3.0),
        ("u9", "treatment", 3, True, 15.0, 6.0),
    ]
    frame = pd.DataFrame(
        rows, columns=["user_id", "variant", "day", "converted", "value", "covariate"]
    )
    frame["experiment"] = "exp1"
    frame["assigned_at"] = [dt.datetime(2024, 3, d, 12) for d in frame["day"]]
    frame["converted"] = frame["converted"].astype(object)
    other = frame.iloc[:2].assign(experiment="other")
    return pd.concat([frame, other], ignore_index=True).drop(columns="day")


def test_load_experiment_matches_hand_computation(engine):
    frame = _assignments()
    table = ExperimentAssignment.__table__
    with engine.begin() as conn:
        bulk_insert(conn, table, frame)  # converted holds 1, 0 and NULL
    assert experiment_names(engine) == ["exp1", "other"]
    data = load_experiment(engine, experiment="exp1")
    assert data.names == ("control", "treatment")
    assert data.proportions == (Proportion(4, 2), Proportion(5, 3))
    exp = frame[frame["experiment"] == "exp1"]
    for name, stats in zip(data.names, data.values, strict=True):
        values = exp.loc[exp["variant"] == name, "value"].fillna(0.0)
        expected = MeanStats.from_values(values)
        assert stats.n == expected.n
        assert stats.mean == pytest.approx(expected.mean)
        assert stats.sd == pytest.approx(expected.sd)
    # CUPED: a missing covariate is replaced by the overall covariate mean.
    y = exp["value"].fillna(0.0).to_numpy()
    x = exp["covariate"].fillna(exp["covariate"].mean()).to_numpy()
    theta = np.cov(x, y)[0, 1] / np.var(x, ddof=1)
    adjusted = y - theta * (x - x.mean())
    result = cuped_adjust(data.cuped)
    assert result.theta == pytest.approx(theta)
    for index, name in enumerate(data.names):
        mask = (exp["variant"] == name).to_numpy()
        assert result.adjusted[index].mean == pytest.approx(adjusted[mask].mean())
        assert result.adjusted[index].sd == pytest.approx(adjusted[mask].std(ddof=1))
    # Cumulative users and conversions per day of first exposure.
    looks = sequential_looks(data)
    assert [day for day, _ in looks] == [dt.date(2024, 3, d) for d in (1, 2, 3)]
    assert looks[0][1] == [Proportion(2, 1), Proportion(1, 1)]
    assert looks[-1][1] == list(data.proportions)
    with pytest.raises(UserError):
        load_experiment(engine, experiment="missing")


def test_control_ordering():
    assert order_control_first(["treatment", "control"]) == ["control", "treatment"]
    assert order_control_first(["B", "A", "C"]) == ["A", "B", "C"]
    assert order_control_first(["gate_40", "gate_30"]) == ["gate_30", "gate_40"]
    assert order_control_first(["new", "old"]) == ["old", "new"]
    assert order_control_first(["x", "y"], "y") == ["y", "x"]
    with pytest.raises(UserError):
        order_control_first(["x", "y"], "z")


def test_small_ab_file_cleaning():
    frame = read_user_file((FIXTURES / "ab_small.csv").read_bytes())
    guess = guess_columns(frame)
    assert (guess.user, guess.variant, guess.consistency, guess.time) == (
        "user_id",
        "group",
        "landing_page",
        "timestamp",
    )
    assert guess.converted == ("converted",)
    users, report = clean_user_frame(
        frame,
        user="user_id",
        variant="group",
        converted="converted",
        consistency="landing_page",
        time="timestamp",
    )
    assert report.rows_in == 14
    assert report.missing_key_rows == 1  # no user id
    assert report.inconsistent_rows == 2  # user 4 (control/new_page), user 8 (treatment/old)
    assert report.multi_variant_users == 1  # user 9
    assert report.duplicate_rows == 1  # user 7 twice: the earlier row is kept
    assert report.bad_converted_rows == 1  # "maybe"
    assert report.rows_out == 7
    assert bool(users.loc[users["user_id"] == "7", "converted"].item()) is True
    data = summarise_users(users, report=report, has_value=False)
    assert data.names == ("control", "treatment")
    assert data.proportions == (Proportion(4, 2), Proportion(3, 2))
    assert data.values is None and data.cuped is None
    looks = sequential_looks(data)
    assert str(looks[0][0]) == "2017-01-02"
    assert looks[-1][1] == list(data.proportions)


def test_small_cats_file():
    frame = read_user_file((FIXTURES / "cats_small.csv").read_bytes())
    guess = guess_columns(frame)
    assert guess.converted == ("retention_1", "retention_7")
    assert guess.value == "sum_gamerounds" and guess.consistency is None
    users, report = clean_user_frame(
        frame, user="userid", variant="version", converted="retention_7", value="sum_gamerounds"
    )
    data = summarise_users(users, report=report)
    assert data.proportions == (Proportion(3, 0), Proportion(7, 3))
    assert data.values[0] == MeanStats.from_values([3, 38, 0])


def test_unusable_files():
    with pytest.raises(UserError):
        summarise_users(
            pd.DataFrame(columns=["user_id", "variant", "converted", "value", "covariate"])
        )
    one = pd.DataFrame({"u": ["1", "2"], "g": ["a", "a"], "c": ["1", "0"]})
    users, report = clean_user_frame(one, user="u", variant="g", converted="c")
    with pytest.raises(UserError, match="only one variant"):
        summarise_users(users, report=report)
    with pytest.raises(UserError):
        clean_user_frame(one, user="nope", variant="g")


@pytest.mark.shared
def test_ab_data_end_to_end(shared_datasets):
    frame = read_user_file((shared_datasets / "ab_data.csv").read_bytes())
    guess = guess_columns(frame)
    users, report = clean_user_frame(
        frame,
        user=guess.user,
        variant=guess.variant,
        converted=guess.converted[0],
        consistency=guess.consistency,
        time=guess.time,
    )
    assert report.inconsistent_rows == 3893 and report.duplicate_rows == 1
    data = summarise_users(users, report=report, has_value=False)
    control, treatment = data.proportions
    assert (control.n, treatment.n) == (145274, 145310)
    assert control.rate == pytest.approx(0.120386, abs=1e-6)
    assert treatment.rate == pytest.approx(0.118808, abs=1e-6)
    result = compare_proportions(control, treatment)
    _, p = proportions_ztest([treatment.conversions, control.conversions], [treatment.n, control.n])
    assert result.p_value == pytest.approx(p, abs=1e-12)
    assert result.p_value == pytest.approx(0.19, abs=0.005)


@pytest.mark.shared
def test_cookie_cats_end_to_end(shared_datasets):
    frame = read_user_file((shared_datasets / "cookie_cats.csv").read_bytes())
    guess = guess_columns(frame)
    results = {}
    for metric in ("retention_1", "retention_7"):
        users, report = clean_user_frame(
            frame, user=guess.user, variant=guess.variant, converted=metric, value=guess.value
        )
        data = summarise_users(users, report=report)
        assert data.names == ("gate_30", "gate_40")
        results[metric] = (data, compare_proportions(*data.proportions))
    data, r7 = results["retention_7"]
    assert data.proportions == (Proportion(44700, 8502), Proportion(45489, 8279))
    assert round(r7.rate_a * 100, 2) == 19.02 and round(r7.rate_b * 100, 2) == 18.20
    assert r7.significant and r7.abs_diff < 0
    _, r1 = results["retention_1"]
    assert round(r1.rate_a * 100, 2) == 44.82 and not r1.significant


def test_more_than_five_variants_is_refused():
    users = pd.DataFrame(
        {
            "user_id": [str(i) for i in range(12)],
            "variant": [f"v{i % 6}" for i in range(12)],
            "converted": [i % 2 == 0 for i in range(12)],
            "value": np.nan,
            "covariate": np.nan,
        }
    )
    with pytest.raises(UserError, match="at most 5"):
        summarise_users(users, has_value=False)
