import pytest


@pytest.fixture(name="user")
def make_user():  # expect: FXL401:1
    return "alice"


@pytest.fixture
def user():
    # pytest reads a module's attributes in dir() order: `user` after `make_user` wins
    return "bob"


@pytest.fixture
def account():
    return 1


class TestAccounts:
    @pytest.fixture
    def account(self):
        # narrows the module's fixture in plain sight: not silent, not flagged
        return 2

    @pytest.fixture
    def balance(self):  # expect: FXL401:5
        return 0

    @pytest.fixture
    async def balance(self):
        return 10

    def test_account(self, account, user):
        assert account == 2


class TestOther:
    @pytest.fixture
    def balance(self):
        return 5

    def test_balance(self, balance):
        assert balance == 5


class TestNested:
    @pytest.fixture
    def depth(self):
        return 1

    class TestInner:
        @pytest.fixture
        def depth(self):
            return 2

        def test_depth(self, depth):
            assert depth == 2
