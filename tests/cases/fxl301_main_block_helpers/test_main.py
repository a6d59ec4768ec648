import os


def _configure_for_manual_runs():
    os.environ["MYAPP_MANUAL"] = "1"


def main():
    _configure_for_manual_runs()


def _configure_for_tests():
    os.environ["MYAPP_TEST"] = "1"  # expect: FXL301:5


def test_uses_configuration():
    _configure_for_tests()


if __name__ == "__main__":
    main()
