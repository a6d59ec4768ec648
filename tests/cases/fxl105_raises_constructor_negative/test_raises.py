import httpx
import pytest


async def test_constructor_rejects_auth():
    with pytest.raises(TypeError):
        client = httpx.AsyncClient(auth="not a tuple")


def test_constructor_rejects_bare():
    with pytest.raises(TypeError):
        httpx.Client(auth=1)
