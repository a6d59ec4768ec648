import pytest

SEEN = []


@pytest.mark.parametrize("first", [SEEN])
@pytest.mark.parametrize("second", [SEEN])  # expect: FXL202:2
def test_both(first, second):
    assert first is second
