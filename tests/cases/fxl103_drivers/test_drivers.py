import asyncio

import asyncpg
import psycopg
import pymongo
import redis.asyncio

import pytest


@pytest.fixture
def pg():
    conn = psycopg.connect("dbname=test")  # expect: FXL103:12
    return conn


@pytest.fixture
def mongo():
    client = pymongo.MongoClient("mongodb://localhost")  # expect: FXL103:14
    return client


@pytest.fixture
async def apg():
    conn = await asyncpg.connect("postgresql://localhost/test")  # expect: FXL103:18
    return conn


@pytest.fixture
async def aredis():
    client = redis.asyncio.Redis()  # expect: FXL103:14
    yield client


@pytest.fixture
def loop():
    loop = asyncio.new_event_loop()  # expect: FXL103:12
    return loop


def test_drivers(pg, mongo, apg, aredis, loop):
    assert pg and mongo and apg and aredis and loop
