import gc
import warnings

import aiohttp
import pytest


async def test_del_warns():
    session = aiohttp.ClientSession()
    with pytest.warns(ResourceWarning):
        del session
        gc.collect()


async def test_del_without_expecting_the_warning():
    session = aiohttp.ClientSession()  # expect: FXL105:15
    del session
    gc.collect()


async def test_del_expecting_another_warning():
    session = aiohttp.ClientSession()  # expect: FXL105:15
    with pytest.warns(DeprecationWarning):
        warnings.warn("old", DeprecationWarning)
        del session
