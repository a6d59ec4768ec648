import contextlib

import duckdb
import psycopg2
import redis


def pg(dsn):
    conn = psycopg2.connect(dsn)
    conn.autocommit = True
    return conn


def cache():
    return redis.Redis(host="localhost", port=6379)


def memory_db():
    return duckdb.connect()


@contextlib.contextmanager
def pg_session(dsn):
    conn = psycopg2.connect(dsn)
    try:
        yield conn
    finally:
        conn.close()


def closing_pg(dsn):
    return contextlib.closing(psycopg2.connect(dsn))


def connect(settings):
    # named like a resource call, but hands out a dict
    return {"dsn": settings["dsn"], "timeout": 5}


def pg_that_closes(dsn):
    conn = psycopg2.connect(dsn)
    conn.close()
    return conn
