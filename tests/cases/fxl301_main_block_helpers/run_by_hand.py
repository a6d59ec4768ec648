import os


def test_like_but_not_collected():
    os.environ["MYAPP_SCRIPT"] = "1"
