import sqlalchemy


def _engine(url):
    return sqlalchemy.create_engine(url)


def open_engine(url="sqlite:///app.db"):
    engine = _engine(url)
    return engine
