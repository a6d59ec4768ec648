import pytest


@pytest.fixture(autouse=True)
def join_will_not_block():
    from mypkg import state
    state.orig_join_will_block = state.join_will_block
    previous = state.join_will_block
    state.join_will_block = lambda: False
    yield
    state.join_will_block = previous


@pytest.fixture(autouse=True)
def stash_of_what_is_never_put_back():
    from mypkg import state
    state.orig_other = state.other  # expect: FXL305:5
    state.other = lambda: True  # expect: FXL305:5
