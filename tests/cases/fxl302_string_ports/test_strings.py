import asyncio

import pytest
import uvicorn


def test_port_as_string():
    uvicorn.run(object(), port="8080")  # expect: FXL302:32


async def test_loop_port_as_string():
    loop = asyncio.get_running_loop()
    await loop.create_server(asyncio.Protocol, "127.0.0.1", "8081")  # expect: FXL302:61


def test_client_url_string(requests_mock):
    requests_mock.get("http://localhost:8080/health")


def test_string_port_rejected():
    with pytest.raises(TypeError):
        uvicorn.run(object(), port="5000")
