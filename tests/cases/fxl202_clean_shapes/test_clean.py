import copy

import pytest

DEFAULTS = {"retries": 3}
NAMES = ("alice", "bob")


@pytest.mark.parametrize("options", [DEFAULTS, {"retries": 4}])
def test_once(options):
    assert options["retries"] >= 3


@pytest.mark.parametrize("names", [NAMES, NAMES])
def test_immutable(names):
    assert names


@pytest.mark.parametrize("options", [{**DEFAULTS}, {**DEFAULTS, "retries": 4}])
def test_spread(options):
    assert options


@pytest.mark.parametrize("options", [copy.deepcopy(DEFAULTS), copy.deepcopy(DEFAULTS)])
def test_copies(options):
    assert options


@pytest.mark.parametrize("a, b", [(DEFAULTS, DEFAULTS)])
def test_same_case(a, b):
    assert a is b


@pytest.mark.parametrize("retries", [DEFAULTS["retries"], DEFAULTS["retries"]])
def test_items(retries):
    assert retries == 3
