import os

import werkzeug.security as security

_ORIGINAL_SEPS = security._os_alt_seps


def test_restores_a_value_saved_at_module_level():
    security._os_alt_seps = "*"
    assert security._os_alt_seps == "*"
    security._os_alt_seps = _ORIGINAL_SEPS


def test_writing_back_the_module_level_value_alone_is_a_reset():
    security._os_alt_seps = _ORIGINAL_SEPS


def test_restore_to_a_mistyped_name_leaves_the_original_changed():
    prev_value = security._os_alt_seps
    security._os_alt_seps = "*"  # expect: FXL305:5
    security._os_alt_steps = prev_value


def test_saved_from_another_key_is_not_a_restore():
    home = os.environ.get("HOME")
    os.environ["OTHER_HOME"] = home  # expect: FXL301:5


class TestSavedInSetup:
    def setup_method(self):
        self.old_cwd = os.getcwd()

    def test_goes_back_to_the_directory_setup_saved(self, tmp_path):
        os.chdir(tmp_path)
        assert os.getcwd() == str(tmp_path)
        os.chdir(self.old_cwd)
