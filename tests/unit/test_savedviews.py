"""opsdash.savedviews: personal and team views, who may change them, replace by name."""

import pytest

from opsdash import savedviews
from opsdash.db import init_store, make_engine
from opsdash.errors import UserError


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'views.db'}")
    init_store(engine, timezone="UTC")
    yield engine
    engine.dispose()


def _save(engine, **kwargs):
    values = {
        "name": "iOS funnel",
        "page": "users",
        "query": {"platform": ["ios"], "u_funnel": ["signup", "purchase"]},
        "username": "vic",
        "role": "viewer",
    }
    return savedviews.save_view(engine, **{**values, **kwargs})


def test_a_viewer_saves_lists_pins_and_deletes_a_personal_view(engine):
    view = _save(engine)
    assert (view.scope, view.owner, view.page) == ("personal", "vic", "users")
    assert view.query == {"platform": ["ios"], "u_funnel": ["signup", "purchase"]}
    assert [v.name for v in savedviews.list_views(engine, username="vic")] == ["iOS funnel"]
    assert savedviews.list_views(engine, username="eve") == []  # personal: only its owner
    savedviews.set_pinned(engine, view.id, True, username="vic", role="viewer")
    assert [v.id for v in savedviews.list_views(engine, username="vic", pinned_only=True)] == [
        view.id
    ]
    with pytest.raises(UserError) as refused:
        savedviews.delete_view(engine, view.id, username="eve", role="admin")
    assert refused.value.code == "view_missing"
    savedviews.delete_view(engine, view.id, username="vic", role="viewer")
    assert savedviews.list_views(engine, username="vic") == []


def test_the_same_name_replaces(engine):
    first = _save(engine)
    second = _save(engine, page="paths", query={"p_event": ["signup"]})
    assert first.id == second.id
    assert [(v.page, v.query) for v in savedviews.list_views(engine, username="vic")] == [
        ("paths", {"p_event": ["signup"]})
    ]


def test_team_views_need_an_editor(engine):
    with pytest.raises(UserError) as refused:
        _save(engine, scope="team")
    assert refused.value.code == "view_team_forbidden"
    team = _save(engine, scope="team", username="eve", role="editor")
    assert [v.id for v in savedviews.list_views(engine, username="vic")] == [team.id]
    with pytest.raises(UserError):
        savedviews.set_pinned(engine, team.id, True, username="vic", role="viewer")
    savedviews.set_pinned(engine, team.id, True, username="ada", role="admin")
    assert savedviews.list_views(engine, username="vic", pinned_only=True)[0].id == team.id


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_a_name_is_required(engine, name):
    with pytest.raises(UserError) as refused:
        _save(engine, name=name)
    assert refused.value.code == "view_name"
