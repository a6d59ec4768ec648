import sys

import pytest

if sys.platform == "win32":

    @pytest.fixture
    def shell():
        return "cmd"

else:

    @pytest.fixture
    def shell():
        return "sh"


try:
    import json
except ImportError:  # pragma: no cover
    json = None

    @pytest.fixture
    def encoder():
        return repr

else:

    @pytest.fixture
    def encoder():
        return json.dumps


try:
    import ujson as fast_json
except ImportError:
    fast_json = None

    @pytest.fixture
    def fast():  # expect: FXL401:5
        return None

else:
    pass
finally:

    @pytest.fixture
    def fast():
        return "always defined, after either arm"


if sys.version_info >= (3, 10):

    @pytest.fixture
    def pattern():  # expect: FXL401:5
        return "match"

    @pytest.fixture
    def pattern():
        return "match, again"


def test_shell(shell, encoder, fast, pattern):
    assert shell and encoder
