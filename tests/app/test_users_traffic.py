"""The Users page's acquisition section shows the traffic by channel of imported traffic
reports, in Chinese, with "–" for what the report does not have."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from opsdash.db import init_store, make_engine
from opsdash.ingest import import_file
from tests.app.conftest import APP, _store, open_page, signed_in

REPORT = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "channel_stats_zh.csv"


def test_users_page_shows_traffic_by_channel_in_chinese(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'traffic.db'}"
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    import_file(
        engine,
        REPORT.read_bytes(),
        kind="channel_stats",
        file_name=REPORT.name,
        timezone="UTC",
    )
    engine.dispose()
    _store(url, monkeypatch)
    app = signed_in(AppTest.from_file(APP, default_timeout=60), url)
    app = open_page(app, "users", lang="zh", preset="custom", start="2024-06-01", end="2024-06-02")
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    assert "渠道流量" in [s.value for s in app.subheader]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["访客数"] == "2,800"  # 1,000 + 500 + 200 + 800 + 300
    assert metrics["支付买家数"] == "120"  # 50 + round(500 × 4%) + 10 + 40
    assert metrics["支付转化率"] == "4.80%"  # 120 / 2,500 (the visitors-only row left out)
    # (4,400 + 90.5 × 20 + 1,200 + 3,150) / (55 + 20 + 10 + 42)
    assert metrics["客单价"].endswith("83.15")
    shown = app.dataframe[-1].value
    assert "流量来源" in shown.columns and "来源明细" in shown.columns
    assert "（整体）" in shown["来源明细"].tolist()
    assert "–" in shown["支付金额"].tolist()  # 直通车 has no revenue
