import os


def use_fake_home(path):
    os.environ["HOME"] = str(path)  # expect: FXL301:5


def test_home(tmp_path):
    use_fake_home(tmp_path)
    assert os.environ["HOME"] == str(tmp_path)


class FakeEnvironment:
    def __init__(self, values):
        self.values = values
        self.saved = {}

    def __enter__(self):
        for key, value in self.values.items():
            self.saved[key] = os.environ.get(key)
            os.environ[key] = value
        return self

    def __exit__(self, *exc):
        for key, value in self.saved.items():
            if value is None:
                del os.environ[key]
            else:
                os.environ[key] = value
