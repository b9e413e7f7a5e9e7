"""The Activities page on the small demo store and on an empty store, in both languages."""

import pytest

from tests.app.conftest import open_page


def _assert_clean(app):
    assert not app.exception, [e.value for e in app.exception]
    assert not [e for e in app.error], [e.value for e in app.error]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_activities_page_renders_every_section(demo_app, language):
    app = open_page(demo_app, "activities", lang=language, preset="90d")
    _assert_clean(app)
    assert app.title[0].value == {"zh": "活动", "en": "Activities"}[language]
    subheaders = [s.value for s in app.subheader]
    review = {"zh": "活动复盘", "en": "Campaign review"}[language]
    assert review in subheaders
    assert len(app.metric) >= 8
    assert len(app.dataframe) >= 2


def test_review_report_is_prepared_for_download(demo_app):
    app = open_page(demo_app, "activities", lang="en", preset="90d")
    app.button(key="activities_prepare").click().run()
    _assert_clean(app)
    assert app.session_state[
        "activities_report_" + app.selectbox(key="activities_review_campaign").value
    ]


def test_scope_and_compare(demo_app):
    app = open_page(demo_app, "activities", lang="en", preset="90d")
    app.selectbox(key="activities_compare_metric").select("cpa").run()
    _assert_clean(app)


def test_empty_store(empty_app):
    app = open_page(empty_app, "activities", lang="en")
    _assert_clean(app)
    assert any("No data yet" in i.value for i in app.info)


@pytest.fixture
def campaigns_only_app(tmp_path, monkeypatch):
    """A store with an ads export only (no users, events or orders), like KAG's."""
    import datetime as dt

    import sqlalchemy as sa
    from streamlit.testing.v1 import AppTest

    from opsdash.db import init_store, make_engine
    from opsdash.models import Campaign, CampaignStat
    from opsdash.settings import get_settings
    from opsdash.store.hooks import after_data_write
    from tests.app.conftest import APP, _store, signed_in

    url = f"sqlite:///{tmp_path / 'ads.db'}"
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    day = dt.date(2024, 3, 1)
    with engine.begin() as conn:
        conn.execute(
            sa.insert(Campaign.__table__),
            [{"campaign_id": "916", "name": "<b>x</b>", "goal": "拉新", "start_date": day,
              "end_date": day}],
        )  # fmt: skip
        conn.execute(
            sa.insert(CampaignStat.__table__),
            [
                {"campaign_id": "916", "date": day, "ad_id": "a1", "impressions": 100,
                 "clicks": 0, "conversions": 0, "cost": 0.0},
                {"campaign_id": "916", "date": day, "ad_id": "a2", "impressions": 50,
                 "clicks": 5, "conversions": 1, "cost": 2.5},
            ],
        )  # fmt: skip
        after_data_write(conn, {"campaigns", "campaign_stats"})
    engine.dispose()
    _store(url, monkeypatch)
    yield signed_in(AppTest.from_file(APP, default_timeout=60), url)
    get_settings.cache_clear()


def test_ads_export_without_users(campaigns_only_app):
    app = open_page(campaigns_only_app, "activities", lang="zh")
    _assert_clean(app)
    assert any("没有新增用户数据" in i.value for i in app.info)  # nothing to review against
    listing = app.dataframe[0].value
    assert listing["CPA"].tolist() == ["¥2.50"]
    ads = app.dataframe[1].value  # the "by ad" expander
    assert sorted(ads["转化率"].tolist()) == ["20.00%", "–"]  # a1 has no clicks


def _no_raw_missing(app):
    """Nothing on the page reads None or nan (missing values show as "–")."""
    texts = [m.value for m in app.metric]
    for frame in app.dataframe:
        texts += [str(v) for v in frame.value.astype(object).to_numpy().ravel()]
    assert not [x for x in texts if str(x) in ("None", "nan", "NaN", "<NA>")], texts


@pytest.mark.parametrize("language", ["zh", "en"])
def test_measures_not_in_the_data_show_a_dash(campaigns_only_app, language):
    # the stats have no revenue, participants or new users (KAG's export): "–", never 0
    app = open_page(campaigns_only_app, "activities", lang=language)
    _assert_clean(app)
    _no_raw_missing(app)
    not_in_data = {"zh": "数据中没有", "en": "Not in the data"}[language]
    assert any(not_in_data in c.value for c in app.caption)
    listing = app.dataframe[0].value
    revenue, roas, roi = {"zh": ("收入", "ROAS", "ROI"), "en": ("Revenue", "ROAS", "ROI")}[language]
    assert listing[revenue].tolist() == ["–"]
    assert listing[roas].tolist() == ["–"] and listing[roi].tolist() == ["–"]
    cards = {m.label: m.value for m in app.metric}
    assert cards[revenue] == "–"


def test_review_lift_not_significant_is_labelled_and_not_large(demo_app):
    """A lift whose confidence interval includes 0 is labelled 不显著 and shown in small type,
    never as a big metric; a big lift metric always says it is significant."""
    app = open_page(demo_app, "activities", lang="zh", preset="90d")
    _assert_clean(app)
    lift_metrics = [m for m in app.metric if "提升" in m.label]
    small = [m.value for m in app.markdown if "不显著" in m.value]
    assert lift_metrics or small
    for metric in lift_metrics:
        assert metric.proto.delta == "显著（区间不含 0）"


def test_lift_significance_follows_the_interval():
    from opsdash.metrics.activities import daily_lift

    assert daily_lift([10, 11, 12, 10, 11, 12, 11], [5, 6, 5, 6, 5, 6, 5]).significant
    flat = daily_lift([5, 9, 4, 8, 6, 7, 5], [6, 8, 5, 7, 6, 6, 7])
    assert flat.difference_low < 0 < flat.difference_high
    assert not flat.significant
