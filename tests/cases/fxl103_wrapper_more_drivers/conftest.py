import aiomysql
import aiopg
import clickhouse_connect
import pymongo
import pymssql
import pytest
import redis.asyncio
import sqlite3


def clickhouse():
    return clickhouse_connect.get_client(host="localhost")


@pytest.fixture
def sqlite_conn(tmp_path):
    return sqlite3.Connection(tmp_path / "db.sqlite")  # expect: FXL103:12


@pytest.fixture
async def pg():
    conn = await aiopg.connect("dbname=test")  # expect: FXL103:18
    return conn


@pytest.fixture
async def mysql_pool():
    pool = await aiomysql.create_pool(host="localhost")  # expect: FXL103:18
    yield pool


@pytest.fixture
def mssql():
    return pymssql.connect(server="localhost")  # expect: FXL103:12


@pytest.fixture
def redis_client():
    return redis.asyncio.StrictRedis()  # expect: FXL103:12


@pytest.fixture
def mongo():
    return pymongo.AsyncMongoClient()  # expect: FXL103:12


@pytest.fixture
def clickhouse_client():
    return clickhouse()  # expect: FXL103:12


@pytest.fixture
def sqlite_closed(tmp_path):
    conn = sqlite3.Connection(tmp_path / "db.sqlite")
    yield conn
    conn.close()


@pytest.fixture
async def mongo_closed():
    client = pymongo.AsyncMongoClient()
    yield client
    await client.close()


@pytest.fixture
def clickhouse_closed():
    client = clickhouse()
    yield client
    client.close()
