from mypkg.log import Logging


def test_sets_what_setup_sets_for_good():
    Logging._setup = True


def test_sets_another_value_than_setup():
    Logging._setup = "partly"  # expect: FXL305:5


def test_sets_a_flag_the_library_only_reads():
    Logging._colorize = True  # expect: FXL305:5
