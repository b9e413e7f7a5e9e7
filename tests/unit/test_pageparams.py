"""opsdash.pageparams: page settings to and from the URL, never trusting it."""

from opsdash import pageparams
from opsdash.pageparams import PAGE_PARAMS, page_params, parse


def test_names_and_keys_are_unique_and_not_the_filters():
    names = [p.name for p in pageparams.ALL_PARAMS]
    keys = [p.key for p in pageparams.ALL_PARAMS]
    assert len(names) == len(set(names)) and len(keys) == len(set(keys))
    from opsdash.ui.sidebar import OWN_PARAMS

    assert not set(names) & set(OWN_PARAMS)


def test_round_trip():
    values = {
        "users_period": "week",
        "users_funnel_steps": ["signup", "purchase"],
        "users_funnel_window": 14,
        "users_return_event": None,
    }
    query = pageparams.encode(values, page_params("users"))
    assert "u_return_event" not in query
    assert parse(query, page_params("users")) == {k: v for k, v in values.items() if v is not None}
    assert parse(pageparams.encode({"paths_collapse": False}, PAGE_PARAMS["paths"])) == {
        "paths_collapse": False
    }


def test_an_emptied_choice_round_trips():
    query = pageparams.encode({"activities_status": []}, page_params("activities"))
    assert query == {"a_status": [""]}
    assert parse(query) == {"activities_status": []}


def test_malformed_values_are_dropped():
    assert parse({"u_funnel_days": ["abc"], "p_steps": ["99"], "p_collapse": ["yes"]}) == {}
    assert parse({"ab_alpha": ["nan"]}) == {}
    long = parse({"u_period": ["x" * 5000]})["users_period"]
    assert len(long) == pageparams.MAX_TEXT
    assert len(parse({"u_funnel": [str(n) for n in range(100)]})["users_funnel_steps"]) == 20
