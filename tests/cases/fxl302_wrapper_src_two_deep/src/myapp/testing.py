import socket


def _listen(port):
    sock = socket.socket()
    sock.bind(("127.0.0.1", port))
    sock.listen(5)
    return sock


def _start(port=9000):
    return _listen(port)


def run_app():
    return _start()


def run_app_on(port):
    return _start(port)
