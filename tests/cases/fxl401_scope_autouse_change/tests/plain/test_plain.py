import pytest


@pytest.fixture
def database(connection):
    # reaches the `database` it hides through `connection` (pytest hands a
    # dependency's request of `database` the next definition up): deliberate
    return connection[1]


class TestPlain:
    @pytest.fixture(scope="class")
    def settings(self):  # expect: FXL401:5
        # tests/conftest.py hands each test a fresh `settings`; this one is shared
        return ("class",)

    def test_plain(self, database, user, settings):
        assert database and user and settings
