import pytest


@pytest.fixture
def base_url(base_url):
    return base_url + "/sub"


@pytest.fixture
def local_orphan():  # expect: FXL403:1
    # orphan is mentioned in this comment only
    return None
