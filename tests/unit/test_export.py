import pandas as pd

from opsdash.export import neutralise_formula, to_safe_csv


def test_formula_cells_neutralised():
    frame = pd.DataFrame(
        {
            "=HYPERLINK(1)": ['=cmd|" /C calc"!A0', "+1", "-2", "@SUM(A1)", "\tx", "safe", "渠道"],
            "n": [1, -2, 3, 4, 5, 6, 7],
        }
    )
    text = to_safe_csv(frame).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "'=HYPERLINK(1),n"
    assert lines[1].startswith("\"'=cmd|")
    assert lines[2] == "'+1,-2"  # numbers keep their sign
    assert "'@SUM(A1)" in text and "safe,6" in text and "渠道,7" in text


def test_bom_for_excel():
    assert to_safe_csv(pd.DataFrame({"a": ["中文"]})).startswith(b"\xef\xbb\xbf")


def test_non_text_untouched():
    assert neutralise_formula(-5) == -5
    assert neutralise_formula(None) is None
