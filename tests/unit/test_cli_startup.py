"""The CLI starts fast: ``opsdash --help`` imports no data library and ``opsdash report``
on a migrated store imports neither Alembic nor the statistics, chart and text libraries.

Checked on ``sys.modules`` in a fresh interpreter, not on wall time (the machine is shared)."""

import argparse
import json
import subprocess
import sys

import pytest

from opsdash import cli
from opsdash.db import head_revision, make_engine, migrate, stored_revision

HEAVY = ("scipy", "pandas", "numpy", "sqlalchemy", "alembic", "altair", "statsmodels")
TEXT = ("jieba", "snownlp")


def loaded_after(argv: list[str]) -> list[str]:
    """The heavy top-level packages a fresh interpreter has imported after ``main(argv)``."""
    code = (
        "import json, sys, contextlib, io\n"
        "from opsdash.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main({argv!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_help_imports_no_subcommand_and_no_data_library():
    loaded = loaded_after(["--help"])
    assert [name for name in HEAVY + TEXT if name in loaded] == []
    assert "pydantic" not in loaded  # not even the settings


def test_report_on_a_migrated_store_imports_no_alembic_scipy_or_charts(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    migrate(make_engine(url))
    loaded = loaded_after(["report", "overview", "--db", url, "--json"])
    unwanted = ("alembic", "scipy", "altair", "statsmodels", "streamlit", *TEXT)
    assert [name for name in unwanted if name in loaded] == []


def test_the_listed_help_lines_are_the_subcommands_own():
    parser = cli.build_parser()  # every module registered
    actions = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    own = {choice.dest: choice.help for choice in actions._choices_actions}
    assert own == {name: help_line for name, (_, help_line) in cli.COMMANDS.items()}


@pytest.mark.parametrize("argv", [["report", "--help"], ["import", "--help"], ["--help"]])
def test_lazy_parser_accepts_what_the_full_parser_does(argv, capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(argv)
    assert done.value.code == 0
    assert "usage: opsdash" in capsys.readouterr().out


def test_head_revision_is_alembics_head(tmp_path):
    from alembic.script import ScriptDirectory

    from opsdash.db import alembic_config

    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    assert ScriptDirectory.from_config(alembic_config(engine)).get_heads() == [head_revision()]
    assert stored_revision(engine) is None  # no table yet: migrate runs Alembic
    migrate(engine)
    assert stored_revision(engine) == head_revision()


def test_report_help_imports_no_data_library():
    loaded = loaded_after(["report", "--help"])
    assert [name for name in HEAVY + TEXT if name in loaded] == []


def test_report_periods_are_the_metrics_periods():
    from opsdash.cli import report
    from opsdash.metrics.sql import PERIODS

    assert report.PERIODS == PERIODS
