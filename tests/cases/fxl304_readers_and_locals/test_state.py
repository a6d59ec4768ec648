import json

COUNT = 0


class Registry:
    items = []


SETTINGS = {"debug": False}


def test_writes_global():
    global COUNT
    COUNT = 5  # expect: FXL304:5


def test_reads_global():
    assert COUNT == 5


def test_local_named_like_the_global():
    COUNT = 1
    assert COUNT == 1


def test_writes_class_attribute():
    Registry.items = ["x"]  # expect: FXL304:5


def test_restores_class_attribute():
    saved = Registry.items
    Registry.items = []
    try:
        assert Registry.items == []
    finally:
        Registry.items = saved


def test_imported_module_is_not_module_state():
    json.decoder.scanstring = None  # expect: FXL305:5
