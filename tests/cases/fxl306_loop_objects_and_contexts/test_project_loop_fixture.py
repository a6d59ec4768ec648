"""A project fixture named like aiohttp's `loop` is judged by its own teardown."""
import asyncio

import pytest


@pytest.fixture
def loop():  # expect: FXL401:1
    own = asyncio.new_event_loop()
    yield own
    own.close()


def test_sets_project_loop(loop):
    asyncio.set_event_loop(loop)  # expect: FXL306:5
