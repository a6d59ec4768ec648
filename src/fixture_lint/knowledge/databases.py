"""Databases: what hands out a connection, session, engine or cursor, which SQL statements
and ORM calls write, what isolates one test's writes from the next, and which values look
unique. Data only; the logic lives in ``state/databases.py``."""
from __future__ import annotations

import re

# Calls whose result is a database handle (qualified names). The connect calls of the
# resource table (``knowledge/resources.py``) count too: every entry of kind
# ``database connection`` or ``SQLAlchemy engine``.
DATABASE_CALLS = frozenset(
    {
        "sqlite3.connect", "psycopg2.connect", "psycopg.connect", "psycopg.Connection.connect",
        "pymysql.connect", "MySQLdb.connect", "mysql.connector.connect", "pyodbc.connect",
        "duckdb.connect", "cx_Oracle.connect", "oracledb.connect", "apsw.Connection",
        "sqlalchemy.create_engine", "sqlalchemy.engine.create_engine",
        "sqlalchemy.ext.asyncio.create_async_engine",
        "sqlalchemy.orm.Session", "sqlalchemy.orm.session.Session", "sqlalchemy.orm.sessionmaker",
        "sqlalchemy.orm.scoped_session", "sqlalchemy.ext.asyncio.AsyncSession",
        "sqlmodel.Session", "sqlmodel.create_engine", "peewee.SqliteDatabase",
        "peewee.PostgresqlDatabase", "peewee.MySQLDatabase", "sqlite_utils.Database",
        "dataset.connect", "records.Database",
    }
)
# Methods that make a handle from a handle (``engine.connect()``, ``conn.cursor()``,
# ``Session()`` from a sessionmaker is a plain call of a handle).
DERIVING_METHODS = frozenset({"connect", "cursor", "begin", "raw_connection", "execution_options", "get_bind"})

# Arguments of a connect call that name where the database lives.
LOCATION_ARGS = ("0", "database", "url", "dsn", "filename", "path")

# Statement verbs (the first keyword of a statement) that change a database.
WRITE_VERBS = frozenset({"INSERT", "UPDATE", "DELETE", "DROP", "CREATE", "TRUNCATE", "ALTER", "REPLACE", "MERGE", "UPSERT"})
READ_VERBS = frozenset({"SELECT", "WITH"})
# Statements that write session or connection settings rather than tables: writes with no table.
SETTING_VERBS = frozenset({"SET", "PRAGMA"})
EXECUTE_METHODS = frozenset({"execute", "executemany", "executescript", "exec_driver_sql", "exec", "query"})

# ORM session methods that stage a write, and those that make it visible to others.
ORM_WRITES = frozenset({"add", "add_all", "delete", "merge", "bulk_save_objects", "bulk_insert_mappings", "bulk_update_mappings"})
ORM_FLUSHES = frozenset({"commit", "flush"})
ORM_READS = frozenset({"query", "get", "scalars", "scalar", "get_one"})
# Session methods that drop what the identity map remembers.
ORM_EXPIRES = frozenset({"expire", "expire_all", "refresh", "commit", "rollback", "close", "expunge", "expunge_all", "invalidate"})
# SQLAlchemy's ``text()``: a raw SQL string handed to ``session.execute``.
TEXT_CALLS = frozenset({"sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text", "sqlmodel.text"})

# What undoes a test's writes: calls on a handle, and words in SQL run after the test.
UNDO_METHODS = frozenset({"rollback", "rollback_to", "begin_nested", "truncate", "drop_all", "delete_all", "close_all_sessions"})
UNDO_VERBS = frozenset({"DELETE", "TRUNCATE", "DROP", "ROLLBACK"})

# Fixtures and marks that give each test an isolated database (pytest-django: every test
# runs in a transaction rolled back after it, or in a flushed database).
ISOLATING_FIXTURES = frozenset(
    {
        "db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback",
        "live_server", "dbsession", "db_session_rollback",
    }
)
ISOLATING_MARKS = frozenset({"django_db"})
ISOLATING_BASES = frozenset({"TestCase", "TransactionTestCase", "APITestCase", "LiveServerTestCase"})
"""Django's and DRF's test case classes (by last name) roll back or flush per test."""

# Columns and literal shapes that must be unique in a table.
UNIQUE_COLUMNS = frozenset({"email", "username", "user_name", "login", "slug", "handle", "nickname", "uuid", "token", "api_key", "phone"})
UNIQUE_LOOKING = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)

# ``assert user.id == 1``: attributes and keys that hold a generated key.
ID_ATTRIBUTES = frozenset({"id", "pk", "lastrowid", "rowid", "inserted_primary_key"})

# Paths a test may reach that are fresh per test or per run, or nowhere on disk.
MEMORY_LOCATIONS = (":memory:", "file::memory:", "sqlite://", "sqlite:///:memory:", "sqlite+pysqlite://", "sqlite+pysqlite:///:memory:")
FRESH_PATH_FIXTURES = frozenset({"tmp_path", "tmpdir", "tmp_path_factory", "tmpdir_factory"})
