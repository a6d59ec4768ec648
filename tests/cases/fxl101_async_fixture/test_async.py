import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="session")
async def registry():
    return {"handlers": ()}  # expect: FXL101:5


@pytest.fixture(scope="module")
async def seen():
    yield set()  # expect: FXL101:5


def test_registry(registry, seen):
    assert registry and not seen
