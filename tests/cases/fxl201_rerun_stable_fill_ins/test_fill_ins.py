import pytest


@pytest.mark.parametrize("dtype", ["float", "int64"])
@pytest.mark.parametrize("kwargs", [{}, {"index": [1]}])
def test_overwritten_before_read(dtype, kwargs):
    kwargs["dtype"] = dtype
    assert kwargs["dtype"] == dtype


@pytest.mark.parametrize("data", [{"a": 1}, {"a": 2, "args": [1]}])
def test_guarded_fill_in(data):
    if "args" not in data:
        data["args"] = []
    data.setdefault("out", "float64")
    assert data["args"] is not None


@pytest.mark.parametrize("read_kwargs", [{"sep": ","}, {"sep": ";"}])
def test_keyword_update_after_other_key_read(read_kwargs):
    if read_kwargs.get("sep") == ";":
        pass
    read_kwargs.update(comment="#")
    assert read_kwargs["comment"] == "#"


@pytest.mark.parametrize("data", [[1, 2, 1]])
def test_changed_after_read(data):
    assert sum(data) == 4
    data[1] = 0  # expect: FXL201:5
    assert sum(data) == 2


@pytest.mark.parametrize("counts", [{"n": 0}])
def test_counter(counts):
    counts["n"] += 1  # expect: FXL201:5
    assert counts["n"] == 1


@pytest.mark.parametrize("args", [["a", "b"]])
def test_pop(args):
    args.pop()  # expect: FXL201:5
    assert args == ["a"]


@pytest.mark.parametrize("opts", [{"a": 1}])
def test_conditional_overwrite(opts, request):
    if request.node.name.endswith("x"):
        opts["b"] = 2  # expect: FXL201:9
    assert opts


class TestClassData:
    pytestmark = pytest.mark.parametrize("config", [{"debug": False}])

    def test_sets(self, config):
        config["debug"] = True  # expect: FXL201:9

    def test_reads(self, config):
        assert config


@pytest.mark.parametrize("df", [1, 2])
@pytest.mark.parametrize("f, kwargs", [("low", {}), ("between", {"subset": [0]})])
def test_branch_on_same_case(f, kwargs, df):
    if f == "between":
        kwargs["left"] = df
    assert kwargs is not None


@pytest.mark.parametrize("f", ["low", "between"])
@pytest.mark.parametrize("kwargs", [{}, {"subset": [0]}])
def test_branch_on_other_case(f, kwargs):
    if f == "between":
        kwargs["left"] = 1  # expect: FXL201:9
    assert kwargs is not None


@pytest.mark.parametrize("kwargs", [{"columns": ["a"]}, {"tokenize": "porter"}])
def test_fill_in_after_reading_the_key(kwargs):
    had_columns = "columns" in kwargs
    if "columns" not in kwargs:
        kwargs["columns"] = ["a", "b"]  # expect: FXL201:9
    assert had_columns or kwargs["columns"] == ["a", "b"]


@pytest.mark.parametrize("runargs", [{"port": 0}, {}])
def test_overwrite_in_with_block(runargs, tmp_path):
    with open(tmp_path / "x", "w"):
        runargs["reload_dir"] = str(tmp_path)
    assert runargs["reload_dir"]


@pytest.mark.parametrize("kwargs", [{"hostname": "unix"}, {}])
def test_overwrite_after_reading_the_key(kwargs, tmp_path):
    # A one-shot normalisation: a rerun skips it (see fxl201_one_shot_normalisation).
    if kwargs.get("hostname") == "unix":
        kwargs["hostname"] = f"unix://{tmp_path}"
    assert kwargs is not None
