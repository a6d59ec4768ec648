from pytest import fixture as fx
import pytest_asyncio


@fx(scope="module")
def api():  # expect: FXL401:1
    return object()


@pytest_asyncio.fixture
async def loop_name():  # expect: FXL401:1
    return "uvloop"


def test_api(api, loop_name):
    assert api
