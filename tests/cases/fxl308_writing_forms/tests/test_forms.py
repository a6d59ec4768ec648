from pkg import state
from pkg.state import add_handler, add_hook, registry, set_config


def test_item_write_on_instance():
    registry.register("a", object())  # expect: FXL308:5


def test_bound_method_alias():
    add_handler("b", object())  # expect: FXL308:5


def test_append():
    add_hook(print)  # expect: FXL308:5


def test_global_rebind():
    set_config({"x": 1})  # expect: FXL308:5


def test_classmethod_writes_class_attributes():
    state.Config.configure(True)  # expect: FXL308:5


def test_singleton_mutated():
    state.get_settings().values["k"] = 1  # expect: FXL308:5


def test_cached_mutable_mutated():
    found = state.defaults()  # expect: FXL308:13
    found["colour"] = "red"


def test_singleton_only_read():
    assert state.get_settings() is not None


def test_cached_immutable():
    assert state.version() == (1, 2)


def test_write_nothing_reads():
    state.remember("k")


def test_database_insert_is_not_list_insert():
    registry.save({"id": 1})


def test_reader():
    assert registry.get("a") is None
    assert state.hooks() == []
    assert state.config() is None
    assert not state.is_debug()
    assert state.defaults() == {"colour": "blue"}
