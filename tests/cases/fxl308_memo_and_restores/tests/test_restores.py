import pytest

from pkg import state


@pytest.fixture
def managed():
    state.manager.add("x", object())
    yield state.manager
    state.manager.reset()


def test_memoised_load():
    assert state.load("a")["name"] == "a"


def test_memoised_backend():
    assert state.backend("b") is state.backend("b")


def test_context_manager_restores():
    with state.mode_on():
        assert state.mode()


def test_setter_put_back():
    state.set_mode(True)
    assert state.mode()
    state.set_mode(False)


def test_setter_leaks():
    state.set_mode(True)  # expect: FXL308:5


def test_run_deletes_what_it_sets():
    assert state.run(lambda: 1) == 1


def test_autouse_direct_clear():
    state.park("t", "lot")


def test_reset_to_init_value(managed):
    assert managed.generator("x") is not None


def test_manager_leaks():
    state.manager.add("y", object())  # expect: FXL308:5


def test_reader():
    assert not state.mode()
    assert state.current() is None
    assert state.parked("t") == []
    assert state.manager.generator("y") is None


def test_cache_hit_returned_early():
    assert state.analyzer("x") is state.analyzer("x")


def test_register_once_still_leaks():
    state.register_once("k", 1)  # expect: FXL308:5


def test_expected_to_raise():
    with pytest.raises(TypeError):
        state.manager.add("z")


def test_once_reader():
    assert state.once("k") is None
