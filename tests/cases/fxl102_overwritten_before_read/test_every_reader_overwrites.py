import pytest


class Reporter:
    def __init__(self):
        self.stats = {}
        self.color = None
        self.verbose = 0

    def summary(self):
        return len(self.stats), self.color


@pytest.fixture(scope="session")
def tr():
    return Reporter()


@pytest.mark.parametrize("stats", [{"failed": [1]}, {"passed": [1, 2]}])
def test_summary(tr, stats):
    tr.stats = stats
    assert tr.verbose == 0
    tr.color = None
    assert tr.summary()[0] == 1


def test_counting(tr):
    with pytest.MonkeyPatch.context():
        tr.stats = {"failed": [1, 2]}
    tr.color = None
    assert tr.summary() == (1, None)
