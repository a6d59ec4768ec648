import types
from collections import namedtuple
from dataclasses import dataclass
from typing import NamedTuple

import pytest

Point = namedtuple("Point", "x y")


class Pair(NamedTuple):
    left: int
    right: int


@dataclass(frozen=True)
class Settings:
    debug: bool = False


@pytest.fixture(scope="session")
def names():
    return ("alice", "bob")


@pytest.fixture(scope="session")
def tags():
    return frozenset({"slow", "db"})


@pytest.fixture(scope="session")
def options():
    return types.MappingProxyType({"verbose": True})


@pytest.fixture(scope="session")
def settings():
    return Settings()


@pytest.fixture(scope="session")
def point():
    return Point(1, 2)


@pytest.fixture(scope="session")
def pair():
    return Pair(1, 2)


@pytest.fixture(scope="session")
def url():
    return "https://example.invalid"


@pytest.fixture(scope="session")
def port_count():
    return 3


def test_values(names, tags, options, settings, point, pair, url, port_count):
    assert names and tags and options and settings and point and pair and url and port_count
