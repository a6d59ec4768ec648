import pytest

DEFAULTS = {"retries": 3}


@pytest.mark.parametrize(  # expect: FXL202:2
    "options, expected",
    [
        (DEFAULTS, 3),
        pytest.param(DEFAULTS, 3, id="again"),
    ],
)
def test_retries(options, expected):
    assert options["retries"] == expected


@pytest.mark.parametrize("calls", [[], []])
def test_calls(calls):
    assert calls == []
