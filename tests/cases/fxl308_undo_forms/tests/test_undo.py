import importlib
from unittest import mock

import pytest

from pkg import registry
from pkg.registry import Registry, register, unregister


@pytest.fixture
def handler():
    register("h", object())
    yield
    unregister("h")


@pytest.fixture
def leaky_handler():
    register("leak", object())  # expect: FXL308:5
    yield


def test_monkeypatch_setattr(monkeypatch):
    monkeypatch.setattr(registry, "_REGISTRY", {})
    register("a", object())


def test_monkeypatch_setitem(monkeypatch):
    monkeypatch.setitem(registry._REGISTRY, "a", None)
    register("a", object())


@mock.patch.dict(registry._REGISTRY)
def test_patch_dict_decorator():
    register("a", object())


def test_patch_dict_context():
    with mock.patch.dict(registry._REGISTRY, clear=True):
        register("a", object())


def test_patch_object():
    with mock.patch.object(Registry, "_handlers", {}):
        Registry.add("a", object())


def test_class_attribute_leaks():
    Registry.add("b", object())  # expect: FXL308:5


def test_finally():
    try:
        register("a", object())
    finally:
        registry.clear()


def test_finalizer(request):
    register("a", object())
    request.addfinalizer(registry.clear)
    request.addfinalizer(lambda: unregister("a"))


def test_requested_fixture_undoes(handler):
    assert registry.lookup("h") is not None


def test_autouse_reset_in_conftest():
    registry.load_plugin("p")


def test_reload():
    register("a", object())
    importlib.reload(registry)


def test_reset_before_the_write_does_not_undo_it():
    registry.clear()
    register("z", object())  # expect: FXL308:5


def test_reader(leaky_handler):
    assert registry.lookup("a") is None
    assert Registry.get("a") is None
    assert registry.plugins() == ()
