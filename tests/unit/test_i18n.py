"""The catalog is complete: every key has both languages, and every key the code uses exists."""

import re
from pathlib import Path

from opsdash.i18n import AREAS, CATALOG, LANGUAGES, translate

ROOT = Path(__file__).resolve().parents[2]
KEY_USE = re.compile(r"""(?:\bt|translate|ctx\.t)\(\s*f?["']([a-z_]+\.[a-z0-9_.]+)["']""")


def test_every_message_has_both_languages():
    for key, entry in CATALOG.items():
        assert set(entry) == set(LANGUAGES), key
        assert all(text.strip() for text in entry.values()), key


def test_keys_are_namespaced_by_area():
    for key in CATALOG:
        assert key.split(".")[0] in AREAS, key


def test_placeholders_match_between_languages():
    # a Chinese message may use the Chinese form of a value (``what_zh`` for ``what``)
    for key, entry in CATALOG.items():
        fields = {
            lang: {name.removesuffix("_zh") for name in re.findall(r"{(\w+)}", text)}
            for lang, text in entry.items()
        }
        assert fields["zh"] == fields["en"], key


def test_every_error_code_has_a_message_in_both_languages():
    # UserError(code=...) is shown through error.<code>; row problems through data.problem.<code>
    sources = [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("opsdash/**/*.py")]
    codes = {
        code
        for path in sources
        for code in re.findall(r'\bcode="([a-z_]+)"', path.read_text(encoding="utf-8"))
    }
    missing = {
        code
        for code in codes
        if f"error.{code}" not in CATALOG and f"data.problem.{code}" not in CATALOG
    }
    assert not missing, sorted(missing)


def test_every_literal_key_used_in_code_exists():
    sources = [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("opsdash/**/*.py")]
    missing = set()
    for path in sources:
        for key in KEY_USE.findall(path.read_text(encoding="utf-8")):
            if "{" not in key and not key.endswith(".") and key not in CATALOG:
                missing.add(f"{path.relative_to(ROOT)}: {key}")
    assert not missing, sorted(missing)


def test_unknown_key_is_visible_not_a_crash():
    assert translate("nope.key", "zh") == "nope.key"
