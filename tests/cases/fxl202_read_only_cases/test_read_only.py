import pytest

EXTREME_VALUES = [0, 123456789, None]
DEFAULTS = {"retries": 3}


@pytest.mark.parametrize(
    "unit, data",
    [
        ("s", EXTREME_VALUES),
        ("ms", EXTREME_VALUES),
    ],
)
def test_units(unit, data):
    assert len(data) == 3 and unit


@pytest.fixture
def options(request):
    merged = dict(request.param)
    merged["retries"] += 1
    return merged


@pytest.mark.parametrize("options", [DEFAULTS, DEFAULTS], indirect=True)
def test_options(options):
    assert options["retries"] == 4


@pytest.mark.parametrize("wrapped", [[DEFAULTS], [DEFAULTS]])
def test_wrapped(wrapped):
    wrapped.append(None)  # expect: FXL201:5
    assert wrapped[0]["retries"] == 3


@pytest.fixture(params=[DEFAULTS, DEFAULTS])
def defaults(request):
    return request.param["retries"]


def test_defaults(defaults):
    assert defaults == 3
