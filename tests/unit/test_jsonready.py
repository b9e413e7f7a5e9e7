import datetime as dt
import json
import math

import numpy as np
import pandas as pd

from opsdash.jsonready import json_records, json_tree, json_value


def test_scalars():
    assert json_value(dt.date(2024, 2, 29)) == "2024-02-29"
    assert json_value(pd.Timestamp("2024-02-29 10:00")) == "2024-02-29T10:00:00"
    assert json_value(np.int64(7)) == 7 and type(json_value(np.int64(7))) is int
    assert json_value(np.float64(0.5)) == 0.5
    for missing in (None, math.nan, math.inf, -math.inf, np.float64("nan"), pd.NaT, pd.NA):
        assert json_value(missing) is None
    assert json_value("text") == "text"


def test_records_and_trees_serialise():
    frame = pd.DataFrame({"day": [dt.date(2024, 1, 1), None], "n": [1.0, np.nan]})
    rows = json_records(frame)
    assert rows == [{"day": "2024-01-01", "n": 1.0}, {"day": None, "n": None}]
    tree = json_tree({"a": (np.int64(1), {"b": [math.inf]}), "rows": rows})
    assert tree == {"a": [1, {"b": [None]}], "rows": rows}
    json.dumps(tree, allow_nan=False)  # strict JSON: no NaN anywhere
