import pytest
from types import SimpleNamespace

STATE = SimpleNamespace(count=0)


@pytest.mark.parametrize("state", [STATE, STATE])  # expect: FXL202:2
class TestState:
    def test_count(self, state):
        assert state.count == 0


@pytest.fixture(params=[STATE, STATE])  # expect: FXL202:2
def state_param(request):
    return request.param.count


def test_param(state_param):
    assert state_param == 0
