import pytest


@pytest.mark.parametrize("kwargs", [{}, {"hostname": "unix"}])
def test_server(tmp_path, kwargs):
    if kwargs.get("hostname") == "unix":
        kwargs["hostname"] = f"unix://{tmp_path / 'test.sock'}"
    assert kwargs.get("hostname", "unix://").startswith("unix://")


@pytest.mark.parametrize("args", [["dir1", "dir2", "-v"], ["-v", "dir2", "dir1"]])
def test_args_after_options(tmp_path, args):
    d1 = tmp_path / "dir1"
    d2 = tmp_path / "dir2"
    for i, arg in enumerate(args):
        if arg == "dir1":
            args[i] = str(d1)
        elif arg == "dir2":
            args[i] = str(d2)
    assert len(args) == 3


@pytest.mark.parametrize("kwargs", [{"hostname": "unix"}, {"hostname": "localhost"}])
def test_read_before_the_guard(tmp_path, kwargs):
    assert kwargs["hostname"] in ("unix", "localhost")
    if kwargs.get("hostname") == "unix":
        kwargs["hostname"] = f"unix://{tmp_path / 'test.sock'}"  # expect: FXL201:9
    assert kwargs["hostname"]


@pytest.mark.parametrize("args", [["a", "-v"], ["-v", "b"]])
def test_every_item_rewritten(args):
    for i, arg in enumerate(args):
        if arg == "a":
            args[i] = "dir-a"  # expect: FXL201:13
        else:
            args[i] = "--" + arg
    assert args


@pytest.mark.parametrize("opts", [{"mode": "fast"}])
def test_guard_the_value_still_meets(opts):
    if opts.get("mode") == "fast":
        opts["mode"] = "fast"  # expect: FXL201:9
        opts["level"] = opts.get("level", 0) + 1
    assert opts["level"]
