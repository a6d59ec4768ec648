def test_all(sqlite_conn, pg, mysql_pool, mssql, redis_client, mongo, clickhouse_client, sqlite_closed, mongo_closed, clickhouse_closed):
    assert sqlite_conn
