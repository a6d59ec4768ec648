def test_dict_update(settings):
    settings.update(debug=True)  # expect: FXL102:5


def test_dict_pop(settings):
    assert settings.pop("debug") is False  # expect: FXL102:12


def test_list_insert(names):
    names.insert(0, "z")  # expect: FXL102:5


def test_set_add(seen):
    seen.add("x")  # expect: FXL102:5


def test_deque_appendleft(events):
    events.appendleft("start")  # expect: FXL102:5


def test_namespace_item(state):
    state.items.append(1)  # expect: FXL102:5


def test_namespace_attribute(state):
    state.flag = True  # expect: FXL102:5


def test_opaque_attribute_and_item(app):
    app.config["TESTING"] = True  # expect: FXL102:5


def test_opaque_distinctive_method(app):
    app.routes.append("/extra")  # expect: FXL102:5
