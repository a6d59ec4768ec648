import os
import subprocess
import sys

import config


class Settings:
    debug = False


def test_copy_of_environ():
    env = os.environ.copy()
    env["A"] = "1"
    del env["HOME"]
    env.update(B="2")
    subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)


def test_dict_of_environ():
    env = dict(os.environ)
    env["A"] = "1"
    copy = {**os.environ, "B": "2"}
    copy["C"] = "3"


def test_alias_rebound_to_a_copy():
    env = os.environ
    env = env.copy()
    env["A"] = "1"


def test_path_copy():
    path = list(sys.path)
    path.append("/opt")
    path.insert(0, "/x")


def test_locals_shadow_module_names():
    config = object.__new__(Settings)
    config.debug = True
    Settings = type("Settings", (), {})
    Settings.debug = True


def test_parameters_and_fixture_values(settings, tmp_path, request):
    settings.DEBUG = True
    tmp_path.name_hint = "x"
    request.node.flag = True


class TestMethods:
    def test_self(self):
        self.value = 1
        self.nested.value = 2

    @classmethod
    def setup_class(cls):
        cls.shared = 1


def test_local_objects():
    box = Settings()
    box.debug = True
    setattr(box, "debug", False)
