from sqlalchemy import select, text


def test_query_then_update(session):
    user = session.query(User).filter_by(name="a").one()
    session.execute(text("UPDATE users SET name = 'b'"))
    assert user.name == "b"  # expect: FXL504:12


def test_get_then_connection_update(session):
    user = session.get(User, 1)
    sql = text("UPDATE users SET active = 0")
    session.connection().execute(sql)
    assert not user.active  # expect: FXL504:16


def test_scalars_then_delete(session):
    order = session.scalars(select(Order)).one()
    session.execute(text("DELETE FROM orders WHERE id = 1"))
    assert order.total == 0  # expect: FXL504:12


def test_expire_before_reading(session):
    user = session.query(User).filter_by(name="a").one()
    session.execute(text("UPDATE users SET name = 'b'"))
    session.expire(user)
    assert user.name == "b"


def test_refresh_and_expire_all(session):
    user = session.get(User, 1)
    session.execute(text("UPDATE users SET name = 'b'"))
    session.expire_all()
    assert user.name == "b"


def test_committed(session):
    user = session.get(User, 1)
    session.execute(text("UPDATE users SET name = 'b'"))
    session.commit()
    assert user.name == "b"


def test_loaded_after(session):
    session.execute(text("UPDATE users SET name = 'b'"))
    user = session.get(User, 1)
    assert user.name == "b"


def test_other_table(session):
    user = session.get(User, 1)
    session.execute(text("UPDATE orders SET total = 0"))
    assert user.name == "a"
