"""The Users page as a user gets it: the real app.py run by Streamlit's AppTest on the
bench store of bench/users_metrics.py (1M events / 100k users, SQLite), signed in.

    .venv/bin/python bench/users_page.py [--db /tmp/opsdash_bench_users.db] [--threads 0 2]

For each prefetch setting (OPSDASH_PREFETCH_THREADS), in a fresh process: the Data page
first (imports everything, opens the store: what a server has done after its first visitor),
then the first run of the Users page (cold: none of its numbers cached) and two re-runs with
nothing changed (warm: every number from the cache). Build the store first with
bench/users_metrics.py."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def run_page(db: Path) -> dict:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    from opsdash.auth import add_account, get_account
    from opsdash.db import init_store, make_engine
    from opsdash.ui.auth import ACCOUNT_KEY

    url = f"sqlite:///{db}"
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    account = get_account(engine, "bench-admin") or add_account(
        engine, username="bench-admin", password="bench-password", role="admin"
    )
    engine.dispose()
    # as a server runs after its first st.navigation call (see tests/app/conftest.py)
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.session_state[ACCOUNT_KEY] = account
    # a server process has imported everything after its first page: open the Data page
    # first (it shares no numbers with the Users page), so the first Users run is cold in
    # its numbers only
    app.switch_page("pages/data.py")
    started = time.perf_counter()
    app.run()
    warm_up = time.perf_counter() - started
    app.switch_page("pages/users.py")
    seconds = []
    for _ in range(3):
        started = time.perf_counter()
        app.run()
        seconds.append(time.perf_counter() - started)
        if app.exception:
            raise SystemExit(f"the page failed: {app.exception}")
    headers = [h.value for h in app.header]
    return {"warm_up": warm_up, "cold": seconds[0], "warm": seconds[1:], "headers": len(headers)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/opsdash_bench_users.db"))
    parser.add_argument("--threads", type=int, nargs="+", default=[0, 2])
    parser.add_argument("--side", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        print(json.dumps(run_page(args.db)))
        return
    if not args.db.exists():
        raise SystemExit(f"{args.db} is missing: run bench/users_metrics.py first")
    for threads in args.threads:
        env = {
            **os.environ,
            "OPSDASH_DATABASE_URL": f"sqlite:///{args.db}",
            "OPSDASH_SECRETS_FILE": "/nonexistent",
            "OPSDASH_PREFETCH_THREADS": str(threads),
        }
        output = subprocess.run(
            [sys.executable, __file__, "--db", str(args.db), "--side"],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout
        result = json.loads(output.strip().splitlines()[-1])
        warm = ", ".join(f"{s:.2f}" for s in result["warm"])
        print(
            f"prefetch threads {threads}: Data page first {result['warm_up']:.2f} s; Users page "
            f"first run {result['cold']:.2f} s, "
            f"re-runs {warm} s ({result['headers']} sections drawn)"
        )


if __name__ == "__main__":
    main()
