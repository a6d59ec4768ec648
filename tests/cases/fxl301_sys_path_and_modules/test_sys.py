import sys
from sys import path as import_path


def test_append(tmp_path):
    sys.path.append(str(tmp_path))  # expect: FXL301:5


def test_insert(tmp_path):
    sys.path.insert(0, str(tmp_path))  # expect: FXL301:5


def test_extend_and_remove():
    sys.path.extend(["/a", "/b"])  # expect: FXL301:5
    sys.path.remove("/c")  # expect: FXL301:5


def test_operators():
    sys.path += ["/c"]  # expect: FXL301:5
    sys.path[:0] = ["/d"]  # sys.path again: its first change is the finding


def test_imported_name():
    import_path.append("/e")  # expect: FXL301:5


def test_rebinding():
    sys.path = ["/only"]  # expect: FXL301:5


def test_modules():
    sys.modules["fake_module"] = object()  # expect: FXL301:5


def test_forgetting_modules_only_forces_a_fresh_import():
    del sys.modules["json"]
    sys.modules.pop("csv", None)


def test_insert_then_remove_the_same_path(tmp_path):
    sys.path.insert(0, str(tmp_path))
    try:
        import plugin  # noqa: F401
    finally:
        sys.path.remove(str(tmp_path))


def test_module_added_then_deleted():
    sys.modules["fake"] = object()
    del sys.modules["fake"]


def test_reads():
    assert "json" in sys.modules
    assert sys.path[0]
    first = sys.modules.get("os")
    assert first is not None
