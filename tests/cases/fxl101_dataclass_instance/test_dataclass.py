import dataclasses
from dataclasses import dataclass

import pytest


@dataclass
class Account:
    balance: int = 0


@dataclasses.dataclass(frozen=False, order=True)
class Limits:
    daily: int = 10


@pytest.fixture(scope="module")
def account():
    return Account(balance=5)  # expect: FXL101:5


@pytest.fixture(scope="module")
def limits():
    return Limits()  # expect: FXL101:5


def test_account(account, limits):
    assert account.balance == 5 and limits.daily == 10
