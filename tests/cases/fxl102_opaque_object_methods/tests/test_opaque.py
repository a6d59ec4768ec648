def test_database_insert(db):
    db.insert("users", obj={"name": "alice"})
    db.update("users", {"name": "bob"})
    db.pop("users")


def test_orm_session(orm):
    orm.add(object())
    orm.remove()
    orm.clear()


def test_cache(store):
    store.update(key="value")
    store.add("key", 1)


def test_app(app):
    app.add_url_rule("/x", "x", lambda: "x")
    app.client.post("/x", data={})
    app.extensions.update(name="x")
    app.session.add(object())


def test_queue(queue):
    queue.put(1)
    queue.insert(0, 1)
