import uuid

import numpy as np
import pytest

MIXED_DTYPES = ["float16", "float32"]


@pytest.mark.parametrize("data", [{"a": ["a", "b"], "b": [1.0, 2.0]}])
def test_converted_again_alike(data):
    from numpy.dtypes import StringDType

    data["a"] = np.array(data["a"], dtype=StringDType())
    data["b"] = data["b"].astype("float64")
    assert data["a"] is not None


@pytest.mark.parametrize("typ, ad", [["float", {}], ["float", {"A": 1}], ["int", {}]])
def test_update_with_the_same_keys(typ, ad):
    if typ == "int":
        dtypes = MIXED_DTYPES
    else:
        dtypes = MIXED_DTYPES + ["float64"]
    arrays = [np.array(np.random.default_rng(2).random(3), dtype=d) for d in dtypes]
    ad.update(dict(zip(dtypes, arrays)))
    assert len(ad) >= 2


@pytest.mark.parametrize("data", [{"a": [1, 2]}])
def test_appended_to_its_own_value(data):
    data["a"] = data["a"] + [3]  # expect: FXL201:5
    assert data["a"][-1] == 3


@pytest.mark.parametrize("data", [{"n": 1}])
def test_function_of_its_own_value(data):
    data["n"] = np.negative(data["n"])  # expect: FXL201:5
    assert data["n"] == -1


@pytest.mark.parametrize("ad", [{}, {"A": 1}])
def test_update_with_keys_new_each_run(ad):
    keys = [str(uuid.uuid4())]
    ad.update(dict(zip(keys, [1])))  # expect: FXL201:5
    assert len(ad) <= 2


@pytest.mark.parametrize("ad", [{}, {"A": 1}])
def test_update_after_a_read(ad):
    size = len(ad)
    ad.update(dict(zip(MIXED_DTYPES, [1, 2])))  # expect: FXL201:5
    assert len(ad) == size + 2


@pytest.mark.parametrize("data", [{"a": [2, 1]}])
def test_conversion_after_a_read(data):
    assert data["a"] == [2, 1]
    data["a"] = sorted(data["a"])  # expect: FXL201:5
