"""The CLI starts without the text libraries: jieba and SnowNLP load only where used."""

import subprocess
import sys


def test_cli_start_up_does_not_import_text_libraries():
    code = (
        "import sys; from opsdash.cli import build_parser; build_parser();"
        "import opsdash.metrics.feedback, opsdash.ingest.pipeline;"
        "print(sorted(m for m in ('jieba', 'snownlp') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
