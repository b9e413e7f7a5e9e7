"""Feedback report against hand-computed values (tests/fixtures/ingest/feedback_period.csv),
on SQLite and PostgreSQL. Period 2024-03-08..14 (f1-f6), previous 2024-03-01..07 (f7, f8)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from opsdash.feedback.themes import Theme, load_themes, save_themes
from opsdash.filters import Filters
from opsdash.metrics.feedback import feedback_report
from tests.unit.ingest.conftest import run_import

PERIOD = Filters(start=dt.date(2024, 3, 8), end=dt.date(2024, 3, 14))
THEMES = (Theme("稳定性", ("卡顿", "闪退")), Theme("价格", ("贵", "价格")))


@pytest.fixture
def report(engine):
    result = run_import(engine, "feedback_period.csv", "feedback")
    assert result.rows_imported == 8
    return feedback_report(engine, filters=PERIOD, themes=THEMES)


def test_counts_nps_csat_sentiment(report):
    assert (report.items, report.previous_items) == (6, 2)
    # NPS scores 10, 2, 5, 8, 9: 2 promoters, 1 passive, 2 detractors -> 0; variance
    # (0.4 + 0.4 - 0) / 5 = 0.16 -> ± 1.96 × 100 × 0.4 = ± 78.4
    assert report.nps.score == pytest.approx(0.0)
    assert report.nps.high == pytest.approx(78.3986, abs=1e-3)
    assert report.nps.low == pytest.approx(-78.3986, abs=1e-3)
    # ratings 5, 1, 2, 4, 3: CSAT 2/5, average 3
    assert report.csat == pytest.approx(0.4)
    assert report.rating_average == pytest.approx(3.0)
    assert report.ratings.set_index("rating")["items"].to_dict() == {1: 1, 2: 1, 3: 1, 4: 1, 5: 1}
    # by rating: f1 +, f2 -, f3 -, f5 +, f6 neutral; f4 by NPS 8: neutral
    assert report.sentiment_counts == {"positive": 2, "negative": 2, "neutral": 2}
    assert report.sentiment["positive"] == pytest.approx(2 / 6)
    assert report.basis_counts == {"rating": 5, "nps": 1}


def test_volume_by_dimension_with_change(report):
    source = report.dimensions["source"].set_index("value")
    assert source.loc["客服工单", ["items", "previous"]].tolist() == [2, 1]
    assert source.loc["客服工单", "change"] == pytest.approx(1.0)
    assert source.loc["评论", "items"] == 2 and pd.isna(source.loc["评论", "change"])
    assert source.loc["问卷", ["items", "previous"]].tolist() == [1, 1]
    versions = report.dimensions["version"].set_index("value")["items"].to_dict()
    assert versions == {"2.3": 4, "2.2": 2}
    assert report.volume["items"].sum() == 6


def test_keywords_count_items_containing_them(report):
    keywords = report.keywords.set_index("term")
    assert keywords.loc["闪退", ["count", "previous"]].tolist() == [3, 0]  # f1, f2, f3
    assert keywords.loc["卡顿", ["count", "previous"]].tolist() == [1, 1]  # f2 / f8
    assert not keywords["rising"].any()  # 3 items are too few to rise


def test_themes_counts_negative_share_and_quotes(report):
    themes = {theme.name: theme for theme in report.themes}
    stability = themes["稳定性"]
    assert (stability.count, stability.previous, stability.negative) == (3, 1, 2)
    assert stability.negative_share == pytest.approx(2 / 3)
    # f2 matches both keywords; then by closeness to 40 characters: f1 (13), f3 (5)
    assert stability.quotes == ("打开就闪退，卡顿严重", "界面很漂亮，闪退问题修复了", "闪退太频繁")
    assert (themes["价格"].count, themes["价格"].negative_share) == (1, 0.0)
    assert [t.name for t in report.themes] == ["稳定性", "价格"]
    by_version = report.theme_versions.set_index(["theme", "version"])["items"].to_dict()
    assert by_version == {("稳定性", "2.3"): 3, ("价格", "2.2"): 1}
    trend = report.theme_trend[report.theme_trend["theme"] == "稳定性"]
    assert trend["items"].tolist() == [1, 1, 1] and trend["negative"].tolist() == [0, 1, 1]


def test_json_contract(report):
    payload = report.to_json()
    assert list(payload) == ["items", "nps", "csat", "sentiment", "keywords", "themes"]
    assert set(payload["sentiment"]) == {"positive", "negative"}
    assert set(payload["keywords"][0]) == {"term", "count", "previous", "rising"}
    assert set(payload["themes"][0]) == {"name", "count", "negative_share", "quotes"}
    assert payload["nps"] == 0.0 and payload["csat"] == 0.4


def test_rising_keyword(engine):
    rows = ["feedback_id,submitted_at,text"]
    rows += [f"p{i},2024-03-0{1 + i % 7},界面不错" for i in range(30)]
    rows += [f"c{i},2024-03-{8 + i % 7:02d},更新后闪退" for i in range(20)]
    rows += [f"d{i},2024-03-{8 + i % 7:02d},界面不错" for i in range(10)]
    run_import(engine, "x.csv", "feedback", data="\n".join(rows).encode())
    keywords = feedback_report(engine, filters=PERIOD, themes=THEMES).keywords.set_index("term")
    assert keywords.loc["闪退", ["count", "previous"]].tolist() == [20, 0]
    assert keywords.loc["闪退", "rising"] and not keywords.loc["界面", "rising"]


def test_themes_are_stored(engine):
    assert load_themes(engine)[0].name  # defaults when none is stored
    save_themes(engine, THEMES)
    assert {t.name: t.keywords for t in load_themes(engine)} == {
        "稳定性": ("卡顿", "闪退"),
        "价格": ("贵", "价格"),
    }


def test_cli_report_json(capsys, tmp_path):
    import json

    from opsdash.cli import main
    from tests.unit.ingest.conftest import FIXTURES

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["import", "feedback", str(FIXTURES / "feedback_period.csv"), "--db", db]) == 0
    capsys.readouterr()
    argv = ["report", "feedback", "--start", "2024-03-08", "--end", "2024-03-14", "--db", db]
    assert main([*argv, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert list(payload) == ["items", "nps", "csat", "sentiment", "keywords", "themes"]
    assert (payload["items"], payload["nps"], payload["csat"]) == (6, 0.0, 0.4)
    assert payload["sentiment"] == {"positive": 0.3333, "negative": 0.3333}
    # without dates: the default range ends on the last feedback day (2024-03-14)
    assert main(["report", "feedback", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["items"] >= 6


def test_behaviour_of_users_with_negative_feedback(engine):
    feedback = (
        "feedback_id,submitted_at,user_id,rating,text\n"
        "b1,2024-03-09 10:00,u1,1,太卡了\n"
        "b2,2024-03-10 10:00,u2,5,很好\n"
        "b3,2024-03-10 10:00,u3,5,不错\n"
        "b4,2024-03-12 10:00,u3,1,闪退\n"
    )
    events = (
        "user_id,event_at,event\n"
        "u1,2024-03-20 08:00,app_open\n"  # 11 days after 03-09: retained
        "u2,2024-03-10 12:00,app_open\n"  # same day: not "after"
        "u3,2024-04-20 08:00,app_open\n"  # 41 days after 03-10: not within 30
    )
    orders = (
        "order_id,user_id,paid_at,amount,refund_amount,status\n"
        "o1,u1,2024-03-15 10:00,100,0,paid\n"
        "o2,u2,2024-03-10 11:00,50,0,paid\n"
        "o3,u2,2024-04-15 10:00,30,0,paid\n"  # 36 days after: outside
        "o4,u3,2024-03-11 10:00,40,10,refunded\n"
    )
    for name, kind, body in (
        ("f.csv", "feedback", feedback),
        ("e.csv", "events", events),
        ("o.csv", "orders", orders),
    ):
        assert not run_import(engine, name, kind, data=body.encode()).rejected
    behaviour = feedback_report(engine, filters=PERIOD, themes=THEMES).behaviour
    rows = behaviour.set_index("group").to_dict("index")
    # negative: u1 (retained, 100) and u3 (first feedback 03-10, not retained, 40 - 10)
    assert rows["negative"] == {"users": 2, "retained": 0.5, "revenue_per_user": 65.0}
    assert rows["other"] == {"users": 1, "retained": 0.0, "revenue_per_user": 50.0}


@pytest.mark.parametrize(
    ("themes", "code"),
    [
        ((Theme(" ", ("a",)),), "feedback_theme_name"),
        ((Theme("a", ("x",)), Theme("a", ("y",))), "feedback_theme_twice"),
        ((Theme("a", ()),), "feedback_theme_empty"),
    ],
)
def test_bad_themes_are_refused_with_a_code(sqlite_engine, themes, code):
    from opsdash.errors import UserError
    from opsdash.i18n import error_text

    with pytest.raises(UserError) as raised:
        save_themes(sqlite_engine, themes)
    assert raised.value.code == code
    assert error_text(raised.value, "zh") != str(raised.value)
    assert load_themes(sqlite_engine)[0].name == "稳定性"  # nothing written: defaults
