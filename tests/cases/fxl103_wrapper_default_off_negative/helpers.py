import sqlite3


def make_db(path):
    return sqlite3.connect(path)
