"""Only the current loop is process state: closing a response, a client, a server or a
loop the test made itself is not; aiohttp's loop_context and loop fixture put the
current loop back."""
import asyncio

import pytest
from aiohttp.test_utils import loop_context, teardown_test_loop


async def test_response_and_client_close(aiohttp_client, app):
    client = await aiohttp_client(app)
    resp = await client.get("/")
    resp.close()
    await resp.close()
    await client.close()


def test_connection_close(make_connection):
    connection = make_connection()
    connection.close()


def test_own_loop_closed():
    loop = asyncio.new_event_loop()
    loop.close()


def test_fixture_loop_closed(loop):
    loop.close()


def test_rebound_to_own_loop():
    loop = asyncio.get_event_loop()
    loop = asyncio.new_event_loop()
    loop.close()


def test_default_loop_closed():
    loop = asyncio.get_event_loop()
    loop.close()  # expect: FXL306:5


def test_policy_loop_closed():
    asyncio.get_event_loop_policy().get_event_loop().close()  # expect: FXL306:5


@pytest.fixture
def context_loop():
    with loop_context() as own:
        asyncio.set_event_loop(own)
        yield own


@pytest.fixture
def policy_left():
    asyncio.set_event_loop_policy(asyncio.DefaultEventLoopPolicy())  # expect: FXL306:5
    with loop_context() as own:
        yield own


def test_sets_fixture_loop_again(context_loop):
    asyncio.set_event_loop(context_loop)


def test_sets_plugin_loop_again(loop):
    asyncio.set_event_loop(loop)


def test_teardown_test_loop():
    own = asyncio.new_event_loop()
    asyncio.set_event_loop(own)
    teardown_test_loop(own)


def test_own_loop_left_current():
    own = asyncio.new_event_loop()
    asyncio.set_event_loop(own)  # expect: FXL306:5
    try:
        pass
    finally:
        own.close()


def test_uses_policy_left(policy_left):
    pass
