import socket
import threading
import time


def test_sockets_closed_in_a_loop():
    sockets = []
    for _ in range(4):
        a, b = socket.socketpair()
        sockets += [a, b]
    for sock in sockets:
        sock.close()


def test_thread_polled_until_done():
    thread = threading.Thread(target=time.sleep, args=(0.01,))
    thread.start()
    while thread.is_alive():
        time.sleep(0.01)


def test_thread_polled_until_started():
    thread = threading.Thread(target=time.sleep, args=(0.01,))  # expect: FXL105:14
    thread.start()
    while not thread.is_alive():
        time.sleep(0.01)


def test_file_read_into_text(tmp_path):
    text = ""
    f = open(tmp_path / "a.txt")  # expect: FXL105:9
    text += f.read()
    assert text == ""
