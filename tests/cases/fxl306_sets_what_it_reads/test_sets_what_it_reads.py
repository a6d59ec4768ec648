"""A setter handed the current value of its own slot changes nothing; handed anything
else (another slot's value, a new handler), it does."""
import signal
import socket
import sys
from signal import getsignal


def handler(signum, frame):
    pass


def is_main_thread():
    """trio's probe: only the main thread may install a signal handler."""
    try:
        signal.signal(signal.SIGINT, signal.getsignal(signal.SIGINT))
        return True
    except (TypeError, ValueError):
        return False


def test_main_thread_probe():
    assert is_main_thread()


def test_same_slot_imported_getter():
    signal.signal(signal.SIGTERM, getsignal(signal.SIGTERM))


def test_unkeyed_setters_given_their_reads():
    socket.setdefaulttimeout(socket.getdefaulttimeout())
    sys.setrecursionlimit(sys.getrecursionlimit())


def test_another_slots_handler():
    signal.signal(signal.SIGUSR1, signal.getsignal(signal.SIGUSR2))  # expect: FXL306:5


def test_new_handler():
    signal.signal(signal.SIGUSR1, handler)  # expect: FXL306:5


def test_changed_read():
    sys.setrecursionlimit(sys.getrecursionlimit() + 100)  # expect: FXL306:5
