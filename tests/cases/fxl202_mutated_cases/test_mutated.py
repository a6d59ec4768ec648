import pytest

DEFAULTS = {"retries": 3}
SEEN = []
STATE = {"count": 0}


@pytest.mark.parametrize(  # expect: FXL202:2
    "options, expected",
    [
        (DEFAULTS, 4),
        pytest.param(DEFAULTS, 5, id="again"),
    ],
)
def test_retries(options, expected):
    options["retries"] += 1  # expect: FXL201:5
    assert options["retries"] >= 4


@pytest.fixture
def recorder(request):
    request.param.append("run")  # expect: FXL201:5
    return request.param


@pytest.mark.parametrize("recorder", [SEEN, SEEN], indirect=True)  # expect: FXL202:2
def test_recorder(recorder):
    assert "run" in recorder


@pytest.mark.parametrize("wrapped", [[STATE], [STATE]])  # expect: FXL202:2
def test_wrapped(wrapped):
    wrapped[0]["count"] += 1  # expect: FXL201:5
    assert wrapped[0]["count"] >= 1


@pytest.fixture(params=[STATE, STATE])  # expect: FXL202:2
def counted(request):
    return request.param


def test_counted(counted):
    counted["count"] = 7  # expect: FXL201:5
    assert counted["count"] == 7
