import socket


def test_bind_ipv4():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 8080))  # expect: FXL302:33
        sock.listen()


def test_bind_ipv6():
    with socket.socket(socket.AF_INET6) as sock:
        sock.bind(("::1", 8081, 0, 0))  # expect: FXL302:27


def test_bind_all_interfaces():
    sock = socket.socket()
    sock.bind(("", 9000))  # expect: FXL302:20
    sock.close()
