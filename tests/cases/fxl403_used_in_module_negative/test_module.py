import pytest

pytestmark = pytest.mark.usefixtures("by_module_mark")


@pytest.fixture
def by_module_mark():
    return 0


@pytest.fixture
def by_argument():
    return 1


@pytest.fixture
def by_fixture(by_argument):
    return by_argument


@pytest.fixture
def by_mark():
    return 2


@pytest.fixture
def by_getfixturevalue():
    return 3


@pytest.fixture
def by_indirect(request):
    return request.param


@pytest.fixture
def in_generated_code():
    return 4


@pytest.fixture(autouse=True)
def automatic():
    return 5


@pytest.fixture
def placeholder():
    raise NotImplementedError


@pytest.fixture
def tmp_path():  # noqa: FXL401
    return "a look-alike of a built-in: plugins may request it"


def test_argument(by_fixture):
    assert by_fixture == 1


@pytest.mark.usefixtures("by_mark")
def test_mark():
    pass


def test_getfixturevalue(request):
    assert request.getfixturevalue("by_getfixturevalue") == 3


@pytest.mark.parametrize("by_indirect", [1], indirect=True)
def test_indirect(by_indirect):
    assert by_indirect == 1


def test_pytester_source(pytester):
    pytester.makepyfile("def test_x(in_generated_code):\n    pass\n")
