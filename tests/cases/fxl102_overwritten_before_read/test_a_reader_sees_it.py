import pytest


class Reporter:
    def __init__(self):
        self.stats = {}
        self.color = None

    def summary(self):
        return len(self.stats), self.color


@pytest.fixture(scope="session")
def tr():
    return Reporter()


@pytest.fixture(scope="module")
def rep():
    return Reporter()


@pytest.mark.parametrize("stats", [{"failed": [1]}, {"passed": [1, 2]}])
def test_summary(tr, stats):
    tr.stats = stats  # expect: FXL102:5
    assert tr.summary()[0] == 1


def test_empty(tr):
    assert tr.stats == {}


def test_sets_color(rep):
    rep.color = "red"  # expect: FXL102:5
    assert rep.summary()


def test_summary_first(rep):
    assert rep.summary() == (0, None)
