"""The A/B test page: typed numbers, the demo experiment, uploaded files, both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import open_page, unescaped

FIXTURES = Path(__file__).resolve().parents[1] / "unit" / "abtest" / "fixtures"


def _assert_clean(app):
    assert not app.exception, [e.value for e in app.exception]
    assert not [e for e in app.error], [e.value for e in app.error]


def _texts(app) -> str:
    parts = [e.value for e in (*app.success, *app.info, *app.warning, *app.caption)]
    parts += [c.value for c in app.code]
    return unescaped("\n".join(str(p) for p in parts))


EXAMPLE = [(10000, 1000), (10000, 1100), (10000, 1050)]


def enter_manual(app, count: int = 2):
    """Type the example numbers into the manual inputs (they start empty)."""
    for index, (visitors, conversions) in enumerate(EXAMPLE[:count]):
        app.number_input(key=f"abtest_visitors_{index}").set_value(visitors)
        app.number_input(key=f"abtest_conversions_{index}").set_value(conversions)
    return app.run()


RESULT_WORDS = ("优于", "劣于", "显著", "better than", "worse than", "significant", "p=", "p =")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_result_before_input(demo_app, language):
    """Inputs start empty; no verdict, table, summary or chart is shown from numbers the user
    did not type (the copy-to-review summary once stated a result from example values)."""
    app = open_page(demo_app, "abtest", lang=language)
    _assert_clean(app)
    manual = [app.number_input(key=f"abtest_visitors_{i}") for i in range(2)]
    means = [app.number_input(key=f"abtest_mean_{i}") for i in range(2)]
    assert [box.value for box in manual + means] == [None] * 4
    shown = [e.value for e in (*app.success, *app.info, *app.warning)] + [c.value for c in app.code]
    results = [text for text in shown if any(word in text for word in RESULT_WORDS)]
    assert results == [], results
    assert not app.code, "no summary to copy before input"
    assert not app.dataframe
    assert any("填入每组的数字" in i.value or "Enter every group" in i.value for i in app.info)
    # half-entered is still not a result
    app.number_input(key="abtest_visitors_0").set_value(10000).run()
    assert not app.code


@pytest.mark.parametrize("language", ["zh", "en"])
def test_manual_numbers(demo_app, language):
    app = enter_manual(open_page(demo_app, "abtest", lang=language))
    _assert_clean(app)
    text = _texts(app)
    if language == "en":
        assert "B is better than A: +1.0 pp" in text
        assert "Formula: `R power.prop.test" in text
    else:
        assert "B 优于 A：+1.0 个百分点" in text
    labels = [m.label for m in app.metric]
    per_variant = app.metric[0].value
    assert labels and per_variant == "14,751"  # baseline 10 %, +1 pp, α 0.05, power 0.8
    assert any("| B |" in c.value for c in app.code)  # the Markdown summary


def test_manual_errors_and_three_variants(demo_app):
    app = open_page(demo_app, "abtest", lang="en")
    app.number_input(key="abtest_variants").set_value(3).run()
    app = enter_manual(app, 3)
    _assert_clean(app)
    assert "Several variants: p-values adjusted with Holm" in _texts(app)
    app.number_input(key="abtest_conversions_1").set_value(20000).run()
    assert not app.exception
    assert any("Conversions exceed visitors" in e.value for e in app.error)


def test_store_experiment(demo_app):
    app = open_page(demo_app, "abtest", lang="en")
    app.radio(key="abtest_source").set_value("store").run()
    _assert_clean(app)
    assert app.selectbox(key="abtest_experiment").value == "new_checkout_button"
    text = _texts(app)
    assert "Control: control" in text
    assert "CUPED: θ =" in text
    assert "Sample ratio check" in text or "Sample ratio mismatch" in text


def _select(app, prefix: str):
    """The upload column selectbox whose key starts with ``prefix`` (keys carry the file)."""
    return next(s for s in app.selectbox if s.key and s.key.startswith(prefix + ":"))


class _Upload:
    """Stands in for st.file_uploader's UploadedFile (AppTest cannot drive the widget)."""

    def __init__(self, path: Path):
        self.name = path.name
        self._data = path.read_bytes()

    def getvalue(self) -> bytes:
        return self._data


def _upload(monkeypatch, app, path: Path):
    import streamlit

    monkeypatch.setattr(streamlit, "file_uploader", lambda *a, **k: _Upload(path))
    app.radio(key="abtest_source").set_value("upload").run()
    return app


def test_upload_small_ab_file(demo_app, monkeypatch):
    app = open_page(demo_app, "abtest", lang="en")
    _upload(monkeypatch, app, FIXTURES / "ab_small.csv")
    _assert_clean(app)
    assert _select(app, "abtest_up_consistency").value == "landing_page"
    text = _texts(app)
    assert "14 rows read" in text and "7 users left" in text
    assert "A variant has fewer than 100 users" in text


def test_upload_cats_switch_metric(demo_app, monkeypatch):
    app = open_page(demo_app, "abtest", lang="zh")
    _upload(monkeypatch, app, FIXTURES / "cats_small.csv")
    _assert_clean(app)
    assert _select(app, "abtest_up_conv").value == "retention_1"
    _select(app, "abtest_up_conv").set_value("retention_7").run()
    _assert_clean(app)
    assert "对照组：gate_30" in _texts(app)
    _select(app, "abtest_up_conv").set_value("—").run()
    _assert_clean(app)
    text = _texts(app)
    assert "未选择转化列" in text and "gate_40 优于 gate_30：+100" in text  # sum_gamerounds


@pytest.mark.shared
def test_upload_real_files(demo_app, monkeypatch, shared_datasets):
    app = open_page(demo_app, "abtest", lang="en")
    _upload(monkeypatch, app, shared_datasets / "ab_data.csv")
    _assert_clean(app)
    text = _texts(app)
    assert "3,893 rows disagreeing" in text and "290,584 users left" in text
    assert "No significant difference between treatment and control: -0.16 pp" in text
    assert "(p = 0.190)" in text
    _upload(monkeypatch, app, shared_datasets / "cookie_cats.csv")
    _select(app, "abtest_up_conv").set_value("retention_7").run()
    _assert_clean(app)
    text = _texts(app)
    assert "gate_40 is worse than gate_30: -0.8 pp, 95% CI -1.3 to -0.3 pp" in text
    # sum_gamerounds, guessed as the value column
    assert "Continuous metric: No significant difference between gate_40 and gate_30" in text


def test_planning_relative_mde(demo_app):
    app = open_page(demo_app, "abtest", lang="en")
    app.radio(key="abtest_plan_mde_kind").set_value("relative").run()
    _assert_clean(app)
    assert app.metric[0].value == "14,751"  # +10 % of 10 % = +1 pp
    assert "MDE: absolute +1.00 pp = relative +10.0%" in _texts(app)
    assert "6,280" in [m.value for m in app.metric]  # mean 50, sd 40, MDE 2


def test_continuous_raw_values(demo_app):
    app = open_page(demo_app, "abtest", lang="en")
    app.radio(key="abtest_mean_mode").set_value("raw").run()
    app.text_area(key="abtest_raw_0").set_value("1, 2, 3, 4, 5").run()
    app.text_area(key="abtest_raw_1").set_value("4\n5\n6\n7\nx").run()
    _assert_clean(app)
    assert "1 values are not numbers" in _texts(app)
