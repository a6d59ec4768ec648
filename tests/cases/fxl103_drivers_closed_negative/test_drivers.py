import asyncio

import asyncpg
import psycopg
import pymongo
import redis.asyncio

import pytest


@pytest.fixture
def pg():
    conn = psycopg.connect("dbname=test")
    yield conn
    conn.close()


@pytest.fixture
def mongo():
    with pymongo.MongoClient("mongodb://localhost") as client:
        yield client


@pytest.fixture
async def apg():
    conn = await asyncpg.connect("postgresql://localhost/test")
    yield conn
    await conn.close()


@pytest.fixture
async def aredis():
    client = redis.asyncio.Redis()
    yield client
    await client.aclose()


@pytest.fixture
def loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def test_drivers(pg, mongo, apg, aredis, loop):
    assert pg and mongo and apg and aredis and loop
