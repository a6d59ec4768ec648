import os

import pytest

KEYS = ["A", "B"]


@pytest.mark.parametrize("key", KEYS)
def test_set_and_delete_the_same_key(key):
    os.environ[key] = "1"
    assert os.environ[key] == "1"
    del os.environ[key]


@pytest.mark.parametrize("key", KEYS)
def test_set_without_restoring(key):
    os.environ[key] = "1"  # expect: FXL301:5


def test_monkeypatched_by_name(monkeypatch):
    name = "SECRET"
    monkeypatch.setenv(name, "x")
    os.environ["SECRET"] = "y"


def test_literal_delete_does_not_undo_a_computed_key(request):
    key = request.node.name
    os.environ[key] = "1"  # expect: FXL301:5
    del os.environ["OTHER"]  # expect: FXL301:5
